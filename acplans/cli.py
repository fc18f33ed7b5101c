"""The `acplans` command line: a thin click layer over the library."""
from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from . import __version__
from .extract.formats import OcrMode, ReadOptions, labels
from .extract.model import UnreadableDocument
from .extract.reader import read_document
from .inspect_view import document_to_dict, summarise


def fail_softly(path: str, reason: str) -> None:
    click.secho(f"error: {path}: {reason}", fg="red", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="acplans")
def main() -> None:
    """Extract recommendations and action plans from inspection documents
    and check them against each other.

    Example:

        acplans run samples/ --out output/
    """


def read_options(fn):
    """The reading choices every command that reads documents offers, as one
    ``ReadOptions`` argument named ``options``."""
    @click.option("--ocr", type=click.Choice([m.value for m in OcrMode]), default=OcrMode.AUTO.value,
                  show_default=True,
                  help="Read PDF pages from their image: auto (scans, and text that does not decode), "
                       "always, or never.")
    @functools.wraps(fn)
    def wrapper(*args, ocr: str, **kwargs):
        return fn(*args, options=ReadOptions(ocr=OcrMode(ocr)), **kwargs)
    return wrapper


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the whole document model as JSON.")
@click.option("--width", default=100, show_default=True, help="Clip text to this many characters.")
@click.option("--page", "page_number", default=1, show_default=True, help="The PDF page --png draws (1-based).")
@click.option("--png", "png_path", type=click.Path(dir_okay=False),
              help="Draw the page with its words, rules, cells, column gutters and numbered blocks to this PNG.")
@read_options
def inspect(files: tuple[str, ...], as_json: bool, width: int, page_number: int, png_path: str | None,
            options: ReadOptions) -> None:
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


def silent_option(fn):
    return click.option("--silent", is_flag=True, help="No progress bar or summary; errors only.")(fn)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--out", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the Parquet tables (written atomically).")
@silent_option
@click.option("--verbose", is_flag=True, help="Name every file a folder walk skipped, and why, and print "
                                             "the traceback of any internal error.")
@read_options
def run(inputs: tuple[str, ...], out_dir: str, silent: bool, verbose: bool, options: ReadOptions) -> None:
    """Extract and check every report and action plan in INPUTS (files or
    folders, searched recursively) and write one Parquet file per table to
    --out. A file that cannot be read is reported on one line and the batch
    goes on; the exit code is 1 if any file failed.

    Example:

        acplans run samples/ --out output/
    """
    from .pipeline import collect_inputs, run as run_pipeline
    from .schemas.tables import ValidationError

    collected = collect_inputs(inputs)
    files = collected.files
    if verbose:
        for skip in collected.skipped:
            click.echo(f"skipped: {skip.path} ({skip.reason})", err=True)
    if not files:
        raise click.UsageError(f"no {labels()} files found in the inputs"
                               f"{skipped_note(len(collected.skipped), verbose)}")

    def report(result) -> None:
        if result.status == "error":
            fail_softly(str(result.path), result.error or "unreadable")
            if verbose and result.log_path and Path(result.log_path).is_file():
                click.echo(Path(result.log_path).read_text(encoding="utf-8"), err=True)

    try:
        if silent:
            outcome = run_pipeline(inputs, Path(out_dir), on_file=report, files=files, options=options)
        else:
            with click.progressbar(length=len(files), label="Reading", file=sys.stderr,
                                   item_show_func=lambda p: p.name if p else "") as bar:
                def advance(result) -> None:
                    report(result)
                    bar.update(1, result.path)
                outcome = run_pipeline(inputs, Path(out_dir), on_file=advance, files=files, options=options)
    except ValidationError as exc:
        raise click.ClickException(f"nothing written: the tables failed validation\n{exc}") from exc
    if not silent:
        t = outcome.tables
        click.echo(f"{len(files) - len(outcome.failed)} of {len(files)} files read; "
                   f"{len(t.recommendations)} recommendations, {len(t.responses)} responses, "
                   f"{len(t.actions)} actions, {len(t.findings)} findings -> {out_dir}"
                   f"{skipped_note(len(collected.skipped), verbose)}", err=True)
        for document in (d for d in t.documents if d.status in ("empty", "unreadable_text")):
            click.secho(f"review: {document.source_path}: {document.status.replace('_', ' ')} "
                        f"({document.review_reasons[0]})", fg="yellow", err=True)
    for message in outcome.errors:
        click.secho(f"error: {message}", fg="red", err=True)
    if outcome.failed or outcome.errors:
        sys.exit(1)


def skipped_note(count: int, verbose: bool) -> str:
    if not count:
        return ""
    files = "file" if count == 1 else "files"
    return f"; {count} {files} in folders skipped" + ("" if verbose else " (--verbose names them)")


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
    from .report import OutputNotFound, load_output, render_html, write_xlsx

    if not html_path and not xlsx_path:
        raise click.UsageError("say where to write the report: --html FILE and/or --xlsx FILE")
    try:
        tables = load_output(out_dir)
    except OutputNotFound as exc:
        raise click.ClickException(str(exc)) from exc
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
    from .report import OutputNotFound, check_summary, load_output

    try:
        tables = load_output(out_dir)
    except OutputNotFound as exc:
        raise click.ClickException(str(exc)) from exc
    text, code = check_summary(tables, fail_on)
    click.echo(text)
    sys.exit(code)


def write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


if __name__ == "__main__":
    main()
