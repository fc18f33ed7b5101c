"""The `acplans` command line: a thin click layer over the library."""
from __future__ import annotations

import atexit
import functools
import json
import os
import sys
import threading
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING

# numpy serves the readers' element-wise array work and never a matrix
# product, yet OpenBLAS starts a thread per core at import, whose spinning
# costs ~0.1 CPU-s a process: a third of `acplans inspect` on a short PDF.
# Set before anything imports numpy; a user's own setting stands.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import click  # noqa: E402 - after the environment numpy reads at import

from . import __version__
from .batch import DEFAULT_FILE_TIMEOUT, DEFAULT_MEMORY_MB, tune_collector
from .extract.formats import OcrMode, PdfEngine, ReadOptions, labels
from .extract.model import UnreadableDocument
from .console import fail_softly
from .extract.reader import read_document
from .inspect_view import document_to_dict, page_tables_to_dict, summarise

if TYPE_CHECKING:
    from .run_record import RunRecord


class Exit(IntEnum):
    """`acplans run` exit codes; the worst that applies wins."""

    OK = 0
    FINDINGS = 1  # findings at or above --fail-on (as `acplans check`)
    USAGE = 2  # a bad option, no input files, an output folder that cannot be written
    SOME_FAILED = 3  # some files failed; the tables hold the rest and an error row for each
    NOTHING_EXTRACTED = 4  # no file could be read
    NOT_WRITTEN = 5  # the tables failed validation, an internal error: the previous output stands


EXIT_CODES_HELP = """\b
Exit codes:
  0  every file read, no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage error: bad option, no input files, output folder not writable
  3  some files failed (timed out, out of memory, unreadable); the rest are written
  4  nothing extracted: no file could be read
  5  nothing written: the tables failed validation (please report it)"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="acplans")
def main() -> None:
    """Extract recommendations and action plans from inspection documents
    and check them against each other.

    Example:

        acplans run samples/ --out output/
    """
    tune_collector()


def read_options(fn):
    """The reading choices every command that reads documents offers, as one
    ``ReadOptions`` argument named ``options``."""
    @click.option("--pdf-engine", type=click.Choice([e.value for e in PdfEngine]), default=PdfEngine.PDFIUM.value,
                  show_default=True, help="Which library reads PDFs (pdfplumber: the older, slower engine).")
    @click.option("--ocr", type=click.Choice([m.value for m in OcrMode]), default=OcrMode.AUTO.value,
                  show_default=True,
                  help="Read PDF pages from their image: auto (scans, and text that does not decode), "
                       "always, or never.")
    @functools.wraps(fn)
    def wrapper(*args, pdf_engine: str, ocr: str, **kwargs):
        return fn(*args, options=ReadOptions(pdf_engine=PdfEngine(pdf_engine), ocr=OcrMode(ocr)), **kwargs)
    return wrapper


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the whole document model as JSON.")
@click.option("--tables-json", "tables_json", is_flag=True,
              help='Print only the tables as found on each page, before joining tables split by a page '
                   'break: {"tables": [{"page": N, "rows": [[cell, ...], ...]}, ...]}.')
@click.option("--width", default=100, show_default=True, help="Clip text to this many characters.")
@click.option("--page", "page_number", default=1, show_default=True, help="The PDF page --png draws (1-based).")
@click.option("--png", "png_path", type=click.Path(dir_okay=False),
              help="Draw the page with its words, rules, cells, column gutters and numbered blocks to this PNG.")
@read_options
def inspect(files: tuple[str, ...], as_json: bool, tables_json: bool, width: int, page_number: int,
            png_path: str | None, options: ReadOptions) -> None:
    """Show the document model of FILES: pages, blocks by kind, tables and
    running heads, as every later stage sees them.

    Example:

        acplans inspect samples/home-group-action-plan-2010.pdf
        acplans inspect samples/home-group-action-plan-2010.pdf --page 10 --png page10.png
    """
    if png_path and len(files) != 1:
        raise click.UsageError("--png draws a page of one file")
    failed = 0
    for path in files:
        try:
            if tables_json:
                click.echo(json.dumps(page_tables_to_dict(path, options), ensure_ascii=False))
                continue
            doc = read_document(path, options)
            if png_path:
                from .debug_view import write_page_png
                write_page_png(doc, page_number, png_path, options=options)
                click.echo(f"wrote {png_path}", err=True)
                continue
        except UnreadableDocument as exc:
            fail_softly(exc.path, exc.reason)
            failed += 1
            continue
        if as_json:
            click.echo(json.dumps(document_to_dict(doc), default=str, ensure_ascii=False))
        else:
            click.echo(summarise(doc, width=width))
    if failed:
        sys.exit(1)


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--out", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the Parquet tables (committed as one set: readers never see two runs mixed).")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Files read at once, each in its own process; 0 reads in this process, without per-file "
                   "limits (for debugging).  [default: the cores available]")
@click.option("--file-timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_FILE_TIMEOUT,
              show_default=True, help="Seconds one file may take; past that it becomes an error row (not on --dask).")
@click.option("--memory-limit", type=click.IntRange(min=0), default=DEFAULT_MEMORY_MB, show_default=True,
              help="MiB of memory one worker may map (0: no limit); past that its file becomes an error row.")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False),
              help="Folder for per-file results kept between runs.  [default: OUT/.cache]")
@click.option("--no-cache", is_flag=True, help="Read every file again, ignoring and not filling the cache.")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Read the files on a Dask cluster (tcp://scheduler:8786), or 'local' for a local one.")
@click.option("--fail-on", type=click.Choice(["high", "medium", "low"]), default=None,
              help="Exit 1 when any finding is at least this severe.")
@click.option("--quiet", "-q", "--silent", "quiet", is_flag=True, help="No progress bar or summary; errors only.")
@click.option("--verbose", is_flag=True, help="Name every file a folder walk skipped, and why, before reading, "
                                             "and print the traceback of any internal error.")
@read_options
def run(inputs: tuple[str, ...], out_dir: str, workers: int | None, file_timeout: float, memory_limit: int,
        cache_dir: str | None, no_cache: bool, dask_address: str | None, fail_on: str | None, quiet: bool,
        verbose: bool, options: ReadOptions) -> None:
    """Extract and check every report and action plan in INPUTS (files or
    folders, searched recursively) and write one Parquet file per table to
    --out. Files are read in parallel; one that cannot be read, takes too
    long or uses too much memory is reported on one line and the batch goes
    on. Files read before by the same acplans are taken from the cache, so a
    re-run reads only new or changed files, and one over unchanged files
    repeats the last summary and stops.

    Example:

        acplans run samples/ --out output/ --workers 2 --fail-on high
    """
    from .console import summary
    from .inputs import collect_inputs
    from .run_record import hash_inputs, inputs_key, unchanged_record

    # A run's tables are a few MiB: pyarrow's default mimalloc pool reserves
    # more than they need (some 8 MiB of a run's peak), the system allocator
    # does not. Read by pyarrow when first used; a user's own setting stands.
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

    collected = collect_inputs(inputs)
    files = collected.files
    if verbose:
        for skip in collected.skipped:
            click.echo(f"skipped: {skip.path} ({skip.reason})", err=True)
    if not files:
        raise click.UsageError(f"no {labels()} files found in the inputs"
                               f"{skipped_note(len(collected.skipped), verbose)}")
    shas = None if no_cache else hash_inputs(files)
    # Checked before any reader or table library loads: an unchanged re-run costs a fraction of a second.
    record = unchanged_record(Path(out_dir), inputs_key(files, shas, options)) if shas and all(shas) else None
    if record is None:
        record = _run_batch(files, out_dir, workers, file_timeout, memory_limit, cache_dir, no_cache,
                            dask_address, quiet, verbose, options, shas)
    if not quiet:
        click.echo(summary(record, out_dir, skipped_note(len(collected.skipped), verbose),
                           collected.skipped if verbose else []), err=True)
    for message in record.errors:
        click.secho(f"error: {message}", fg="red", err=True)
    sys.exit(exit_code(record, fail_on))


def _run_batch(files: list[Path], out_dir: str, workers: int | None, file_timeout: float, memory_limit: int,
               cache_dir: str | None, no_cache: bool, dask_address: str | None, quiet: bool, verbose: bool,
               options: ReadOptions, shas: list[str | None] | None) -> RunRecord:
    from .batch import Limits, available_cores, start_fork_server

    if workers != 0 and not dask_address:
        start_fork_server()
    from .console import RunProgress
    from .pipeline import BatchOptions, run as run_pipeline
    from .schemas.output import OutputNotWritable
    from .schemas.tables import ValidationError

    batch = BatchOptions(
        workers=available_cores() if workers is None else workers,
        limits=Limits(file_timeout=file_timeout, memory_mb=memory_limit or None),
        cache_dir=None if no_cache else Path(cache_dir) if cache_dir else Path(out_dir) / ".cache",
        dask=dask_address)
    try:
        with RunProgress(len(files), enabled=not quiet, tracebacks=verbose) as progress:
            outcome = run_pipeline([], Path(out_dir), on_start=progress.started, on_file=progress.finished,
                                   files=files, options=options, batch=batch, shas=shas)
    except OutputNotWritable as exc:
        click.secho(f"error: {exc}", fg="red", err=True)
        sys.exit(Exit.USAGE)
    except ValidationError as exc:
        click.secho(f"error: nothing written: the tables failed validation\n{exc}", fg="red", err=True)
        sys.exit(Exit.NOT_WRITTEN)
    return outcome.record


def exit_code(record: RunRecord, fail_on: str | None) -> Exit:
    from .schemas.findings import SEVERITY_RANK

    if len(record.failed) == record.files:
        return Exit.NOTHING_EXTRACTED
    if record.failed or record.errors:
        return Exit.SOME_FAILED
    threshold = SEVERITY_RANK[fail_on] if fail_on else None
    if threshold is not None and any(SEVERITY_RANK[s] >= threshold for s in record.finding_severities):
        return Exit.FINDINGS
    return Exit.OK


def skipped_note(count: int, verbose: bool) -> str:
    if not count:
        return ""
    files = "file" if count == 1 else "files"
    return f"; {count} {files} in folders skipped" + ("" if verbose else " (--verbose names them)")


@main.command()
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.argument("sql", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="How to print the rows.")
@click.option("--views", "list_views", is_flag=True, help="List the ready-made views and what each answers.")
def query(out_dir: str, sql: str | None, fmt: str, list_views: bool) -> None:
    """Run SQL (DuckDB) over the tables an `acplans run` wrote into OUT_DIR.
    Every table is a view by its name (documents, recommendations,
    responses, actions, coverage, findings, ...), and ready-made views answer
    the common questions without pitfalls: recommendation_points (each point
    with whether it is answered, the response, its owner and late actions),
    unanswered, late_actions, inspection_summary and needs_review.

    Example:

        acplans query output/ "SELECT ref, answered, owner, late_actions FROM recommendation_points"
    """
    from .query import READY_VIEWS, QueryError, query as run_query, render

    if list_views:
        for name, (what, _) in READY_VIEWS.items():
            click.echo(f"{name}: {what}")
        return
    if not sql:
        raise click.UsageError("give the SQL to run, or --views to list the ready-made views")
    try:
        answer = run_query(Path(out_dir), sql)
    except QueryError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(render(answer, fmt))


def output_dir_argument(fn):
    return click.argument("out_dir", type=click.Path(exists=True, file_okay=False))(fn)


@main.command()
@output_dir_argument
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="Write the officers' report as one HTML file.")
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False), help="Write the tables as an Excel workbook.")
def report(out_dir: str, html_path: str | None, xlsx_path: str | None) -> None:
    """Turn the tables an `acplans run` wrote into OUT_DIR into a report
    officers can read: per inspection, every recommendation with its
    response, owner, actions and dates, findings highlighted, and a timeline.
    The HTML file is self-contained (no network) and filters offline.

    Example:

        acplans report output/ --html output/report.html --xlsx output/report.xlsx
    """
    from .report import load_output, render_html, write_xlsx

    if not html_path and not xlsx_path:
        raise click.UsageError("say where to write the report: --html FILE and/or --xlsx FILE")
    tables = output_tables(out_dir, load_output)
    if html_path:
        write_atomically(Path(html_path), render_html(tables).encode("utf-8"))
        click.echo(f"wrote {html_path}", err=True)
    if xlsx_path:
        write_xlsx(tables, xlsx_path)
        click.echo(f"wrote {xlsx_path}", err=True)


@main.command()
@output_dir_argument
@click.option("--fail-on", type=click.Choice(["high", "medium", "low", "review"]), default=None,
              help="Exit 1 when any finding is at least this severe, or (review) when any document "
                   "could not be read, held nothing, had unreadable text or was flagged for review.")
def check(out_dir: str, fail_on: str | None) -> None:
    """Print a terse summary of the findings in OUT_DIR for scripts: one line
    per inspection, one line per finding, and one REVIEW line per document a
    person should look at.

    Example:

        acplans check output/ --fail-on high
        acplans check output/ --fail-on review
    """
    from .report import check_summary, load_output

    tables = output_tables(out_dir, load_output)
    text, code = check_summary(tables, fail_on)
    click.echo(text)
    sys.exit(code)


def output_tables(out_dir: str, load_output):
    """The tables of OUT_DIR, or one line saying why they cannot be read."""
    from .report import OutputNotFound
    from .schemas.tables import ValidationError

    try:
        return load_output(out_dir)
    except OutputNotFound as exc:
        raise click.ClickException(str(exc)) from exc
    except ValidationError as exc:
        raise click.ClickException(f"{out_dir} holds tables this acplans cannot read (written by another "
                                   f"version?); re-run `acplans run`\n{exc}") from exc


def write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def entry() -> None:
    """The `acplans` command. A finished command ends its process without
    the interpreter's teardown, which frees every module and object one by
    one for a process about to vanish: with spaCy's tables and pyarrow
    loaded, 0.1-0.2 CPU-s of every run. Exit handlers still run first (logs
    flushed, worker pools shut down), and a command that leaves a thread
    running exits the usual way, which waits for it."""
    try:
        main()  # click's standalone mode ends every command in SystemExit
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        sys.exit(code)
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        code = code or 120  # what Python exits with when it cannot flush stdout
    os._exit(code or 0)


if __name__ == "__main__":
    entry()
