"""`acplans run` as a library: files -> documents -> extractions -> rows ->
comparison -> Parquet tables.

Data flows one way and each stage is a plain function: ``collect_inputs``
(``acplans.inputs``),
``process_file`` (read, split, extract, normalise one file), ``process_files``
(every file, from the cache or in worker processes or on a Dask cluster,
where a long PDF is shared out in page ranges: ``chunks``),
``assemble`` (the normaliser's cross-document stage, then the comparator)
and ``write_tables``. A file that cannot be read, times out, runs out of
memory or crashes its worker becomes a ``documents`` row with status
``error`` and the batch goes on.
"""
from __future__ import annotations

import logging
import shutil
import threading
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from acplans.batch import Failed, Limits, Pool
from acplans.cache import ResultCache
from acplans.chunks import (AssemblePages, ChunkSettings, RangeRead, ReadFile, ReadPages, Split, assemble_pages,
                            read_or_split, read_pages, run_files)
from acplans.compare import compare_all
from acplans.extract.dispatch import extract_document
from acplans.extract.formats import DEFAULT_OPTIONS, ReadOptions
from acplans.extract.model import Document, UnreadableDocument
from acplans.extract.reader import file_sha256, read_document
from acplans.inputs import collect_inputs
from acplans.run_record import RunRecord, hash_inputs, inputs_key
from acplans.normalize.build import NormalisedDocument, normalise_extraction, unreadable_document_row
from acplans.normalize.crossdoc import normalise_batch
from acplans.normalize.language import english
from acplans.schemas.bundle import Tables
from acplans.schemas.rows import DocumentRow

log = logging.getLogger(__name__)

@dataclass
class FileResult:
    path: Path
    status: str  # "ok" | "error"
    error: str | None = None
    documents: list[NormalisedDocument] = field(default_factory=list)
    # Failed for want of time or memory, or lost with its worker: worth
    # trying again with other limits, so never cached.
    transient: bool = False
    from_cache: bool = False
    log_path: str | None = None  # the traceback of a reader's own failure


@dataclass(frozen=True)
class BatchOptions:
    """How a run spreads its files. ``workers=0`` reads in this process
    without per-file limits (library use); the command line's default is
    one worker per available core."""

    workers: int = 0
    limits: Limits = Limits()
    cache_dir: Path | None = None
    dask: str | None = None  # a scheduler address, or "local"
    # How long PDFs are split into page ranges when there are workers to
    # share them (workers > 1, or Dask); None reads every file whole.
    chunking: ChunkSettings | None = ChunkSettings()


@dataclass
class RunResult:
    files: list[FileResult]
    tables: Tables
    written: dict[str, Path] = field(default_factory=dict)
    # Failures of the cross-document stage: the extracted tables are still
    # written, without findings, so a comparator bug loses no extraction.
    errors: list[str] = field(default_factory=list)
    record: RunRecord | None = None  # what the summary and exit code say

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "error"]


def process_file(path: Path, options: ReadOptions = DEFAULT_OPTIONS) -> FileResult:
    try:
        doc = read_document(path, options)
    except UnreadableDocument as exc:
        return unreadable(path, exc)
    return extract_file(path, doc)


def work(task: ReadFile | ReadPages | AssemblePages) -> FileResult | Split | RangeRead:
    """What a worker does with a task of ``chunks.run_files``: a whole file,
    or a long PDF's first page, one of its page ranges or their assembly."""
    if isinstance(task, ReadFile) and task.chunking is None:
        return process_file(task.path, task.options)
    try:
        if isinstance(task, ReadPages):
            return read_pages(task)
        doc = assemble_pages(task) if isinstance(task, AssemblePages) else read_or_split(
            task.path, task.options, task.chunking)
    except UnreadableDocument as exc:
        return unreadable(task.path, exc)
    return doc if isinstance(doc, Split) else extract_file(task.path, doc)


def unreadable(path: Path, exc: UnreadableDocument) -> FileResult:
    return FileResult(path, "error", exc.reason, log_path=exc.log_path)


def extract_file(path: Path, doc: Document) -> FileResult:
    try:
        documents = [normalise_extraction(ex) for ex in extract_document(doc)]
    except MemoryError:
        raise  # the worker reports it as the limit it is, not as a bug
    except Exception as exc:  # a bug must not sink the batch; it is reported as one
        log.debug("extraction failed for %s\n%s", path, traceback.format_exc())
        return FileResult(path, "error", f"internal error while extracting ({type(exc).__name__}: {exc}); "
                                         "please report it with this file")
    return FileResult(path, "ok", None, documents)


def error_row(result: FileResult) -> DocumentRow:
    try:
        sha = file_sha256(result.path)
    except OSError:
        sha = None
    return unreadable_document_row(str(result.path), result.error or "unreadable", sha)


def assemble(results: list[FileResult], errors: list[str] | None = None) -> Tables:
    """The run's tables: the normaliser's cross-document stage, then the comparator.

    A comparator failure is appended to ``errors`` (raised when it is None)
    and the tables are kept without matches or findings.
    """
    batch = normalise_batch([d for r in results for d in r.documents],
                            [error_row(r) for r in results if r.status == "error"])
    try:
        return compare_all(batch)
    except Exception as exc:
        log.debug("comparison failed\n%s", traceback.format_exc())
        if errors is None:
            raise
        errors.append(f"internal error while comparing plans with reports ({type(exc).__name__}: {exc}); "
                      "tables written without findings; please report it")
        return batch.tables


def process_files(files: list[Path], options: ReadOptions = DEFAULT_OPTIONS, batch: BatchOptions = BatchOptions(), *,
                  on_start: Callable[[Path], None] | None = None,
                  on_file: Callable[[FileResult], None] | None = None,
                  shas: list[str | None] | None = None) -> list[FileResult]:
    """``process_file`` for every file, in input order: from the cache where
    the same bytes were read by the same code before, the rest in this
    process, in worker processes or on Dask. ``shas``, the files' sha256
    (None for one that could not be read), saves hashing them again."""
    cache = ResultCache(batch.cache_dir) if batch.cache_dir else None
    results: list[FileResult | None] = [None] * len(files)
    if cache and shas is None:
        shas = hash_inputs(files)
    todo: list[int] = []
    for i, path in enumerate(files):
        if cache:
            hit = cache.get(shas[i], path, options) if shas[i] else None
            if isinstance(hit, FileResult):
                hit.from_cache = True
                results[i] = hit
                if on_file:
                    on_file(hit)
                continue
        todo.append(i)

    def done(k: int, value) -> None:
        i = todo[k]
        result = value if isinstance(value, FileResult) else FileResult(
            files[i], "error", value.reason if isinstance(value, Failed) else str(value), transient=True)
        results[i] = result
        if cache and shas[i] and not result.transient:
            cache.put(shas[i], files[i], options, result)
        if on_file:
            on_file(result)

    def started(k: int) -> None:
        if on_start:
            on_start(files[todo[k]])

    # Page chunks only pay where workers would otherwise idle beside a long file.
    chunking = batch.chunking if batch.dask or batch.workers > 1 else None
    tasks = [ReadFile(files[i], options, chunking) for i in todo]
    if batch.dask:
        from acplans.cluster import DaskPool
        with DaskPool(batch.dask, work, workers=batch.workers, limits=batch.limits) as on_dask:
            run_files(on_dask, tasks, on_done=done)
    elif batch.workers > 0:
        with Pool(work, workers=batch.workers, limits=batch.limits) as pool:
            run_files(pool, tasks, on_done=done, on_start=started)
    else:
        for k, task in enumerate(tasks):
            started(k)
            done(k, process_file(task.path, options))
    if cache:
        cache.prune()
    return [r for r in results if r is not None]


def warm_comparator() -> threading.Thread:
    """Build the comparator's spaCy pipeline while workers read: this
    process only waits on them, and would otherwise pay the second it takes
    after the last file, when nothing else is left to run."""
    thread = threading.Thread(target=english, name="warm-comparator", daemon=True)
    thread.start()
    return thread


def run(paths: Iterable[str | Path], out_dir: Path, *,
        on_file: Callable[[FileResult], None] | None = None,
        on_start: Callable[[Path], None] | None = None,
        files: list[Path] | None = None, options: ReadOptions = DEFAULT_OPTIONS,
        batch: BatchOptions = BatchOptions(), shas: list[str | None] | None = None) -> RunResult:
    """Every stage, and the tables written to ``out_dir`` as one set whose
    manifest keeps the run's record; with a cache, the record names the
    inputs (``acplans.run_record``) so an unchanged re-run can stop early."""
    files = files if files is not None else collect_inputs(paths).files
    from acplans.schemas.output import prepare_output, write_tables  # pyarrow: only once a run will write

    staging = prepare_output(Path(out_dir))  # before the work: an unwritable folder fails now
    if batch.cache_dir and shas is None:
        shas = hash_inputs(files)
    try:
        warming = warm_comparator() if batch.workers or batch.dask else None
        results = process_files(files, options, batch, on_start=on_start, on_file=on_file, shas=shas)
        if warming:
            warming.join()
        errors: list[str] = []
        tables = assemble(results, errors)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    outcome = RunResult(results, tables, errors=errors)
    key = inputs_key(files, shas, options) if batch.cache_dir and shas and all(shas) else None
    outcome.record = RunRecord.of(outcome, key)
    outcome.written = write_tables(Path(out_dir), tables, staging, outcome.record.to_json())
    return outcome
