"""Reading an `acplans run` output folder back into the row dataclasses of ``schemas.rows``."""
from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from acplans.schemas.rows import (ActionCheckRow, ActionHistoryRow, ActionRow, CoverageRow, DocumentRow, FindingRow,
                                  InspectionRow, JudgementRow, MatchRow, PersonRow, RecommendationRow,
                                  ResponseRow, TABLES)
from acplans.schemas.tables import read_table


class OutputNotFound(FileNotFoundError):
    """An output folder lacks a table: the pipeline has not been run on it."""


@dataclass(frozen=True)
class OutputTables:
    """Every table of one `acplans run` output folder, as lists of rows; one field per table."""

    documents: list[DocumentRow]
    recommendations: list[RecommendationRow]
    judgements: list[JudgementRow]
    responses: list[ResponseRow]
    actions: list[ActionRow]
    people: list[PersonRow]
    inspections: list[InspectionRow]
    matches: list[MatchRow]
    findings: list[FindingRow]
    coverage: list[CoverageRow]
    action_checks: list[ActionCheckRow]
    action_history: list[ActionHistoryRow]

    def items(self) -> list[tuple[str, list]]:
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


def _rows(out_dir: Path, name: str, row_type: type) -> list:
    path = out_dir / f"{name}.parquet"
    if not path.is_file():
        raise OutputNotFound(f"no {name}.parquet in {out_dir}: run `acplans run` first")
    table = read_table(out_dir, name)
    declared = [f.name for f in fields(row_type)]
    missing = [n for n in declared if n not in table.column_names]
    if missing:
        raise ValueError(f"{path} lacks columns {', '.join(missing)}: re-run `acplans run`")
    return [row_type(**{n: record[n] for n in declared}) for record in table.select(declared).to_pylist()]


def load_output(out_dir: str | Path) -> OutputTables:
    """Read every table of an output folder.

    Raises `OutputNotFound` naming the first missing table, and `ValueError`
    when a table lacks columns the schema requires (an output written by an
    older acplans), so the report never silently shows blanks.
    """
    out_dir = Path(out_dir)
    return OutputTables(**{name: _rows(out_dir, name, row_type) for name, row_type in TABLES.items()})
