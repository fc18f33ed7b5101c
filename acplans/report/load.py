"""Reading an `acplans run` output folder back into the typed ``Tables``
bundle, every table from the same run (``schemas.output.read_tables``)."""
from __future__ import annotations

from pathlib import Path

from acplans.schemas.bundle import Tables
from acplans.schemas.output import read_tables


class OutputNotFound(FileNotFoundError):
    """An output folder lacks a table: the pipeline has not been run on it."""


def load_output(out_dir: str | Path) -> Tables:
    """Every table of an output folder, validated against the schema.

    Raises `OutputNotFound` naming the first missing table, and
    `ValidationError` listing every way the files break the schema (an output
    of an older acplans), so the report never silently shows blanks.
    """
    try:
        # Values were validated when written; checking them again would load
        # pyarrow.compute and with it pandas, which the report never needs.
        return read_tables(Path(out_dir), check_values=False)
    except FileNotFoundError as exc:
        raise OutputNotFound(str(exc)) from exc
