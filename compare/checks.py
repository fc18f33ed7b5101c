"""Checks of a plan against its report and against itself: one function per finding kind.

Each takes an ``InspectionScope`` (with its matches already made) and returns
FindingRows; rules and severities are documented in docs/findings.md.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from acplans.normalize.build import CountClaim
from acplans.schemas.rows import ActionRow, FindingRow, RecommendationRow, ResponseRow

from .scope import BASE_SEVERITY, InspectionScope, long_date, quote
from .text import same_words

EARLIEST_PLAUSIBLE = date(1990, 1, 1)
PLAUSIBLE_YEARS_AHEAD = 10


def requires_answer(rec: RecommendationRow, recommendations: list[RecommendationRow]) -> bool:
    """Bullets, and headlines without bullets, are what a plan must answer."""
    return rec.level == "bullet" or not any(r.parent_ref == rec.ref for r in recommendations)


def _plan_name(scope: InspectionScope) -> str:
    doc = scope.documents.get(scope.inspection.plan_doc_id or "")
    return doc.source_name if doc else "the plan"


def _report_name(scope: InspectionScope) -> str:
    doc = scope.documents.get(scope.inspection.report_doc_id or "")
    return doc.source_name if doc else "the report"


def find_missing_responses(scope: InspectionScope) -> list[FindingRow]:
    if not scope.has_plan or not scope.compares_with_report:
        return []
    answered = {m.rec_id for m in scope.matches}
    return [
        scope.finding(
            "missing_response", row=rec, ref=rec.ref, rec_id=rec.rec_id,
            message=(f"Recommendation {rec.ref} in the report ({scope.where(rec)}), {quote(rec.text)}, "
                     f"has no entry in the plan ({_plan_name(scope)}) by ref or by wording."))
        for rec in scope.recommendations
        if rec.rec_id not in answered and requires_answer(rec, scope.recommendations)
    ]


def find_orphans(scope: InspectionScope) -> list[FindingRow]:
    # With no recommendations read there is nothing an entry could fail to
    # answer; the report's own review flags cover that case.
    if not scope.compares_with_report:
        return []
    matched = {m.response_id for m in scope.matches}
    return [
        scope.finding(
            "orphan_response", row=resp, ref=resp.ref, response_id=resp.response_id,
            message=(f"The plan ({scope.where(resp)}) has an entry {resp.ref_as_written or resp.ref}, "
                     f"{quote(resp.text)}, that answers no recommendation in the report "
                     f"({_report_name(scope)}): none has that ref or similar wording."))
        for resp in scope.responses if resp.response_id not in matched
    ]


def _deadline_text(text: str | None, when: date | None) -> str:
    if text:
        return quote(text)
    return quote(long_date(when)) if when else "no deadline"


def find_target_date_mismatches(scope: InspectionScope) -> list[FindingRow]:
    if not scope.compares_with_report:
        return []
    findings = []
    for resp in scope.responses:
        rec = scope.primary_rec(resp)
        # A plan that restates no deadline disagrees with nothing; a report
        # deadline that was not read cannot be disagreed with.
        if rec is None or not (resp.stated_target_date_text or resp.stated_target_date):
            continue
        if not (rec.target_date_text or rec.target_date):
            continue
        if resp.stated_target_date or rec.target_date:
            if resp.stated_target_date == rec.target_date:
                continue
        elif same_words(resp.stated_target_date_text, rec.target_date_text):
            continue
        plan_later = (resp.stated_target_date is not None
                      and (rec.target_date is None or resp.stated_target_date > rec.target_date))
        findings.append(scope.finding(
            "target_date_mismatch", row=resp, ref=resp.ref, rec_id=rec.rec_id,
            response_id=resp.response_id, severity="high" if plan_later else None,
            message=(f"The plan ({scope.where(resp)}) restates {rec.ref}'s deadline as "
                     f"{_deadline_text(resp.stated_target_date_text, resp.stated_target_date)}, but the "
                     f"report ({scope.where(rec)}) says "
                     f"{_deadline_text(rec.target_date_text, rec.target_date)}.")))
    return findings


def binding_deadline(scope: InspectionScope, resp: ResponseRow) -> RecommendationRow | None:
    """The recommendation whose deadline binds an entry's actions: the earliest one it answers."""
    dated = [r for r in scope.recs_answered_by(resp) if r.target_date is not None]
    return min(dated, key=lambda r: r.target_date, default=None)


def action_deadlines(scope: InspectionScope) -> Iterator[tuple[ActionRow, ResponseRow | None,
                                                                RecommendationRow | None]]:
    """Each action of the plan with its entry and the recommendation whose deadline binds it."""
    responses = {r.response_id: r for r in scope.responses}
    for action in scope.actions:
        resp = responses.get(action.response_id)
        yield action, resp, binding_deadline(scope, resp) if resp else None


def earliest_due(action: ActionRow) -> date | None:
    """The earliest date the action could be done: the start of its interval, else its due date."""
    return action.due_date_start or action.due_date


def is_late(action: ActionRow, rec: RecommendationRow | None) -> bool:
    # An action due "June 2011" overlaps a 30 June 2011 deadline and is not late.
    start = earliest_due(action)
    return rec is not None and rec.target_date is not None and start is not None and start > rec.target_date


def _action_label(action: ActionRow) -> str:
    return f"Action {action.seq} under {action.ref}"


def find_actions_after_deadline(scope: InspectionScope) -> list[FindingRow]:
    return [
        scope.finding(
            "action_after_deadline", row=action, ref=resp.ref, rec_id=rec.rec_id,
            response_id=resp.response_id, action_id=action.action_id,
            message=(f"{_action_label(action)} in the plan ({scope.where(action)}), {quote(action.text)}, "
                     f"is due {quote(action.due_text)} ({long_date(earliest_due(action))} at the earliest), "
                     f"after the deadline for {rec.ref} in the {rec.derived_from} ({scope.where(rec)}), "
                     f"{_deadline_text(rec.target_date_text, rec.target_date)}."))
        for action, resp, rec in action_deadlines(scope) if is_late(action, rec)
    ]


def _has_owner(resp: ResponseRow, actions: list[ActionRow]) -> bool:
    if resp.owner_name or resp.owner_role or resp.sponsor_name or resp.sponsor_role:
        return True
    own = [a for a in actions if a.response_id == resp.response_id]
    return bool(own) and all(a.owner_name or a.owner_role for a in own)


def find_missing_owners(scope: InspectionScope) -> list[FindingRow]:
    findings = []
    seen: set[str] = set()
    for resp in scope.responses:
        if resp.ref in seen or _has_owner(resp, scope.actions):
            continue
        seen.add(resp.ref)
        answered = scope.recs_answered_by(resp)
        has_deadline = any(r.target_date or r.target_date_text for r in answered)
        rec = scope.primary_rec(resp)
        answering = (f", answering the report's {quote(rec.text)} ({scope.where(rec)}),"
                     if rec is not None and rec.derived_from == "report" else "")
        findings.append(scope.finding(
            "no_owner", row=resp, ref=resp.ref, response_id=resp.response_id,
            rec_id=rec.rec_id if rec else None, severity="high" if has_deadline else None,
            message=(f"The plan's entry {resp.ref_as_written or resp.ref} ({scope.where(resp)}), "
                     f"{quote(resp.text)}{answering} names no owner, owner role or sponsor, and its "
                     f"actions name none either.")))
    return findings


def find_missing_due_dates(scope: InspectionScope) -> list[FindingRow]:
    findings = []
    for action in scope.actions:
        if action.due_date or action.due_date_start or action.status == "completed":
            continue
        by = f"its due text is {quote(action.due_text)}" if action.due_text.strip() else "its due cell is empty"
        findings.append(scope.finding(
            "no_due_date", row=action, ref=action.ref, response_id=action.response_id,
            action_id=action.action_id,
            message=(f"{_action_label(action)} in the plan ({scope.where(action)}), {quote(action.text)}, "
                     f"has no due date ({by}) and is {action.status}, not completed.")))
    return findings


def _date_problems(scope: InspectionScope, action: ActionRow) -> list[str]:
    problems = []
    started = scope.inspection_dates[0] if scope.inspection_dates else None
    if (started and action.due_date and action.due_date < started
            and action.status not in ("completed", "ongoing")):
        problems.append(f"is before the inspection began on {long_date(started)}, "
                        f"yet is marked {action.status}, not completed or ongoing")
    if action.due_date_start and action.due_date and action.due_date_start > action.due_date:
        problems.append(f"starts on {long_date(action.due_date_start)}, after its end "
                        f"{long_date(action.due_date)}")
    problems += _implausible(scope, action.due_date_start, action.due_date)
    return problems


def _implausible(scope: InspectionScope, *dates: date | None) -> list[str]:
    problems = []
    for d in dict.fromkeys(d for d in dates if d):
        if d < EARLIEST_PLAUSIBLE:
            problems.append(f"names {long_date(d)}, before {EARLIEST_PLAUSIBLE.year}")
        elif scope.reference_year and d.year > scope.reference_year + PLAUSIBLE_YEARS_AHEAD:
            problems.append(f"names {long_date(d)}, more than {PLAUSIBLE_YEARS_AHEAD} years after "
                            f"the inspection ({scope.reference_year})")
    return problems


def find_date_anomalies(scope: InspectionScope) -> list[FindingRow]:
    findings = []
    for action in scope.actions:
        problems = _date_problems(scope, action)
        if problems:
            findings.append(scope.finding(
                "date_anomaly", row=action, ref=action.ref, response_id=action.response_id,
                action_id=action.action_id,
                message=(f"{_action_label(action)} in the plan ({scope.where(action)}), {quote(action.text)}, "
                         f"is due {quote(action.due_text)}, which " + "; and ".join(problems) + ".")))
    for resp in scope.responses:
        problems = _implausible(scope, resp.stated_target_date)
        if problems:
            findings.append(scope.finding(
                "date_anomaly", row=resp, ref=resp.ref, response_id=resp.response_id,
                message=(f"The plan's entry {resp.ref} ({scope.where(resp)}) gives the deadline "
                         f"{quote(resp.stated_target_date_text)}, which " + "; and ".join(problems) + ".")))
    return findings


def readings(scope: InspectionScope, what: str) -> list[tuple[int, str]]:
    """What a claimed count may be counting, each as (number, words): a
    claim is true when it matches any of them. "Recommendations" are the
    points a plan must answer or their headlines ("29 recommendations
    grouped under 6 headings", "five recommendations and 21 points for
    action"); "points" are bullets; "actions" are action rows or, in a cover
    report's words, the plan's entries. Empty when the inspection holds
    nothing to count."""
    recs = scope.recommendations
    headlines = sum(r.level == "headline" for r in recs)
    if what in ("recommendations", "headings", "points") and not recs:
        return []
    if what == "recommendations":
        return [(sum(requires_answer(r, recs) for r in recs), "recommendations (bullets, and headlines without "
                 "bullets)"), (headlines, "headline recommendations")]
    if what == "headings":
        return [(headlines, "headline recommendations")]
    if what == "points":
        return [(sum(r.level == "bullet" for r in recs), "bullet points")]
    if what == "actions":
        return [(len(scope.responses), "entries"), (len(scope.actions), "actions")] if scope.has_plan else []
    raise ValueError(f"unknown count claim {what!r}")


def find_count_mismatches(scope: InspectionScope, claims: list[CountClaim]) -> list[FindingRow]:
    findings = []
    members = set(scope.documents)
    for claim in claims:
        if claim.doc_id not in members:
            continue
        counts = readings(scope, claim.what)
        if not counts or any(n == claim.count for n, _ in counts):
            continue
        doc = scope.documents[claim.doc_id]
        holder = "plan" if claim.what == "actions" else scope.recommendations[0].derived_from
        holder_doc = scope.documents.get(
            scope.inspection.plan_doc_id if holder == "plan" else scope.inspection.report_doc_id or "")
        claimant = (doc.doc_kind or "document").replace("_", " ")
        where = f"{doc.source_name} p.{claim.page}" if claim.page is not None else doc.source_name
        findings.append(FindingRow(
            inspection_id=scope.inspection.inspection_id, doc_id=claim.doc_id, kind="count_mismatch",
            severity=BASE_SEVERITY["count_mismatch"], ref=None,
            message=(f"The {claimant} ({where}) says {quote(claim.text)}, but the {holder} "
                     f"({holder_doc.source_name if holder_doc else holder}) holds "
                     + " and ".join(f"{n} {words}" for n, words in dict.fromkeys(counts)) + "."),
            source_path=doc.source_path, page=claim.page))
    return findings
