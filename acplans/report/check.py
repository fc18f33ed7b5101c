"""`acplans check`: terse text and an exit code, for scripts and CI."""
from __future__ import annotations

from acplans.schemas.findings import SEVERITY_RANK
from acplans.schemas.rows import DocumentRow, DocumentStatus

from acplans.schemas.bundle import Tables
from .view import build_view, severity_of


def check_summary(tables: Tables, fail_on: str | None = None) -> tuple[str, int]:
    """Terse text for scripts, and the exit code.

    One line per inspection (recommendation points, answered, findings by
    severity, all from the comparator's coverage and findings tables), a
    line when its report is missing, a slippage line when its plan has
    several versions (from the comparator's action_history), then
    one line per finding, most serious first:
    ``HIGH missing_response R2.3: message``, then one line per document a
    person should look at (not read, nothing found, unreadable text, or
    flagged for review): ``REVIEW plan.pdf [empty]: reason; reason``.
    The code is 1 when any finding is at least as severe as `fail_on`
    ('high' > 'medium' > 'low'), or with `fail_on` 'review' when any
    document is listed; else 0.
    """
    if fail_on is not None and fail_on.lower() not in (*SEVERITY_RANK, REVIEW):
        raise ValueError(f"fail_on must be one of high, medium, low, review; got {fail_on!r}")
    threshold = SEVERITY_RANK.get(fail_on.lower()) if fail_on else None

    inspections = build_view(tables).inspections
    lines = []
    for insp in inspections:
        c = insp.counts
        lines.append(
            f"{insp.row.inspection_id} ({insp.row.landlord or 'unknown landlord'}): {c.points} recommendations, "
            f"{c.answered} answered, {c.unanswered} unanswered; "
            f"findings high={c.high} medium={c.medium} low={c.low}")
        if insp.report_missing:
            lines.append(f"{insp.row.inspection_id}: report missing; coverage cannot be judged")
        if len(insp.versions) > 1:
            sl = insp.slippage
            lines.append(f"{insp.row.inspection_id}: {sl.versions} plan versions; slippage: {sl.actions_moved} "
                         f"actions moved, {sl.days_slipped} days slipped, {sl.now_past_deadline} now past the "
                         f"deadline, {sl.dropped} dropped")

    order = {i.row.inspection_id: n for n, i in enumerate(inspections)}
    findings = sorted(tables.findings, key=lambda f: (-SEVERITY_RANK.get(severity_of(f), 0),
                                                      order.get(f.inspection_id, len(order))))
    for f in findings:
        lines.append(f"{severity_of(f).upper()} {f.kind} {f.ref or '-'}: {' '.join(f.message.split())}")

    doubtful = [d for d in tables.documents if needs_a_look(d)]
    lines += [review_line(d) for d in doubtful]

    failed = threshold is not None and any(SEVERITY_RANK.get(severity_of(f), 0) >= threshold for f in findings)
    failed = failed or (fail_on is not None and fail_on.lower() == REVIEW and bool(doubtful))
    return "\n".join(lines) + "\n", int(failed)


REVIEW = "review"


def needs_a_look(document: DocumentRow) -> bool:
    return document.status != DocumentStatus.OK or document.needs_review


def review_line(document: DocumentRow) -> str:
    part = f" part {document.part}" if document.part else ""
    why = "; ".join(" ".join(r.split()) for r in document.review_reasons) or document.error or "flagged"
    return f"REVIEW {document.source_name}{part} [{document.status}]: {why}"
