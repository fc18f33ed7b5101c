"""Successive versions of one plan: each action followed from version to
version, and what slipped.

An action keeps its identity across versions when its ref and wording still
match (plans reword actions and re-order rows between updates), so a
reworded action is not counted as one dropped and one added. The
``action_history`` table holds one row per action per version; the findings
are raised between each version and the next: ``due_date_moved``,
``action_dropped`` and ``status_regressed`` (rules in docs/findings.md). New
actions and newly completed ones are history, not findings.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from acplans.normalize.pairing import InspectionGroup
from acplans.schemas.rows import ActionHistoryRow, ActionRow, DocumentRow, FindingRow, ResponseRow

from .scope import InspectionScope, long_date, quote
from .text import similarity

# Wording similarity at which an action under the same ref is the same action
# reworded; under another ref the wording alone must say so (as for
# recommendations, compare/matching.py). Rewordings tried score 0.74-0.94
# ("Set up a tenants panel" / "Recruit tenants to a scrutiny panel" 0.76),
# unrelated actions of one entry 0.37; matching is one to one, best first.
SAME_REF_MATCH = 0.6
OTHER_REF_MATCH = 0.8


@dataclass
class _Link:
    history_id: str
    action: ActionRow
    score: float | None


@dataclass
class VersionComparison:
    history: list[ActionHistoryRow]
    findings: list[FindingRow]


def match_actions(earlier: list[ActionRow], later: list[ActionRow]) -> list[tuple[ActionRow, ActionRow, float]]:
    """(earlier, later, similarity) for each action of ``earlier`` found again in ``later``,
    best pairs first, one to one."""
    scored = []
    for i, old in enumerate(earlier):
        for j, new in enumerate(later):
            score = 1.0 if _words(old.text) == _words(new.text) else similarity(old.text, new.text)
            same_ref = old.ref == new.ref
            if score >= (SAME_REF_MATCH if same_ref else OTHER_REF_MATCH):
                # The ref breaks ties, so two near-identical actions under
                # different entries each keep their own.
                scored.append((score + (0.1 if same_ref else 0.0), i, j, score))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    pairs, used_old, used_new = [], set(), set()
    for _, i, j, score in scored:
        if i not in used_old and j not in used_new:
            pairs.append((earlier[i], later[j], score))
            used_old.add(i)
            used_new.add(j)
    return pairs


def compare_versions(scope: InspectionScope, group: InspectionGroup, actions: list[ActionRow],
                     responses: list[ResponseRow]) -> VersionComparison:
    """The history of every action across the group's plan versions, and the findings between them."""
    versions = group.versions
    by_doc: dict[str, list[ActionRow]] = {d: [] for d in versions}
    for a in actions:
        if a.doc_id in by_doc:
            by_doc[a.doc_id].append(a)
    owners = {r.response_id: r.owner_name or r.owner_role for r in responses if r.doc_id in by_doc}
    result = VersionComparison([], [])
    live: list[_Link] = []
    for number, doc_id in enumerate(versions, start=1):
        doc = scope.documents.get(doc_id)
        current = by_doc[doc_id]
        if number == 1:
            live = [_Link(a.action_id, a, None) for a in current]
            result.history += [_row(scope, link, number, doc_id, "first", None, owners) for link in live]
            continue
        pairs = {id(old): (new, score) for old, new, score in match_actions([l.action for l in live], current)}
        continued: list[_Link] = []
        for link in live:
            if id(link.action) not in pairs:
                result.history.append(_dropped_row(scope, link, number, doc_id))
                if link.action.status != "completed":
                    result.findings.append(_dropped(scope, link.action, doc))
                continue
            new, score = pairs[id(link.action)]
            change, days = _change(link.action, new, owners)
            following = _Link(link.history_id, new, score)
            result.history.append(_row(scope, following, number, doc_id, change, days, owners))
            result.findings += _changed(scope, link.action, new, doc, days)
            continued.append(following)
        matched = {id(new) for new, _ in pairs.values()}
        fresh = [_Link(a.action_id, a, None) for a in current if id(a) not in matched]
        result.history += [_row(scope, link, number, doc_id, "first", None, owners) for link in fresh]
        live = continued + fresh
    return result


def _words(text: str) -> str:
    return " ".join(text.lower().split())


def _owner(action: ActionRow, owners: dict[str, str | None]) -> str | None:
    return action.owner_name or action.owner_role or owners.get(action.response_id)


def _change(old: ActionRow, new: ActionRow, owners) -> tuple[str, int | None]:
    days = (new.due_date - old.due_date).days if old.due_date and new.due_date else None
    if old.status == "completed" and new.status != "completed":
        return "status_regressed", days
    if new.status == "completed" and old.status != "completed":
        return "completed", days
    if days:
        return ("due_date_moved" if days > 0 else "due_date_earlier"), days
    if old.status != new.status:
        return "status_changed", days
    same = (_words(old.text) == _words(new.text) and _owner(old, owners) == _owner(new, owners)
            and (old.progress or "") == (new.progress or "") and old.due_date == new.due_date)
    return ("same" if same else "changed"), days


def deadline_of(scope: InspectionScope, ref: str) -> date | None:
    """The deadline binding an action by its ref: its recommendation's, or for a
    headline's entry the earliest of its bullets'."""
    own = [r.target_date for r in scope.recommendations if r.ref == ref and r.target_date]
    bullets = [r.target_date for r in scope.recommendations if r.parent_ref == ref and r.target_date]
    return min(own or bullets, default=None)


def _past_deadline(scope: InspectionScope, action: ActionRow) -> bool:
    deadline = deadline_of(scope, action.ref)
    earliest = action.due_date_start or action.due_date
    return bool(deadline and earliest and earliest > deadline)


def _row(scope: InspectionScope, link: _Link, version: int, doc_id: str, change: str, days: int | None,
         owners) -> ActionHistoryRow:
    a = link.action
    return ActionHistoryRow(
        inspection_id=scope.inspection.inspection_id, history_id=link.history_id, version=version,
        doc_id=doc_id, action_id=a.action_id, ref=a.ref, text=a.text, due_date=a.due_date, status=a.status,
        owner=_owner(a, owners), progress=a.progress, change=change, days_moved=days,
        past_deadline=_past_deadline(scope, a),
        match_score=None if link.score is None else round(link.score, 3), source_path=a.source_path,
        page=a.page)


def _dropped_row(scope: InspectionScope, link: _Link, version: int, doc_id: str) -> ActionHistoryRow:
    doc = scope.documents.get(doc_id)
    return ActionHistoryRow(
        inspection_id=scope.inspection.inspection_id, history_id=link.history_id, version=version,
        doc_id=doc_id, action_id=None, ref=link.action.ref, text=link.action.text, change="dropped",
        source_path=doc.source_path if doc else "", page=None)


def _name(doc: DocumentRow | None) -> str:
    if doc is None:
        return "the later version"
    label = f", {doc.version_label}" if doc.version_label else ""
    return f"{doc.source_name}{label}"


def _which(action: ActionRow) -> str:
    return f"Action {action.seq} under {action.ref}"


def _dropped(scope: InspectionScope, old: ActionRow, later: DocumentRow | None) -> FindingRow:
    return scope.finding(
        "action_dropped", row=old, ref=old.ref, action_id=old.action_id,
        message=(f"{_which(old)} in the earlier version ({scope.where(old)}), {quote(old.text)}, "
                 f"{old.status}, is not in the later version ({_name(later)})."))


def _changed(scope: InspectionScope, old: ActionRow, new: ActionRow, later: DocumentRow | None,
             days: int | None) -> list[FindingRow]:
    findings = []
    # A completed action's date is when it was done: reopening it is
    # status_regressed, not slippage.
    if days and days > 0 and old.status != "completed":
        late = _past_deadline(scope, new)
        findings.append(scope.finding(
            "due_date_moved", row=new, ref=new.ref, action_id=new.action_id,
            severity="high" if late else None,
            message=(f"{_which(new)} in the plan ({scope.where(new)}), {quote(new.text)}, is due "
                     f"{long_date(new.due_date)} there but was due {long_date(old.due_date)} in the earlier "
                     f"version ({scope.where(old)}): moved {days} days later"
                     + (", past the recommendation's deadline." if late else "."))))
    if old.status == "completed" and new.status != "completed":
        findings.append(scope.finding(
            "status_regressed", row=new, ref=new.ref, action_id=new.action_id,
            message=(f"{_which(new)} in the plan ({scope.where(new)}), {quote(new.text)}, is "
                     f"{new.status} there but was completed in the earlier version ({scope.where(old)}).")))
    return findings
