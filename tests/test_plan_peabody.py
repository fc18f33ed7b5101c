"""Recommendation paragraphs each followed by a small table whose action
cells carry their own status line: the Peabody plan as DOCX and as PDF."""
import json
from pathlib import Path

import pytest

from acplans.extract.action_rows import split_status_line
from acplans.extract.plan import extract_plan
from acplans.extract.records import DocKind, DocumentPart
from acplans.normalize.refs import canonical_ref
from goldtext import norm, similar

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
GOLD = json.loads((SAMPLES / "gold" / "peabody-2010.json").read_text())




def extract(doc):
    part = DocumentPart(DocKind.ACTION_PLAN, 1 if doc.pages else None, doc.page_count or None)
    return extract_plan(doc, part, 0)


@pytest.fixture(scope="module", params=["peabody-action-plan-summary-2010.docx",
                                        "peabody-action-plan-summary-2010.pdf"])
def plan(request, sample_docs):
    return extract(sample_docs[request.param])


def test_thirteen_responses_as_gold(plan):
    assert plan.review_reasons == []
    assert [r.ref_as_written for r in plan.responses] == [g["ref_as_written"] for g in GOLD["responses"]]
    for r, g in zip(plan.responses, GOLD["responses"]):
        assert canonical_ref(r.ref_as_written) == g["ref"]
        assert similar(r.text, g["text"]) >= 0.95
        assert (r.stated_target_text, r.responsible_text, r.sponsor_text) == (None, None, None)
    assert [r.heading_ref for r in plan.responses] == ["1"] * 6 + ["2"] * 3 + ["3"] * 4
    assert plan.responses[6].heading_text == "STRENGTHEN VALUE FOR MONEY IN THE INSPECTED AREAS"


def test_twenty_two_actions_with_gold_due_texts(plan):
    got = [(canonical_ref(r.ref_as_written), a) for r in plan.responses for a in r.actions]
    assert len(got) == len(GOLD["actions"]) == 22
    for (ref, a), g in zip(got, GOLD["actions"]):
        assert ref == g["ref"]
        assert similar(a.text, g["text"]) >= 0.95, g["text"]
        assert norm(a.due_text) == norm(g["due_text"]), g["text"]


def test_docx_and_pdf_agree(sample_docs):
    docx = extract(sample_docs["peabody-action-plan-summary-2010.docx"])
    pdf = extract(sample_docs["peabody-action-plan-summary-2010.pdf"])
    pairs = [(a, b) for r, s in zip(docx.responses, pdf.responses) for a, b in zip(r.actions, s.actions)]
    assert len(pairs) == 22
    for a, b in pairs:
        assert similar(a.text, b.text) >= 0.97 and norm(a.due_text) == norm(b.due_text)


def test_enumerators_removed_and_two_paragraph_action_kept_whole(plan):
    r2c = next(r for r in plan.responses if r.ref_as_written == "Recommendation 2C")
    assert [norm(a.text) for a in r2c.actions] == [norm(
        "Review repairs volumes by priority when the new maintenance contract commences. Assess the need for "
        "prioritisation training for Peabody Direct to ensure correct repairs prioritisation.")]
    r3d = next(r for r in plan.responses if r.ref_as_written == "Recommendation 3D")
    assert [a.seq for a in r3d.actions] == [1, 2, 3, 4, 5]
    assert r3d.actions[0].text.startswith("Develop and implement a robust contract")
    r3c = next(r for r in plan.responses if r.ref_as_written == "Recommendation 3C")
    assert r3c.actions[0].due_text == ""


@pytest.mark.parametrize("cell, action, status", [
    # Paragraph breaks as Word keeps them: a broken status line is rejoined.
    ("Agree X with residents.\nA strategy is now in place:\nResident involvement\nstrategy July 2010",
     "Agree X with residents.", "A strategy is now in place: Resident involvement strategy July 2010"),
    ("Implement a framework for data.\nFramework and action plan\nin place",
     "Implement a framework for data.", "Framework and action plan in place"),
    # One run of text, as the PDF gives it, with or without the full stop.
    ("Publicise the service offered to leaseholders Completed - 30 April 2010",
     "Publicise the service offered to leaseholders", "Completed - 30 April 2010"),
    ("Provide an improved Gas Safety Booklet for residents This was sent out with Engage Magazine on 7 April",
     "Provide an improved Gas Safety Booklet for residents", "This was sent out with Engage Magazine on 7 April"),
    ("Review volumes when the contract commences.\nAssess the need for training.\nTo be done by 31 July 2010",
     "Review volumes when the contract commences. Assess the need for training.", "To be done by 31 July 2010"),
    ("Have a process in place for collecting data.", "Have a process in place for collecting data.", ""),
])
def test_split_status_line(cell, action, status):
    assert split_status_line(cell) == (action, status)
