"""The rows of one inspection, as every check sees them."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

from acplans.schemas.findings import FINDING_KINDS
from acplans.schemas.rows import (ActionRow, DocumentRow, FindingRow, InspectionRow, MatchRow,
                                  RecommendationRow, ResponseRow)

# Two kinds are raised to high in their checks (see docs/findings.md): a
# plan deadline later than the report's, and an entry without an owner for a
# recommendation that has a deadline.
BASE_SEVERITY = {k.kind: k.base_severity for k in FINDING_KINDS}

_QUOTE_LIMIT = 140


@dataclass
class InspectionScope:
    inspection: InspectionRow
    recommendations: list[RecommendationRow] = field(default_factory=list)
    responses: list[ResponseRow] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    matches: list[MatchRow] = field(default_factory=list)
    documents: dict[str, DocumentRow] = field(default_factory=dict)
    inspection_dates: tuple[date, date] | None = None
    reference_year: int | None = None

    @property
    def has_plan(self) -> bool:
        return self.inspection.plan_doc_id is not None

    @property
    def compares_with_report(self) -> bool:
        """True when the recommendations come from a report, not the plan's own restatements."""
        return bool(self.recommendations) and all(r.derived_from == "report" for r in self.recommendations)

    def rec(self, rec_id: str) -> RecommendationRow:
        return next(r for r in self.recommendations if r.rec_id == rec_id)

    def recs_answered_by(self, response: ResponseRow) -> list[RecommendationRow]:
        ids = [m.rec_id for m in self.matches if m.response_id == response.response_id]
        return [r for r in self.recommendations if r.rec_id in ids]

    def primary_rec(self, response: ResponseRow) -> RecommendationRow | None:
        """The recommendation an entry restates: its ref or text match, not headline coverage."""
        for m in self.matches:
            if m.response_id == response.response_id and m.method != "headline":
                return self.rec(m.rec_id)
        return None

    def where(self, row) -> str:
        """'file.pdf p.3' for a row's provenance."""
        doc = self.documents.get(getattr(row, "doc_id", None) or "")
        name = doc.source_name if doc and doc.source_name else os.path.basename(row.source_path or "") or "?"
        return f"{name} p.{row.page}" if row.page is not None else name

    def finding(self, kind: str, *, row, ref: str | None, message: str, severity: str | None = None,
                rec_id: str | None = None, response_id: str | None = None,
                action_id: str | None = None) -> FindingRow:
        return FindingRow(
            inspection_id=self.inspection.inspection_id, doc_id=getattr(row, "doc_id", None), kind=kind,
            severity=severity or BASE_SEVERITY[kind], ref=ref, rec_id=rec_id, response_id=response_id,
            action_id=action_id, message=message, source_path=row.source_path or "",
            page=row.page)


def quote(text: str | None) -> str:
    """Text in double quotes, shortened so a message stays one readable sentence."""
    text = " ".join((text or "").split())
    if len(text) > _QUOTE_LIMIT:
        text = text[: _QUOTE_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return f'"{text}"'


def long_date(d: date) -> str:
    return f"{d.day} {d:%B %Y}"
