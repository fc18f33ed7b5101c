"""Tests of the comparator: pairing, matching and every finding kind."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from acplans.compare import InspectionScope, compare_all, divergences, find_wording_divergence, match_responses
from acplans.normalize.build import CountClaim
from acplans.normalize.crossdoc import NormalisedBatch
from acplans.normalize.pairing import group_documents, landlord_key
from acplans.schemas.bundle import Tables
from acplans.schemas.rows import (ActionRow, DocumentRow, InspectionRow, RecommendationRow,
                                  ResponseRow)

GOLD = Path(__file__).resolve().parents[1] / "samples" / "gold"
VISIT = (date(2010, 4, 26), date(2010, 4, 30))


def doc(doc_id, kind, landlord, path, part=0, page=1, published="July 2010"):
    return DocumentRow(doc_id=doc_id, source_path=path, source_name=Path(path).name, file_type="pdf",
                       part=part, doc_kind=kind, page_start=page, page_end=page + 10, landlord=landlord,
                       published=published, page=page)


def rec(doc_id, ref, text, target=None, target_text=None, page=14, derived_from="report"):
    parent = ref.rsplit(".", 1)[0] if "." in ref else None
    return RecommendationRow(doc_id=doc_id, rec_id=f"{doc_id}:{ref}", ref=ref, ref_as_written=ref,
                             parent_ref=parent, level="bullet" if parent else "headline", text=text,
                             target_date_text=target_text, target_date=target, derived_from=derived_from,
                             source_path=f"/in/{doc_id}.pdf", page=page)


def resp(doc_id, ref, text, target=None, target_text=None, owner="Jo Bloggs", page=3, pos=0):
    return ResponseRow(doc_id=doc_id, response_id=f"{doc_id}:{ref}:{pos}", ref=ref, ref_as_written=ref,
                       text=text, stated_target_date_text=target_text, stated_target_date=target,
                       owner_name=owner, source_path=f"/in/{doc_id}.pdf", page=page)


def act(response, seq, text, due=None, due_text=None, status="planned", start=None, owner=None):
    return ActionRow(doc_id=response.doc_id, action_id=f"{response.response_id}:{seq}",
                     response_id=response.response_id, ref=response.ref, seq=seq, text=text,
                     due_text=due_text if due_text is not None else (f"{due:%B %Y}." if due else ""),
                     due_date=due, due_date_start=start, status=status, owner_name=owner,
                     source_path=response.source_path, page=response.page)


JUNE_2011 = date(2011, 6, 30)
DEC_2010 = date(2010, 12, 31)


def clean_report():
    return [
        rec("rep", "R1", "In consultation with tenants, improve customer care by:", JUNE_2011, "June 2011"),
        rec("rep", "R1.1", "producing measurable service standards", JUNE_2011, "June 2011"),
        rec("rep", "R1.2", "reporting to tenants on service performance and how this compares with "
                           "other providers", JUNE_2011, "June 2011"),
        rec("rep", "R2", "Improve resident involvement by:", DEC_2010, "December 2010"),
        rec("rep", "R2.1", "providing training to enable staff to support vulnerable tenants",
            DEC_2010, "December 2010"),
        rec("rep", "R2.2", "ensuring all buildings used by tenants comply with the Disability "
                           "Discrimination Act", DEC_2010, "December 2010"),
    ]


def clean_plan():
    responses = [
        resp("plan", "R1.1", "Produce measurable service standards.", JUNE_2011, "June 2011"),
        resp("plan", "R1.2", "Report to customers on service performance and how this compares with "
                             "other providers.", JUNE_2011, "June 2011"),
        resp("plan", "R2.1", "Provide training to enable colleagues to support vulnerable residents.",
             DEC_2010, "December 2010"),
        resp("plan", "R2.2", "Ensure all buildings used by customers comply with the Disability "
                             "Discrimination Act.", DEC_2010, "December 2010"),
    ]
    actions = [act(r, 1, f"First step for {r.ref}", date(2010, 10, 31)) for r in responses]
    actions.append(act(responses[0], 2, "Publish the standards", due_text="July 2010 (completed).",
                       due=date(2010, 7, 31), status="completed"))
    return responses, actions


def pair_documents():
    return [doc("rep", "inspection_report", "Example Housing Association Limited", "/in/rep.pdf", page=1),
            doc("plan", "action_plan", "Example Housing", "/in/plan.pdf", page=1)]


def claim(doc_id, what, count, text, page=None):
    return CountClaim(doc_id=doc_id, what=what, count=count, text=text, source_path=f"/in/{doc_id}.pdf", page=page)


def compare(documents, recommendations, responses, actions, *, inspection_dates=None, claims=()):
    """The comparator over rows as the normaliser hands them on: paired, with claims and visits."""
    groups = group_documents(documents)
    tables = Tables(documents=documents, recommendations=recommendations, responses=responses, actions=actions,
                    inspections=[g.row for g in groups])
    return compare_all(NormalisedBatch(tables, groups, list(claims), inspection_dates or {}))


def group_inspections(documents):
    return [g.row for g in group_documents(documents)]


def kinds(findings):
    return {(f.kind, f.ref) for f in findings}


def test_clean_pair_has_no_findings():
    responses, actions = clean_plan()
    result = compare(pair_documents(), clean_report(), responses, actions,
                     inspection_dates={"rep": VISIT})
    assert result.findings == []
    assert len(result.inspections) == 1
    assert {(m.rec_id, m.method) for m in result.matches} == {
        ("rep:R1.1", "ref"), ("rep:R1.2", "ref"), ("rep:R2.1", "ref"), ("rep:R2.2", "ref")}


def test_each_finding_kind_planted_once():
    report = clean_report() + [
        rec("rep", "R1.3", "completing the review of complaints", JUNE_2011, "June 2011"),
        rec("rep", "R3", "Write letters in plain English.", DEC_2010, "December 2010", page=15),
    ]
    responses, actions = clean_plan()
    # R1.1 restates the deadline differently.
    responses[0].stated_target_date, responses[0].stated_target_date_text = date(2011, 3, 31), "March 2011"
    # R1.2 has no entry at all.
    del responses[1]
    actions = [a for a in actions if a.ref != "R1.2"]
    # R2.2 names nobody.
    responses[2].owner_name = None
    hedged = resp("plan", "R1.3", "Consider whether to complete the review of complaints.",
                  JUNE_2011, "June 2011", page=4)
    letters = resp("plan", "R3", "Write letters in plain English.", DEC_2010, "December 2010", page=5)
    stray = resp("plan", "R9.1", "Refurbish the head office car park.", page=6)
    responses += [hedged, letters, stray]
    late = act(responses[1], 2, "Train the remaining teams", date(2011, 1, 31),
               start=date(2011, 1, 1), due_text="January 2011.")
    actions += [
        late,
        act(hedged, 1, "Finish the review", date(2010, 11, 30)),
        act(letters, 1, "Rewrite the standard letters", due_text="In line with the plan."),
        act(letters, 2, "Audit letters", date(2009, 1, 31)),
        act(stray, 1, "Resurface", date(2010, 9, 30)),
    ]
    documents = pair_documents() + [doc("cover", "cover_report", None, "/in/rep.pdf", part=1, page=20)]
    cover_claim = claim(doc_id="cover", what="recommendations", count=12,
                        text="There were 12 recommendations grouped under 3 headings", page=20)

    result = compare(documents, report, responses, actions, inspection_dates={"rep": VISIT},
                     claims=[cover_claim])

    assert kinds(result.findings) == {
        ("target_date_mismatch", "R1.1"), ("missing_response", "R1.2"), ("wording_diverges", "R1.3"),
        ("action_after_deadline", "R2.1"), ("no_owner", "R2.2"), ("no_due_date", "R3"),
        ("date_anomaly", "R3"), ("orphan_response", "R9.1"), ("count_mismatch", None)}
    by_kind = {f.kind: f for f in result.findings}
    assert by_kind["target_date_mismatch"].message == (
        'The plan (plan.pdf p.3) restates R1.1\'s deadline as "March 2011", '
        'but the report (rep.pdf p.14) says "June 2011".')
    assert by_kind["missing_response"].message.startswith(
        'Recommendation R1.2 in the report (rep.pdf p.14), "reporting to tenants')
    wording = by_kind["wording_diverges"].message
    assert '"Consider whether to complete the review of complaints."' in wording
    assert '"completing the review of complaints"' in wording and 'adds the hedge "consider"' in wording
    assert '"January 2011."' in by_kind["action_after_deadline"].message
    assert '"December 2010"' in by_kind["action_after_deadline"].message
    assert "1 January 2011 at the earliest" in by_kind["action_after_deadline"].message
    assert "26 April 2010" in by_kind["date_anomaly"].message
    assert '"In line with the plan."' in by_kind["no_due_date"].message
    assert "12 recommendations" in by_kind["count_mismatch"].message
    assert "holds 6 recommendations" in by_kind["count_mismatch"].message
    assert {f.kind: f.severity for f in result.findings} == {
        "target_date_mismatch": "medium", "missing_response": "high", "wording_diverges": "medium",
        "action_after_deadline": "high", "no_owner": "high", "no_due_date": "medium",
        "date_anomaly": "high", "orphan_response": "medium", "count_mismatch": "low"}


def test_plan_deadline_later_than_report_is_high():
    report = [rec("rep", "R1", "Write letters in plain English.", None, "immediately")]
    later = resp("plan", "R1", "Write letters in plain English.", DEC_2010, "December 2010")
    same = resp("plan", "R1", "Write letters in plain English.", None, "Immediately", pos=1)
    result = compare(pair_documents(), report, [later, same],
                     [act(later, 1, "Do it", date(2010, 9, 30)), act(same, 1, "Do it", date(2010, 9, 30))])
    assert [(f.kind, f.response_id, f.severity) for f in result.findings] == [
        ("target_date_mismatch", "plan:R1:0", "high")]


def test_headline_entry_covers_its_bullets():
    report = [rec("rep", "R1", "Provide a high performance in annual gas servicing by:"),
              rec("rep", "R1.1", "ensuring that every gas appliance is serviced annually"),
              rec("rep", "R1.2", "publicising the importance of gas servicing")]
    headline = resp("plan", "R1", "Ensure that every gas appliance is serviced annually.")
    matches = match_responses("i", report, [headline])
    assert {(m.rec_id, m.method) for m in matches} == {
        ("rep:R1", "ref"), ("rep:R1.1", "headline"), ("rep:R1.2", "headline")}

    own = resp("plan", "R1.2", "Publicise the importance of gas servicing.", pos=1)
    matches = match_responses("i", report, [headline, own])
    assert {(m.rec_id, m.response_id, m.method) for m in matches} == {
        ("rep:R1", "plan:R1:0", "ref"), ("rep:R1.2", "plan:R1.2:1", "ref"),
        ("rep:R1.1", "plan:R1:0", "headline")}

    result = compare(pair_documents(), report, [headline], [act(headline, 1, "Audit", date(2010, 9, 30))])
    assert result.findings == []


def test_action_overlapping_the_deadline_is_not_late():
    report = [rec("rep", "R1", "Publish service standards.", JUNE_2011, "June 2011")]
    entry = resp("plan", "R1", "Publish service standards.")
    overlapping = act(entry, 1, "Consult tenants", date(2011, 8, 31), due_text="June – August 2011",
                      start=date(2011, 6, 1))
    after = act(entry, 2, "Publish", date(2011, 9, 30), due_text="September 2011", start=date(2011, 9, 1))
    completed = act(entry, 3, "Draft", due_text="Done.", status="completed")
    result = compare(pair_documents(), report, [entry], [overlapping, after, completed])

    assert [f.action_id for f in result.findings if f.kind == "action_after_deadline"] == ["plan:R1:0:2"]
    assert [(c.action_id, c.rec_id, c.deadline, c.earliest_due, c.late, c.undated)
            for c in result.action_checks] == [
        ("plan:R1:0:1", "rep:R1", JUNE_2011, date(2011, 6, 1), False, False),
        ("plan:R1:0:2", "rep:R1", JUNE_2011, date(2011, 9, 1), True, False),
        ("plan:R1:0:3", "rep:R1", JUNE_2011, None, False, True)]
    [row] = result.coverage
    assert (row.answered_by, row.late_actions, row.undated_actions, row.findings) == ("own_entry", 1, 1, 1)


def test_coverage_says_how_each_recommendation_is_answered():
    report = [rec("rep", "R1", "Provide a high performance in annual gas servicing by:"),
              rec("rep", "R1.1", "ensuring that every gas appliance is serviced annually"),
              rec("rep", "R2", "Improve customer care by:", JUNE_2011, "June 2011"),
              rec("rep", "R2.1", "producing measurable service standards", JUNE_2011, "June 2011"),
              rec("rep", "R2.2", "reporting to tenants on service performance", JUNE_2011, "June 2011"),
              rec("rep", "R3", "Involve tenants in scrutiny.", DEC_2010, "December 2010"),
              rec("rep", "R3.1", "training a scrutiny panel", DEC_2010, "December 2010")]
    gas = resp("plan", "R1", "Ensure that every gas appliance is serviced annually.", owner=None)
    standards = resp("plan", "R2.1", "Produce measurable service standards.", pos=1)
    performance = resp("plan", "R2.2", "Report to customers on service performance.", pos=2)
    actions = [act(gas, 1, "Audit", date(2010, 9, 30)),
               act(standards, 1, "Draft standards", due_text="In line with the plan."),
               act(standards, 2, "Publish", date(2011, 9, 30), start=date(2011, 9, 1))]
    result = compare(pair_documents(), report, [gas, standards, performance], actions)

    got = [(c.ref, c.is_point, c.answered, c.answered_by, c.response_ids, c.bullets, c.bullets_answered,
            c.late_actions, c.undated_actions, c.findings) for c in result.coverage]
    assert got == [
        # R1's own entry names nobody: its no_owner finding counts on R1, not on R1.1.
        ("R1", False, True, "own_entry", ["plan:R1:0"], 1, 1, 0, 0, 1),
        ("R1.1", True, True, "headline", ["plan:R1:0"], 0, 0, 0, 0, 0),
        ("R2", False, True, "points", [], 2, 2, 0, 0, 0),
        ("R2.1", True, True, "own_entry", ["plan:R2.1:1"], 0, 0, 1, 1, 2),
        ("R2.2", True, True, "own_entry", ["plan:R2.2:2"], 0, 0, 0, 0, 0),
        ("R3", False, False, None, [], 1, 0, 0, 0, 0),
        ("R3.1", True, False, None, [], 0, 0, 0, 0, 1),
    ]
    assert kinds(result.findings) == {("no_owner", "R1"), ("no_due_date", "R2.1"),
                                      ("action_after_deadline", "R2.1"), ("missing_response", "R3.1")}


@pytest.mark.parametrize("numbering, first", [
    (["1", "2", "3"], {("rep:R1.1", "text")}),
    # "R1" names a headline, and the entry restates one of its bullets: the
    # headline's entry, covering the bullet, as when a plan answers a headline.
    (["R1", "R2", "R3"], {("rep:R1", "ref"), ("rep:R1.1", "headline")}),
])
def test_text_matching_when_plan_numbers_its_own_entries(numbering, first):
    report = clean_report()[:3] + [
        rec("rep", "R2", "Improve resident involvement by:", DEC_2010, "December 2010"),
        rec("rep", "R2.1", "providing training to enable staff to support vulnerable tenants",
            DEC_2010, "December 2010")]
    texts = ["Produce measurable service standards.",
             "Report to customers on service performance and how this compares with other providers.",
             "Provide training to enable colleagues to support vulnerable residents."]
    responses = [resp("plan", ref, text, pos=i) for i, (ref, text) in enumerate(zip(numbering, texts))]
    matches = match_responses("i", report, responses)
    assert {(m.rec_id, m.response_id, m.method) for m in matches} == {
        *((rec_id, responses[0].response_id, method) for rec_id, method in first),
        ("rep:R1.2", responses[1].response_id, "text"), ("rep:R2.1", responses[2].response_id, "text")}
    assert all(m.score >= 0.85 for m in matches if m.method == "text")

    result = compare(pair_documents(), report, responses,
                     [act(r, 1, "Step", date(2010, 9, 30)) for r in responses])
    assert result.findings == []


def test_landlord_names_written_differently_pair():
    assert landlord_key("Home Group Limited") == landlord_key("Home Group") == landlord_key(
        "Home Housing Group") == frozenset({"home"})
    assert landlord_key("Peabody Trust") == landlord_key("Peabody")
    assert landlord_key("Housing Association") == frozenset({"housing", "association"})
    documents = [
        doc("r", "inspection_report", "Riverside Homes Limited", "/in/report.pdf"),
        doc("p", "action_plan", "Riverside Homes", "/in/plan.docx"),
        doc("c", "cover_report", None, "/in/pack.pdf", part=0),
        doc("r2", "inspection_report", "Riverside Homes Ltd", "/in/pack.pdf", part=1),
        doc("x", "action_plan", "Hillside Homes", "/in/hillside.pdf"),
        doc("o", "other", "Riverside Homes", "/in/minutes.pdf"),
    ]
    groups = group_documents(documents)
    assert [(g.row.report_doc_id, g.row.plan_doc_id, g.row.cover_doc_id, sorted(g.doc_ids))
            for g in groups] == [
        ("r", "p", "c", ["c", "p", "r", "r2"]),
        (None, "x", None, ["x"]),
    ]
    rows = group_inspections(documents)
    assert rows[0].landlord == "Riverside Homes Limited"
    assert group_inspections(list(reversed(documents)))[1].inspection_id == rows[0].inspection_id


def test_successive_inspections_of_one_landlord_stay_apart():
    documents = [
        doc("r08", "inspection_report", "Riverside Homes", "/in/r08.pdf", published="March 2008"),
        doc("r10", "inspection_report", "Riverside Homes", "/in/r10.pdf", published="June 2010"),
        doc("p10", "action_plan", "Riverside Homes", "/in/p10.pdf", published="September 2010"),
        doc("p08", "action_plan", "Riverside Homes", "/in/p08.pdf", published="May 2008"),
    ]
    assert sorted((row.report_doc_id, row.plan_doc_id) for row in group_inspections(documents)) == [
        ("r08", "p08"), ("r10", "p10")]


def test_plan_alone_reports_only_what_the_plan_itself_shows():
    recs = [rec("plan", "1", "STRENGTHEN CUSTOMER CARE", derived_from="plan", page=1),
            rec("plan", "1A", "Collect customer profile information", derived_from="plan", page=1),
            rec("plan", "1B", "Involve residents in the monitoring of contractors", derived_from="plan",
                page=2)]
    recs[1].parent_ref = recs[2].parent_ref = "1"
    recs[1].level = recs[2].level = "bullet"
    a = resp("plan", "1A", "Collect customer profile information", owner=None)
    b = resp("plan", "1B", "Involve residents in the monitoring of contractors")
    actions = [act(a, 1, "Run the profiling project", due_text="In progress", status="ongoing"),
               act(b, 1, "Agree with residents", date(2010, 7, 31))]
    documents = [doc("plan", "action_plan", "Peabody", "/in/plan.pdf")]
    result = compare(documents, recs, [a, b], actions)
    assert kinds(result.findings) == {("no_owner", "1A"), ("no_due_date", "1A")}
    assert result.inspections[0].report_doc_id is None
    assert result.findings[0].severity == "medium"


def test_owner_on_every_action_is_enough():
    response = resp("plan", "R1", "Write letters in plain English.", owner=None)
    actions = [act(response, 1, "Rewrite", date(2010, 9, 30), owner="A Person"),
               act(response, 2, "Audit", date(2010, 9, 30), owner="B Person")]
    result = compare(pair_documents(), [rec("rep", "R1", "Write letters in plain English.")],
                     [response], actions)
    assert result.findings == []
    actions[1].owner_name = None
    result = compare(pair_documents(), [rec("rep", "R1", "Write letters in plain English.")],
                     [response], actions)
    assert kinds(result.findings) == {("no_owner", "R1")}


@pytest.mark.parametrize("recommendation, restatement, expected", [
    ("ensuring all buildings used by tenants comply with the Act",
     "Ensure all buildings used by customers comply with the Act.", []),
    ("reviewing gas access procedures", "Review gas access procedure.", []),
    ("informing tenants what Home is doing or is not doing",
     "Inform customers what Home is doing or not doing.", []),
    ("ensuring all buildings used by tenants comply with the Act",
     "Ensure some buildings used by customers comply with the Act.",
     ['narrows "all buildings" to "some buildings"']),
    ("ensuring all buildings used by tenants comply with the Act",
     "Ensure main offices used by customers comply with the Act.",
     ['narrows "all buildings" to "main offices"']),
    ("ensure contractors understand and comply with our values",
     "Encourage contractors to understand and comply with our values.",
     ['replaces "ensure" with "encourage"']),
    ("improve the website to provide more information",
     "Explore options to improve the website to provide more information where possible.",
     ['adds the hedge "explore"', 'adds the hedge "where possible"']),
    ("providing training and guidance to enable staff to contribute effectively to safeguarding, "
     "to use translation and communication services and to tailor services to individual needs",
     "Provide training and guidance to enable colleagues to contribute effectively to safeguarding "
     "and to tailor services to individual needs.",
     ['drops "use translation communication"']),
])
def test_wording_divergences(recommendation, restatement, expected):
    assert divergences(recommendation, restatement) == expected


def test_wording_divergence_is_not_checked_against_plan_restatements():
    recs = [rec("plan", "1A", "Ensure arrangements are applied", derived_from="plan")]
    responses = [resp("plan", "1A", "Consider encouraging arrangements")]
    scope = InspectionScope(inspection=InspectionRow(inspection_id="i", landlord=None, report_doc_id=None,
                                                     plan_doc_id="plan", cover_doc_id=None),
                            recommendations=recs, responses=responses,
                            matches=match_responses("i", recs, responses))
    assert find_wording_divergence(scope) == []


def _day(text):
    return date.fromisoformat(text) if text else None


def gold_rows(name):
    """Rows for one gold file, split over the documents a run over the samples reads."""
    gold = json.loads((GOLD / f"{name}.json").read_text())
    if name == "home-group-2010":
        documents = [
            doc("hg-cover", "cover_report", "Home Housing Group", "samples/home-group-housing-panel-pack-2010.pdf"),
            doc("hg-report", "inspection_report", "Home Group Limited",
                "samples/home-group-inspection-report-2010.pdf"),
            doc("hg-plan", "action_plan", "Home Group", "samples/home-group-action-plan-2010.pdf"),
        ]
        rec_doc, plan_docs, derived = "hg-report", ["hg-plan"], "report"
        dates = {"hg-report": VISIT}
        claims = [
            claim("hg-cover", "recommendations", 29, "There were 29 recommendations grouped under "
                  "6 headings", 1),
            claim("hg-cover", "headings", 6, "There were 29 recommendations grouped under "
                  "6 headings", 1),
            claim("hg-cover", "actions", 29, "29 actions are listed under the 6 headings", 1),
        ]
    else:
        # The same plan arrives as DOCX and as PDF: one inspection, compared once.
        documents = [doc("pb-docx", "action_plan", "Peabody", "samples/peabody-action-plan-summary-2010.docx"),
                     doc("pb-pdf", "action_plan", "Peabody Trust", "samples/peabody-action-plan-summary-2010.pdf")]
        rec_doc, plan_docs, derived = None, ["pb-docx", "pb-pdf"], "plan"
        dates, claims = None, []

    recommendations, responses, actions = [], [], []
    for plan_doc in plan_docs:
        source = rec_doc or plan_doc
        if rec_doc is None or plan_doc == plan_docs[0]:
            for r in gold["recommendations"]:
                row = rec(source, r["ref"], r["text"], _day(r["target_date"]), r["target_date_text"],
                          derived_from=derived)
                row.parent_ref, row.level = r["parent_ref"], "bullet" if r["parent_ref"] else "headline"
                recommendations.append(row)
        by_ref = {}
        for i, r in enumerate(gold["responses"]):
            row = resp(plan_doc, r["ref"], r["text"], _day(r["stated_target_date"]),
                       r["stated_target_date_text"], owner=r["owner_name"], pos=i)
            row.owner_role, row.sponsor_name = r["owner_role"], r["sponsor_name"]
            by_ref[r["ref"]] = row
            responses.append(row)
        seqs = {}
        for a in gold["actions"]:
            parent = by_ref[a["ref"]]
            seqs[a["ref"]] = seqs.get(a["ref"], 0) + 1
            actions.append(act(parent, seqs[a["ref"]], a["text"], _day(a["due_date"]), a["due_text"],
                               a["status"], _day(a.get("due_date_start"))))
    return gold, documents, recommendations, responses, actions, dates, claims


@pytest.mark.parametrize("name", ["home-group-2010", "peabody-2010"])
def test_gold_findings(name):
    gold, documents, recommendations, responses, actions, dates, claims = gold_rows(name)
    result = compare(documents, recommendations, responses, actions, inspection_dates=dates, claims=claims)
    assert len(result.inspections) == 1
    assert kinds(result.findings) == {(f["kind"], f["ref"]) for f in gold["findings"]}


def test_gold_home_group_sizes_and_matches():
    gold, documents, recommendations, responses, actions, dates, claims = gold_rows("home-group-2010")
    assert (len(recommendations), len(responses), len(actions)) == (35, 29, 129)
    result = compare(documents, recommendations, responses, actions, inspection_dates=dates, claims=claims)
    methods = {}
    for m in result.matches:
        methods[m.method] = methods.get(m.method, 0) + 1
    # 29 entries by ref (R1 and 28 bullets); R1's entry also covers bullet R1.1.
    assert methods == {"ref": 29, "headline": 1}
    row = result.inspections[0]
    assert (row.report_doc_id, row.plan_doc_id, row.cover_doc_id) == ("hg-report", "hg-plan", "hg-cover")


def test_date_anomalies_other_than_before_the_visit():
    entry = resp("plan", "R1", "Write letters in plain English.")
    actions = [
        act(entry, 1, "Reversed", date(2010, 9, 30), "October to September 2010", start=date(2010, 10, 1)),
        act(entry, 2, "Far future", date(2031, 3, 31)),
        act(entry, 3, "Typo year", date(1985, 3, 31), status="completed"),
        act(entry, 4, "Started before the visit", date(2010, 4, 1), "April 2010 and ongoing", "ongoing"),
        act(entry, 5, "Done before the visit", date(2010, 3, 31), "March 2010 (completed).", "completed"),
    ]
    result = compare(pair_documents(), [rec("rep", "R1", "Write letters in plain English.")], [entry],
                     actions, inspection_dates={"rep": VISIT})
    assert [(f.kind, f.action_id) for f in result.findings] == [
        ("date_anomaly", "plan:R1:0:1"), ("date_anomaly", "plan:R1:0:2"), ("date_anomaly", "plan:R1:0:3")]
    messages = [f.message for f in result.findings]
    assert "starts on 1 October 2010, after its end 30 September 2010" in messages[0]
    assert "names 31 March 2031, more than 10 years after the inspection (2010)" in messages[1]
    assert "names 31 March 1985, before 1990" in messages[2]


def test_count_claims_of_headings_and_actions():
    responses, actions = clean_plan()
    documents = pair_documents() + [doc("cover", "cover_report", "Example Housing", "/in/cover.pdf")]
    claims = [claim("cover", "headings", 2, "grouped under 2 headings", 1),
              claim("cover", "recommendations", 4, "There were 4 recommendations", 1),
              claim("cover", "actions", 7, "7 actions are listed", 2)]
    result = compare(documents, clean_report(), responses, actions, claims=claims)
    assert [(f.kind, f.ref, f.doc_id, f.page) for f in result.findings] == [
        ("count_mismatch", None, "cover", 2)]
    assert result.findings[0].message == (
        'The cover report (cover.pdf p.2) says "7 actions are listed", but the plan (plan.pdf) holds 4 entries '
        'and 5 actions.')
