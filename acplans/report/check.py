"""`acplans check`: terse text and an exit code, for scripts and CI."""
from __future__ import annotations

from acplans.schemas.findings import SEVERITY_RANK

from .load import OutputTables
from .view import build_view, severity_of


def check_summary(tables: OutputTables, fail_on: str | None = None) -> tuple[str, int]:
    """Terse text for scripts, and the exit code.

    One line per inspection (recommendation points, answered, findings by
    severity, all from the comparator's coverage and findings tables), a
    line when its report is missing, a slippage line when its plan has
    several versions (from the comparator's action_history), then
    one line per finding, most serious first:
    ``HIGH missing_response R2.3: message``. The code is 1 when any finding
    is at least as severe as `fail_on` ('high' > 'medium' > 'low'), else 0.
    """
    if fail_on is not None and fail_on.lower() not in SEVERITY_RANK:
        raise ValueError(f"fail_on must be one of high, medium, low; got {fail_on!r}")
    threshold = SEVERITY_RANK[fail_on.lower()] if fail_on else None

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

    failed = threshold is not None and any(SEVERITY_RANK.get(severity_of(f), 0) >= threshold for f in findings)
    return "\n".join(lines) + "\n", int(failed)
