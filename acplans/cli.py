"""The `acplans` command line: a thin click layer over the library."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
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


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the whole document model as JSON.")
@click.option("--width", default=100, show_default=True, help="Clip text to this many characters.")
def inspect(files: tuple[str, ...], as_json: bool, width: int) -> None:
    """Show the document model of FILES: pages, blocks by kind, tables and
    running heads, as every later stage sees them.

    Example:

        acplans inspect samples/home-group-action-plan-2010.pdf
    """
    failed = 0
    for path in files:
        try:
            doc = read_document(path)
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
