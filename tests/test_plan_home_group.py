"""The per-recommendation layout, read from the real Home Group plan (and the
same plan inside the housing panel pack) and checked against the gold file."""
import json
from pathlib import Path

import pytest

from acplans.extract.plan import extract_plan
from acplans.extract.records import DocKind, DocumentPart
from acplans.normalize.refs import canonical_ref
from goldtext import TEXT_MATCH, norm, similar

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLD = json.loads((SAMPLES / "gold" / "home-group-2010.json").read_text())




def unmatched_gold_actions(extraction, gold_actions):
    """Gold actions with no extracted action of the same ref whose text and
    due text both match at 85%; each extracted action is used once."""
    pool = [(canonical_ref(r.ref_as_written, r_scheme=True), a)
            for r in extraction.responses for a in r.actions]
    used, missing = set(), []
    for g in gold_actions:
        hit = next((i for i, (ref, a) in enumerate(pool) if i not in used and ref == g["ref"]
                    and similar(a.text, g["text"]) >= TEXT_MATCH and similar(a.due_text, g["due_text"]) >= TEXT_MATCH), None)
        if hit is None:
            missing.append(g)
        else:
            used.add(hit)
    return missing


@pytest.fixture(scope="module")
def plan(sample_docs):
    doc = sample_docs["home-group-action-plan-2010.pdf"]
    return extract_plan(doc, DocumentPart(DocKind.ACTION_PLAN, 1, doc.page_count), 0)


@pytest.fixture(scope="module")
def pack_plan(sample_docs):
    doc = sample_docs["home-group-housing-panel-pack-2010.pdf"]
    return extract_plan(doc, DocumentPart(DocKind.ACTION_PLAN, 24, 60), 1)


def test_every_gold_response_with_its_header(plan):
    got = {canonical_ref(r.ref_as_written, r_scheme=True): r for r in plan.responses}
    assert len(plan.responses) == 29
    assert set(got) == {g["ref"] for g in GOLD["responses"]}
    for g in GOLD["responses"]:
        r = got[g["ref"]]
        assert r.ref_as_written == g["ref_as_written"]
        assert similar(r.text, g["text"]) >= 0.95, g["ref"]
        assert r.stated_target_text == g["stated_target_date_text"], g["ref"]
        assert norm(r.responsible_text).startswith(norm(g["owner_name"])), g["ref"]
        assert norm(r.responsible_text).endswith(norm(g["owner_role"])), g["ref"]
        assert norm(r.sponsor_text) == norm(g["sponsor_name"]), g["ref"]


def test_response_headings_and_exact_header_rows(plan):
    first, r6_4 = plan.responses[0], plan.responses[-1]
    assert (first.ref_as_written, first.heading_ref) == ("R1.", "R1")
    assert first.heading_text == "PROVIDE A HIGH PERFORMANCE IN ANNUAL GAS SERVICING"
    assert first.responsible_text == "Jim Preston – Director of Maintenance Services"
    assert first.sponsor_text == "Rosemary Du Rose"
    assert (first.source.page, first.stated_target_text) == (2, "Immediately")
    assert (r6_4.ref_as_written, r6_4.heading_ref, r6_4.stated_target_text) == ("6.4", "R6", "December 2010")
    r2_7 = next(r for r in plan.responses if r.ref_as_written == "R2.7")
    assert (r2_7.responsible_text, r2_7.sponsor_text) == ("Mark Henderson – Chief Executive", None)
    r2_1 = next(r for r in plan.responses if r.ref_as_written == "R2.1")
    assert r2_1.heading_text.startswith("CONSULT WITH CUSTOMERS AND REVIEW BEST PRACTICE")


def test_all_129_gold_actions_matched(plan):
    assert sum(len(r.actions) for r in plan.responses) == 129
    missing = unmatched_gold_actions(plan, GOLD["actions"])
    assert missing == []
    assert plan.review_reasons == []


def test_same_plan_inside_the_committee_pack(pack_plan):
    assert len(pack_plan.responses) == 29
    assert sum(len(r.actions) for r in pack_plan.responses) == 129
    assert unmatched_gold_actions(pack_plan, GOLD["actions"]) == []
    assert pack_plan.responses[0].source.page == 25


def actions_of(plan, ref_as_written):
    return next(r for r in plan.responses if r.ref_as_written == ref_as_written).actions


def test_table_over_page_break_parent_and_bullets(plan):
    acts = actions_of(plan, "R2.4")
    assert len(acts) == 4
    assert acts[0].text == (
        "Create a customer service centre to deliver a single access point for telephony for customer service "
        "through integrated technology and customer relationship management systems: "
        "Complete initial design work; Phase 1 of migration of services to service centre.")
    assert acts[0].due_text == "August 2010. May 2011."
    assert acts[1].text.endswith(
        "call answering: Put in place reporting and performance indicator mechanisms; "
        "Embed reporting requirements and Service Level Agreements in out of hours contract.")
    assert acts[1].due_text == "July 2010 (completed). August 2010."
    # The unlabelled sixth column is progress, never the due date.
    assert acts[1].progress.startswith("External company engaged for outsourcing of technical integration.")
    assert acts[2].due_text == ""
    assert "Technical changes agreed and signed off with ICT" in acts[2].progress
    # Printed in the outcomes column with the actions cell empty, on page 7.
    assert acts[3].text == "Introduce new skills in to the organisation to coach and develop telephony teams."
    assert (acts[3].due_text, acts[3].source.page) == ("Telephony training module delivered in August 2010.", 7)


def test_bullets_inside_one_cell_and_two_paragraph_cell(plan):
    r1 = actions_of(plan, "R1.")
    assert r1[1].text == ("Update procedures for colleagues and develop a toolkit to support these new procedures: "
                          "Communicate new procedures; Embed new procedures through individual objectives.")
    r3_3 = actions_of(plan, "R3.3")
    assert r3_3[0].text.endswith("focussing on high priority areas first. Carry out assessments in line with plan.")
    assert r3_3[0].measures.startswith("We know the actions we have taken are working when:")


def test_rows_printed_one_column_left(plan):
    r4_4 = [(a.text, a.due_text) for a in actions_of(plan, "R4.4")]
    assert r4_4[3:] == [("Evidence outcomes relating to involvement.", "February 2011."),
                        ("Communicate to all stakeholders as appropriate.", "March 2011."),
                        ("Publish priorities and cost information in quarterly magazine on the web.", "March 2011.")]
    assert len(r4_4) == 6  # the "....." separator rows are not actions
    r6_4 = [(a.text, a.due_text) for a in actions_of(plan, "6.4")]
    assert len(r6_4) == 4
    assert r6_4[2][0].startswith("Amend strategy as required") and r6_4[2][1] == "October 2010."
    assert r6_4[3][0].startswith("Communicate our strategy") and r6_4[3][1] == "November 2010."


def test_outcome_of_first_row_is_not_an_action(plan):
    texts = [a.text for r in plan.responses for a in r.actions]
    assert not any(t.startswith("Customers are safer in their homes") for t in texts)
    assert [a.seq for a in actions_of(plan, "R2.1")] == [1, 2, 3, 4]
