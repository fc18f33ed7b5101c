"""The officers' report as typed data: what each view (HTML, workbook, check) shows.

Built by joining the tables; nothing here judges. Whether a recommendation is
answered, and whether an action is late or undated, come from the
comparator's ``coverage`` and ``action_checks`` tables, and the problems from
its ``findings``. What this module adds is placement: which card or row each
finding is shown on.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from acplans.schemas.findings import BY_KIND, SEVERITIES, SEVERITY_RANK
from acplans.schemas.rows import (ActionCheckRow, ActionHistoryRow, ActionRow, CoverageRow, DocumentRow, FindingRow,
                                  InspectionRow, RecommendationRow, ResponseRow)

from acplans.schemas.bundle import Tables

MATCH_METHOD_TEXT = {
    "ref": "matched by reference number",
    "headline": "the plan answers the whole recommendation in one entry",
    "text": "matched by similar wording",
}
STATUS_LABEL = {"completed": "Completed", "ongoing": "Ongoing", "planned": "Planned"}
CHANGE_TEXT = {
    "first": "first listed", "same": "no change", "changed": "reworded or progress updated",
    "due_date_moved": "due date moved later", "due_date_earlier": "due date brought forward",
    "completed": "completed", "status_regressed": "no longer completed", "status_changed": "status changed",
    "dropped": "no longer in the plan",
}


def kind_label(kind: str) -> str:
    known = BY_KIND.get(kind)
    return known.label if known else kind.replace("_", " ").capitalize()


def severity_of(finding: FindingRow) -> str:
    return (finding.severity or "low").lower()


def worst_rank(findings: list[FindingRow]) -> int:
    return max((SEVERITY_RANK.get(severity_of(f), 0) for f in findings), default=0)


def most_serious_first(findings: list[FindingRow]) -> list[FindingRow]:
    return sorted(findings, key=lambda f: -SEVERITY_RANK.get(severity_of(f), 0))


def slug(*parts: str | None) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", "-".join(p or "" for p in parts)).strip("-")


def long_date(d: date | None) -> str:
    return f"{d.day} {d:%b %Y}" if d else ""


def document_facts(doc: DocumentRow) -> list[str]:
    """What identifies a document besides its file name: title, publication, pages, inspection dates."""
    facts = [doc.title] if doc.title else []
    if doc.published:
        facts.append(f"published {doc.published}")
    if doc.page_start:
        facts.append(f"pages {doc.page_start}-{doc.page_end}" if doc.page_end and doc.page_end != doc.page_start
                     else f"page {doc.page_start}")
    if doc.inspection_dates:
        facts.append(f"inspected {doc.inspection_dates}")
    return facts


@dataclass
class ActionView:
    row: ActionRow
    check: ActionCheckRow | None  # the comparator's verdict; absent when the comparison failed
    findings: list[FindingRow]
    # The action in every plan version, oldest first; one row when the plan has one version.
    history: list[ActionHistoryRow] = field(default_factory=list)

    @property
    def late(self) -> bool:
        return bool(self.check and self.check.late)

    @property
    def undated(self) -> bool:
        return bool(self.check and self.check.undated)

    @property
    def status(self) -> str:
        return (self.row.status or "planned").lower()

    @property
    def due_span(self) -> str:
        due, start = self.row.due_date, self.row.due_date_start
        return f"{long_date(start)} to {long_date(due)}" if start and start != due else long_date(due)


@dataclass
class ResponseView:
    row: ResponseRow
    method: str  # how the comparator matched it; "" for an entry that answers nothing
    score: float
    actions: list[ActionView]
    findings: list[FindingRow]
    # The headline's entry shown on a bullet: the bullet links there instead of repeating it.
    shared: bool = False

    @property
    def method_text(self) -> str:
        text = MATCH_METHOD_TEXT.get(self.method, self.method)
        return f"{text} ({self.score:.0%})" if self.method == "text" else text

    def all_findings(self) -> list[FindingRow]:
        return self.findings + [f for a in self.actions for f in a.findings]


@dataclass
class RecView:
    row: RecommendationRow
    order: int
    coverage: CoverageRow
    parent: RecommendationRow | None
    responses: list[ResponseView]
    findings: list[FindingRow]
    children: list[RecView] = field(default_factory=list)

    @property
    def unanswered_point(self) -> bool:
        return self.coverage.is_point and not self.coverage.answered

    def all_findings(self) -> list[FindingRow]:
        return self.findings + [f for r in self.responses if not r.shared for f in r.all_findings()]


@dataclass(frozen=True)
class CoverageCounts:
    points: int
    answered: int
    high: int
    medium: int
    low: int

    @property
    def unanswered(self) -> int:
        return self.points - self.answered

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.points) if self.points else 0

    def by_severity(self) -> list[tuple[str, int]]:
        return [(s, getattr(self, s)) for s in SEVERITIES]


@dataclass(frozen=True)
class Slippage:
    """What moved between the versions of a plan, summed from the comparator's action_history."""

    versions: int
    actions_moved: int
    days_slipped: int
    now_past_deadline: int
    dropped: int

    @classmethod
    def of(cls, versions: int, history: list[ActionHistoryRow]) -> Slippage:
        moved = [h for h in history if h.change == "due_date_moved"]
        latest = [h for h in history if h.version == versions]
        return cls(versions, len({h.history_id for h in moved}), sum(h.days_moved or 0 for h in moved),
                   sum(h.past_deadline for h in latest if h.action_id),
                   sum(h.change == "dropped" for h in history))


@dataclass
class InspectionView:
    row: InspectionRow
    report: DocumentRow | None
    plan: DocumentRow | None
    cover: DocumentRow | None
    recs: list[RecView]
    orphans: list[ResponseView]
    loose_findings: list[FindingRow]
    findings: list[FindingRow]
    versions: list[DocumentRow] = field(default_factory=list)  # plan versions, oldest first
    history: list[ActionHistoryRow] = field(default_factory=list)

    @property
    def report_missing(self) -> bool:
        """A plan given without its report: its restatements stand in, so coverage cannot be judged."""
        return self.report is None and self.plan is not None

    @property
    def slippage(self) -> Slippage:
        return Slippage.of(len(self.versions), self.history)

    def dropped(self) -> list[ActionHistoryRow]:
        return [h for h in self.history if h.change == "dropped"]

    @property
    def anchor(self) -> str:
        return slug("insp", self.row.inspection_id)

    @property
    def documents(self) -> list[DocumentRow]:
        return [d for d in (self.report, self.plan, self.cover) if d]

    def review_notes(self) -> list[tuple[str, str]]:
        """(file name, what to check, following the name) for each document a person should check."""
        notes = []
        for doc in self.documents:
            if doc.status == "error":
                notes.append((doc.source_name, f" could not be read: {doc.error or ''}"))
            if doc.needs_review:
                notes.append((doc.source_name, ": " + ("; ".join(doc.review_reasons or [])
                                                       or "extraction looks incomplete")))
            if doc.ref_gaps:
                notes.append((doc.source_name, f": numbering skips {', '.join(doc.ref_gaps)}"))
            if doc.ref_repeats:
                notes.append((doc.source_name, f": numbers used twice: {', '.join(doc.ref_repeats)}"))
        return notes

    @property
    def counts(self) -> CoverageCounts:
        points = [r.coverage for r in self.recs if r.coverage.is_point]
        severities = Counter(severity_of(f) for f in self.findings)
        return CoverageCounts(len(points), sum(c.answered for c in points),
                              *(severities.get(s, 0) for s in SEVERITIES))

    def kind_counts(self) -> list[tuple[str, dict[str, int]]]:
        """(kind, findings by severity) for each kind present, the most serious kind first."""
        counts: dict[str, Counter] = defaultdict(Counter)
        for f in self.findings:
            counts[f.kind][severity_of(f)] += 1
        worst = {k: max(SEVERITY_RANK.get(s, 0) for s in c) for k, c in counts.items()}
        return [(k, dict(counts[k])) for k in sorted(counts, key=lambda k: (-worst[k], k))]


@dataclass
class ReportView:
    inspections: list[InspectionView]
    unreadable: list[DocumentRow]

    def kinds_present(self) -> list[str]:
        """Every finding kind shown, in the order of their labels, as an officer reads them."""
        return sorted({f.kind for i in self.inspections for f in i.findings}, key=kind_label)


class _Placement:
    """Each finding on the most specific item it names: its action, else its entry, else its
    recommendation. An action of an earlier plan version (one the later version dropped) is not
    shown, so its finding goes on the recommendation of its ref."""

    def __init__(self, findings: list[FindingRow], recs_by_ref: dict[str, RecommendationRow],
                 shown_actions: set[str]):
        self.on_action: dict[str, list[FindingRow]] = defaultdict(list)
        self.on_response: dict[str, list[FindingRow]] = defaultdict(list)
        self.on_rec: dict[str, list[FindingRow]] = defaultdict(list)
        for f in findings:
            if f.action_id in shown_actions:
                self.on_action[f.action_id].append(f)
            elif f.response_id:
                self.on_response[f.response_id].append(f)
            elif f.rec_id or f.ref in recs_by_ref:
                self.on_rec[f.rec_id or recs_by_ref[f.ref].rec_id].append(f)


def _inspection(tables: Tables, insp: InspectionRow, docs: dict[str, DocumentRow],
                recs: dict[str, RecommendationRow], responses: dict[str, ResponseRow],
                actions: dict[str, list[ActionRow]], checks: dict[str, ActionCheckRow]) -> InspectionView:
    iid = insp.inspection_id
    history = sorted((h for h in tables.action_history if h.inspection_id == iid), key=lambda h: h.version)
    by_identity: dict[str, list[ActionHistoryRow]] = defaultdict(list)
    for h in history:
        by_identity[h.history_id].append(h)
    identity = {h.action_id: h.history_id for h in history if h.action_id}
    coverage = [c for c in tables.coverage if c.inspection_id == iid and c.rec_id in recs]
    insp_recs = [recs[c.rec_id] for c in coverage]
    by_ref = {r.ref: r for r in insp_recs}
    findings = [f for f in tables.findings if f.inspection_id == iid]
    placed = _Placement(findings, by_ref, {a.action_id for acts in actions.values() for a in acts
                                           if a.doc_id == insp.plan_doc_id})
    matches = [m for m in tables.matches if m.inspection_id == iid and m.response_id in responses]

    def response(response_id: str, method: str = "", score: float = 0.0, shared: bool = False) -> ResponseView:
        acts = [ActionView(a, checks.get(a.action_id), placed.on_action.get(a.action_id, []),
                           by_identity.get(identity.get(a.action_id, ""), []))
                for a in actions.get(response_id, [])]
        return ResponseView(responses[response_id], method, score, acts,
                            placed.on_response.get(response_id, []), shared)

    views: dict[str, RecView] = {}
    for order, (rec, cov) in enumerate(zip(insp_recs, coverage)):
        parent = by_ref.get(rec.parent_ref) if rec.parent_ref else None
        answering = [response(m.response_id, m.method, m.score, shared=parent is not None and m.method == "headline")
                     for m in matches if m.rec_id == rec.rec_id]
        views[rec.ref] = RecView(rec, order, cov, parent, answering, placed.on_rec.get(rec.rec_id, []))
    for view in views.values():
        if view.parent:
            views[view.parent.ref].children.append(view)

    matched = {m.response_id for m in matches}
    orphans = [response(rid) for rid, r in responses.items()
               if r.doc_id == insp.plan_doc_id and rid not in matched]
    shown = {id(f) for v in views.values() for f in v.all_findings()}
    shown |= {id(f) for o in orphans for f in o.all_findings()}
    return InspectionView(
        row=insp, report=docs.get(insp.report_doc_id or ""), plan=docs.get(insp.plan_doc_id or ""),
        cover=docs.get(insp.cover_doc_id or ""), recs=list(views.values()), orphans=orphans,
        loose_findings=[f for f in findings if id(f) not in shown], findings=findings,
        versions=[docs[d] for d in insp.plan_versions if d in docs], history=history)


def build_view(tables: Tables) -> ReportView:
    docs = {d.doc_id: d for d in tables.documents}
    recs = {r.rec_id: r for r in tables.recommendations}
    responses = {r.response_id: r for r in tables.responses}
    actions: dict[str, list[ActionRow]] = defaultdict(list)
    for a in sorted(tables.actions, key=lambda a: a.seq or 0):
        actions[a.response_id].append(a)
    checks = {c.action_id: c for c in tables.action_checks}
    return ReportView(
        inspections=[_inspection(tables, i, docs, recs, responses, actions, checks) for i in tables.inspections],
        unreadable=[d for d in tables.documents if d.status == "error"])
