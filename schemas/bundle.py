"""``Tables``: one run's rows, one typed list per table of ``schemas.rows``.

The normaliser fills the extracted tables, the comparator adds its own, the
writer takes the bundle whole and the loader gives it back, so every stage
hands on rows of the declared classes and never a dict of lists.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields

from .rows import (
    TABLES, ActionCheckRow, ActionHistoryRow, ActionRow, CoverageRow, DocumentRow, FindingRow, InspectionRow, JudgementRow, MatchRow, PersonRow,
    RecommendationRow, ResponseRow,
)


@dataclass
class Tables:
    """Every table of ``schemas.rows.TABLES``, in that order; an empty list is an empty table."""

    documents: list[DocumentRow] = field(default_factory=list)
    recommendations: list[RecommendationRow] = field(default_factory=list)
    judgements: list[JudgementRow] = field(default_factory=list)
    responses: list[ResponseRow] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    inspections: list[InspectionRow] = field(default_factory=list)
    matches: list[MatchRow] = field(default_factory=list)
    findings: list[FindingRow] = field(default_factory=list)
    coverage: list[CoverageRow] = field(default_factory=list)
    action_checks: list[ActionCheckRow] = field(default_factory=list)
    action_history: list[ActionHistoryRow] = field(default_factory=list)

    @staticmethod
    def names() -> tuple[str, ...]:
        return tuple(f.name for f in fields(Tables))

    def __iter__(self) -> Iterator[tuple[str, list]]:
        """(table name, rows) in ``TABLES`` order."""
        return ((name, getattr(self, name)) for name in self.names())


# A table added to rows.TABLES without a field here would never be written;
# say so when the package loads rather than when a run's output is missing it.
if Tables.names() != tuple(TABLES):
    raise TypeError(f"schemas.bundle.Tables has fields {Tables.names()}, "
                    f"but schemas.rows.TABLES declares {tuple(TABLES)}")
