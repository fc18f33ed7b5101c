"""Every finding kind, defined once: its name, officers' label, plain explanation and severity.

The ``findings`` table's allowed kinds (``schemas.rows``), the comparator's
base severities (``compare.scope``), the officers' report legend and
docs/findings.md (``schemas.findings_doc``) all read this module, so a kind
is added or reworded in exactly one place. A leaf: it imports nothing of acplans.
"""
from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True)
class Severity:
    name: str
    rank: int  # 3 is the most serious, so findings sort and threshold by it
    meaning: str  # for officers: what to do about a finding this serious


@dataclass(frozen=True)
class FindingKind:
    """One kind of problem the comparator reports.

    ``label`` and ``explanation`` are for officers who have not read the rules;
    ``raised_when``, ``not_raised_when`` and ``example`` document the rule for
    docs/findings.md. A kind raised above its base severity in some cases says
    when in ``escalated_when``, and when the base severity holds in ``base_when``.
    """

    kind: str
    label: str
    explanation: str
    base_severity: str
    raised_when: str
    not_raised_when: str
    example: str
    escalated_when: str = ""
    base_when: str = ""


SEVERITY_LEVELS = (
    Severity("high", 3, "Something the inspectors asked for is not being answered; raise with the "
                        "landlord before accepting the plan."),
    Severity("medium", 2, "The plan answers the recommendation but something about it needs explaining."),
    Severity("low", 1, "Worth tidying up; unlikely to change the assessment of the plan."),
)
SEVERITY_RANK = {s.name: s.rank for s in SEVERITY_LEVELS}

FINDING_KINDS = (
    FindingKind(
        "missing_response", "No response",
        "The inspectors made a recommendation that no entry in the action plan answers.",
        "high",
        "a recommendation the plan must answer has no match",
        "there is no plan, or no report",
        'Recommendation R1.2 in the report (rep.pdf p.14), "reporting to tenants on service performance '
        'and how this compares with other providers", has no entry in the plan (plan.pdf) by ref or by '
        "wording."),
    FindingKind(
        "orphan_response", "Plan entry matches nothing",
        "The action plan has an entry that answers no recommendation in the report; "
        "it may be mis-numbered or answer something the inspectors did not ask for.",
        "medium",
        "a plan entry matches no recommendation by ref or by wording",
        "there is no report, or no recommendations were read from it",
        'The plan (plan.pdf p.6) has an entry R9.1, "Refurbish the head office car park.", that answers '
        "no recommendation in the report (rep.pdf): none has that ref or similar wording."),
    FindingKind(
        "target_date_mismatch", "Deadline restated differently",
        "The plan says the inspectors set a different deadline from the one printed in the report "
        '("Immediately" where the report says June 2011).',
        "medium",
        "the deadline the plan says the inspector set differs from the report's: different dates, one "
        "side a date and the other none, or (both without a date) different words",
        "the plan states no deadline; the report's deadline was not read; both say the same words "
        '("Immediately" / "immediately")',
        'The plan (home-group-action-plan-2010.pdf p.3) restates R2.1\'s deadline as "Immediately", but '
        'the report (home-group-inspection-report-2010.pdf p.14) says "June 2011".',
        escalated_when="when the plan's deadline is later than the report's (a date where the report "
                       'said "immediately", or a later date)',
        base_when="when the plan is stricter or merely worded differently"),
    FindingKind(
        "action_after_deadline", "Action due after the deadline",
        "An action is due after the date by which the inspectors wanted the recommendation carried out. "
        "An action whose dates only overlap the deadline is not counted.",
        "high",
        "an action's earliest date (start of its interval, else its due date) is after the deadline of "
        "the recommendation its entry answers (the earliest, if it answers several)",
        'the action only overlaps the deadline ("June 2011" against 30 June 2011); the recommendation '
        "has no dated deadline",
        'Action 2 under R2.1 in the plan (plan.pdf p.3), "Train the remaining teams", is due '
        '"January 2011." (1 January 2011 at the earliest), after the deadline for R2.1 in the report '
        '(rep.pdf p.14), "December 2010".'),
    FindingKind(
        "no_owner", "Nobody responsible",
        "Neither the plan's entry nor its actions name anyone responsible: no person, post or sponsor.",
        "medium",
        "a plan entry names no owner, owner role, sponsor or sponsor role, and not every one of its "
        "actions names an owner; one finding per ref",
        "—",
        'The plan\'s entry R2.2 (plan.pdf p.3), "Ensure all buildings used by customers comply with the '
        'Disability Discrimination Act.", answering the report\'s "ensuring all buildings used by tenants '
        'comply with the Disability Discrimination Act" (rep.pdf p.14), names no owner, owner role or '
        "sponsor, and its actions name none either. For a plan alone: The plan's entry 1A "
        '(peabody-action-plan-summary-2010.docx p.3), "Collect customer profile information and …", '
        "names no owner, owner role or sponsor, and its actions name none either.",
        escalated_when="when the recommendation answered has a deadline",
        base_when="for a recommendation without a deadline"),
    FindingKind(
        "no_due_date", "No due date",
        "An action that is not finished gives no date for when it will be "
        '("In line with the plan.", an empty cell, or "Quarter 3 report." with no year).',
        "medium",
        "an action has no date and is not completed (ongoing with no date counts)",
        "the action is completed",
        'Action 2 under R3.3 in the plan (home-group-action-plan-2010.pdf p.3), "Managers for service '
        'areas will be responsible for monitoring …", has no due date (its due text is "In line with the '
        'plan.") and is planned, not completed.'),
    FindingKind(
        "date_anomaly", "Date looks wrong",
        "A date that cannot be right, such as a due date before the inspection took place for work not "
        "marked as done, or a range that ends before it starts; often a mistyped year.",
        "high",
        "an action not completed and not ongoing is due before the inspection visit began; an action's "
        "interval starts after it ends; an action or a stated deadline names a date before 1990 or more "
        "than 10 years after the inspection year",
        'the action is completed or ongoing ("April 2010 and ongoing"). Without inspection dates the '
        "before-the-visit test is skipped; without a report year the 10-year test is",
        'Action 5 under R2.6 in the plan (home-group-action-plan-2010.pdf p.3), "Deliver a communication '
        'plan to raise awareness with colleagues …", is due "January 2010.", which is before the '
        "inspection began on 26 April 2010, yet is marked planned, not completed or ongoing."),
    FindingKind(
        "wording_diverges", "Recommendation reworded",
        "The plan restates the recommendation in a way that changes what it asks for, not just its words "
        '("introduce" becomes "consider whether to introduce", a clause is dropped or the scope narrowed); '
        "synonyms such as tenants/customers do not count.",
        "medium",
        "the plan's restatement changes the commitment (below)",
        "rewording: synonyms, tense or inflection, a dropped article",
        'The plan (plan.pdf p.4) restates R1.3 as "Consider whether to complete the review of '
        'complaints.", but the report (rep.pdf p.14) says "completing the review of complaints": the '
        'plan adds the hedge "consider". Other reasons read: the plan replaces "ensure" with '
        '"encourage"; drops "use translation communication"; narrows "all buildings" to "main offices".'),
    FindingKind(
        "count_mismatch", "Numbers do not add up",
        "A document states how many recommendations or actions it holds "
        '("29 recommendations grouped under 6 headings"), and that number differs from what it contains.',
        "low",
        "a document's own count of recommendations, headings or actions differs from what was read",
        "the count compared could not be made (no recommendations, or no plan for an actions count)",
        'The cover report (pack.pdf p.20) says "There were 12 recommendations grouped under 3 headings", '
        "but the report (rep.pdf) holds 6 recommendations (bullets, and headlines without bullets)."),
)
# Kinds raised between successive versions of one plan (compare/versions.py).
VERSION_KINDS = (
    FindingKind(
        "due_date_moved", "Due date moved later",
        "A later version of the plan gives an action a later due date than the earlier version did: "
        "the action has slipped, whether or not it now passes the inspectors' deadline.",
        "medium",
        "an action matched across two successive versions (by ref and wording) has a later due date in "
        "the later version",
        "the date is unchanged or earlier; either version names no date; the earlier version had it "
        "completed (reopening it is status_regressed)",
        'Action 1 under R2.1 in the plan (plan-june-2011.docx), "Introduce a Service Level Agreement '
        'framework", is due 31 March 2011 there but was due 31 October 2010 in the earlier version '
        "(plan-december-2010.docx): moved 151 days later.",
        escalated_when="when the later due date is after the recommendation's deadline",
        base_when="when it still meets the deadline, or the recommendation has none"),
    FindingKind(
        "action_dropped", "Action dropped",
        "An action that was not completed in the earlier version of the plan is missing from the later "
        "one, with no word on what became of it.",
        "high",
        "an action planned or ongoing in one version matches no action of the next version, by ref and "
        "wording",
        "the action was completed in the earlier version; it is reworded or moved within the plan (it "
        "still matches)",
        'Action 2 under R1.1 in the earlier version (plan-december-2010.docx), "Publish repair times on '
        'the website", planned, is not in the later version (plan-june-2011.docx).'),
    FindingKind(
        "status_regressed", "No longer completed",
        "An action the earlier version of the plan reported as completed is shown as not completed in the "
        "later one.",
        "medium",
        "an action completed in one version is planned or ongoing in the next",
        "it stays completed; it was not completed before",
        'Action 1 under R3.2 in the plan (plan-june-2011.docx), "Train staff on the complaints policy", '
        "is planned there but was completed in the earlier version (plan-december-2010.docx)."),
)
FINDING_KINDS = FINDING_KINDS + VERSION_KINDS
KIND_NAMES = tuple(k.kind for k in FINDING_KINDS)
BY_KIND = {k.kind: k for k in FINDING_KINDS}
