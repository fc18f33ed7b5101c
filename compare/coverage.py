"""The comparator's verdicts that are not problems: how each recommendation is answered
(``coverage``) and whether each action is late or undated (``action_checks``).

Computed from the same rules as the checks, so the report, the workbook and
``acplans check`` show the comparator's figures instead of working out their own.
"""
from __future__ import annotations

from collections import defaultdict

from acplans.schemas.rows import ActionCheckRow, CoverageRow, FindingRow, MatchRow

from .checks import action_deadlines, earliest_due, is_late, requires_answer
from .scope import InspectionScope


def check_actions(scope: InspectionScope) -> list[ActionCheckRow]:
    """One row per action of the plan: its binding deadline, earliest date, and whether it is late."""
    return [
        ActionCheckRow(
            inspection_id=scope.inspection.inspection_id, action_id=action.action_id,
            response_id=action.response_id, ref=action.ref, rec_id=rec.rec_id if rec else None,
            deadline=rec.target_date if rec else None, earliest_due=earliest_due(action),
            late=is_late(action, rec), undated=action.due_date is None and action.due_date_start is None,
            source_path=action.source_path, page=action.page)
        for action, _, rec in action_deadlines(scope)
    ]


def _answered_by(matches: list[MatchRow]) -> str | None:
    if any(m.method != "headline" for m in matches):
        return "own_entry"
    return "headline" if matches else None


def _finding_count(findings: list[FindingRow], rec_id: str, own_responses: set[str],
                   own_actions: set[str]) -> int:
    # Each finding counts once, on the most specific item it names: its action,
    # else its entry, else the recommendation.
    return sum(1 for f in findings
               if f.action_id in own_actions
               or (not f.action_id and f.response_id in own_responses)
               or (not f.action_id and not f.response_id and f.rec_id == rec_id))


def coverage(scope: InspectionScope, findings: list[FindingRow],
             action_checks: list[ActionCheckRow]) -> list[CoverageRow]:
    """One row per recommendation: answered or not, how, and what is wrong under it."""
    recs = scope.recommendations
    matches: dict[str, list[MatchRow]] = defaultdict(list)
    for m in scope.matches:
        matches[m.rec_id].append(m)
    checks_of: dict[str, list[ActionCheckRow]] = defaultdict(list)
    for c in action_checks:
        checks_of[c.response_id].append(c)
    bullets: dict[str, list[str]] = defaultdict(list)
    for r in recs:
        if r.parent_ref:
            bullets[r.parent_ref].append(r.rec_id)

    rows = []
    for rec in recs:
        ms = matches.get(rec.rec_id, [])
        answered_by = _answered_by(ms)
        kids = bullets.get(rec.ref, [])
        kids_answered = sum(1 for k in kids if matches.get(k))
        if answered_by is None and kids and kids_answered == len(kids):
            answered_by = "points"
        response_ids = list(dict.fromkeys(m.response_id for m in ms))
        own = {m.response_id for m in ms if m.method != "headline"}
        checks = [c for rid in response_ids for c in checks_of.get(rid, [])]
        rows.append(CoverageRow(
            inspection_id=scope.inspection.inspection_id, rec_id=rec.rec_id, ref=rec.ref,
            is_point=requires_answer(rec, recs), answered=answered_by is not None, answered_by=answered_by,
            response_ids=response_ids, bullets=len(kids), bullets_answered=kids_answered,
            late_actions=sum(c.late for c in checks), undated_actions=sum(c.undated for c in checks),
            findings=_finding_count(findings, rec.rec_id, own,
                                    {c.action_id for rid in own for c in checks_of.get(rid, [])}),
            source_path=rec.source_path, page=rec.page))
    return rows
