"""`acplans run` as a library: files -> documents -> extractions -> rows ->
comparison -> Parquet tables.

Data flows one way and each stage is a plain function: ``collect_inputs``,
``process_file`` (read, split, extract, normalise one file), ``assemble``
(the normaliser's cross-document stage, then the comparator) and
``write_tables``. A file that cannot be read becomes a ``documents`` row
with status ``error`` and the batch goes on.
"""
from __future__ import annotations

import logging
import os
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from acplans.compare import compare_all
from acplans.extract.dispatch import extract_document
from acplans.extract.formats import DEFAULT_OPTIONS, ReadOptions, document_suffixes
from acplans.extract.model import UnreadableDocument
from acplans.extract.reader import file_sha256, read_document
from acplans.normalize.build import NormalisedDocument, normalise_extraction, unreadable_document_row
from acplans.normalize.crossdoc import normalise_batch
from acplans.schemas.bundle import Tables
from acplans.schemas.rows import DocumentRow
from acplans.schemas.tables import write_tables

log = logging.getLogger(__name__)

@dataclass
class FileResult:
    path: Path
    status: str  # "ok" | "error"
    error: str | None = None
    documents: list[NormalisedDocument] = field(default_factory=list)
    log_path: str | None = None  # the traceback of a reader's own failure


@dataclass
class RunResult:
    files: list[FileResult]
    tables: Tables
    written: dict[str, Path] = field(default_factory=dict)
    # Failures of the cross-document stage: the extracted tables are still
    # written, without findings, so a comparator bug loses no extraction.
    errors: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "error"]


@dataclass
class Skipped:
    path: Path
    reason: str


@dataclass
class Inputs:
    files: list[Path]
    # What a folder walk left out, so a run can say so instead of dropping
    # files silently.
    skipped: list[Skipped] = field(default_factory=list)


def collect_inputs(paths: Iterable[str | Path]) -> Inputs:
    """Files named directly, and document files found in folders (recursively),
    in a stable order without duplicates. A file named on the command line is
    read whatever its name, as formats are told apart by content; in folders,
    only suffixes some reader takes are read, and hidden files and folders are
    left alone. Everything left out is listed in ``skipped``."""
    found: list[Path] = []
    skipped: list[Skipped] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files, left_out = walk_folder(path)
            found += files
            skipped += left_out
        else:
            found.append(path)
    unique: dict[Path, Path] = {}
    for p in found:  # realpath, unlike resolve, does not raise on a symlink loop
        unique.setdefault(Path(os.path.realpath(p)), Path(os.path.abspath(p)))
    # Each file keeps the name it was given by, so a link's row names the link.
    return Inputs(list(unique.values()), skipped)


def walk_folder(root: Path) -> tuple[list[Path], list[Skipped]]:
    suffixes = document_suffixes()
    files: list[Path] = []
    skipped: list[Skipped] = []
    for folder, subfolders, names in os.walk(root):
        here = Path(folder)
        # A hidden folder (.git, .venv) counts once, not once per file inside.
        for name in [d for d in subfolders if d.startswith(".")]:
            skipped.append(Skipped(here / name, "hidden folder"))
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in names:
            path = here / name
            if name.startswith("."):
                skipped.append(Skipped(path, "hidden file"))
            elif path.suffix.lower() not in suffixes:
                skipped.append(Skipped(path, f"no reader for {path.suffix or 'files without a suffix'}"))
            elif path.is_file():
                files.append(path)
            else:
                skipped.append(Skipped(path, "not a regular file"))
    return sorted(files), sorted(skipped, key=lambda s: s.path)


def process_file(path: Path, options: ReadOptions = DEFAULT_OPTIONS) -> FileResult:
    try:
        doc = read_document(path, options)
    except UnreadableDocument as exc:
        return FileResult(path, "error", exc.reason, log_path=exc.log_path)
    try:
        documents = [normalise_extraction(ex) for ex in extract_document(doc)]
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


def run(paths: Iterable[str | Path], out_dir: Path, *,
        on_file: Callable[[FileResult], None] | None = None,
        files: list[Path] | None = None, options: ReadOptions = DEFAULT_OPTIONS) -> RunResult:
    files = files if files is not None else collect_inputs(paths).files
    results = []
    for path in files:
        result = process_file(path, options)
        results.append(result)
        if on_file:
            on_file(result)
    errors: list[str] = []
    tables = assemble(results, errors)
    written = write_tables(Path(out_dir), tables)
    return RunResult(results, tables, written, errors)
