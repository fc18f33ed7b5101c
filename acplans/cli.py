"""The `acplans` command line: a thin click layer over the library."""
from __future__ import annotations

import click

from . import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="acplans")
def main() -> None:
    """Extract recommendations and action plans from inspection documents
    and check them against each other."""
