"""Reports laid out differently from the Home Group sample, built here: a
Word file with "Recommendation R1" headings and lettered or auto-numbered
bullets, and a Markdown conversion where running heads and a footnote fall
between a headline and its bullets and a bullet runs over a page break."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest

from acplans.extract.dispatch import extract_document
from acplans.extract.model import Block, BlockKind
from acplans.extract.reader import read_document
from acplans.extract.records import DocKind
from acplans.extract.report_metadata import inspecting_body
from acplans.extract.layouts.inspection_report import parse_deadline_text, parse_rating


def _report(path: Path):
    extractions = extract_document(read_document(path))
    assert [e.part.kind for e in extractions] == [DocKind.INSPECTION_REPORT]
    return extractions[0]


def _rows(out):
    return [(r.ref, r.parent_ref, r.text, r.target_date_text, r.impact, r.cost)
            for r in out.recommendations]


@pytest.fixture()
def word_report(tmp_path):
    d = docx.Document()
    d.add_heading("Northfield Housing Trust", level=0)
    d.add_paragraph("Short notice inspection of repairs and lettings")
    d.add_paragraph("Northfield Housing Trust")
    d.add_paragraph("February 2011")
    d.add_heading("Summary", level=1)
    d.add_paragraph("The Audit Commission carried out this inspection. "
                    "Dates of inspection: 4 to 8 October 2010.")
    d.add_paragraph("Table 1 Service judgements")
    table = d.add_table(rows=3, cols=2)
    for row, texts in zip(table.rows, [("Service area", "Judgement"),
                                       ("Repairs", "Weaknesses outweigh strengths"),
                                       ("Lettings", "Strengths outweigh weaknesses")]):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    d.add_heading("Recommendations", level=1)
    d.add_paragraph("To rise to the challenge of continuous improvement we recommend:")
    d.add_heading("Recommendation R1", level=2)
    d.add_paragraph("Improve the repairs service by:")
    d.add_paragraph("a) introducing an appointments system for all repairs;")
    d.add_paragraph("b) publishing repair times to tenants; and")
    d.add_paragraph("c) checking the quality of completed work.")
    d.add_paragraph("The expected benefits of this recommendation are:")
    d.add_paragraph("fewer missed appointments; and", style="List Bullet")
    d.add_paragraph("higher satisfaction.", style="List Bullet")
    d.add_paragraph("Implementing this recommendation will have high impact with medium costs. "
                    "This should be implemented by the end of March 2011.")
    d.add_heading("Recommendation R2", level=2)
    d.add_paragraph("Strengthen the lettings service by:")
    d.add_paragraph("reviewing the allocations policy with tenants;", style="List Number")
    d.add_paragraph("reducing the time empty homes stay empty.", style="List Number")
    d.add_paragraph("Implementing this recommendation will have medium impact with low costs. "
                    "This should be implemented immediately.")
    d.add_heading("What prospects are there that the service will improve?", level=1)
    d.add_paragraph("We found strengths outweigh weaknesses in this area.")
    path = tmp_path / "northfield.docx"
    d.save(path)
    return path


def test_word_report_with_recommendation_headings_and_lettered_bullets(word_report):
    out = _report(word_report)
    assert _rows(out) == [
        ("R1", None, "Improve the repairs service by:", "the end of March 2011", "high", "medium"),
        ("R1.1", "R1", "introducing an appointments system for all repairs",
         "the end of March 2011", "high", "medium"),
        ("R1.2", "R1", "publishing repair times to tenants", "the end of March 2011", "high", "medium"),
        ("R1.3", "R1", "checking the quality of completed work", "the end of March 2011", "high", "medium"),
        ("R2", None, "Strengthen the lettings service by:", "immediately", "medium", "low"),
        ("R2.1", "R2", "reviewing the allocations policy with tenants", "immediately", "medium", "low"),
        ("R2.2", "R2", "reducing the time empty homes stay empty", "immediately", "medium", "low"),
    ]
    by_ref = {r.ref: r for r in out.recommendations}
    assert by_ref["R1"].ref_as_written == "Recommendation R1"
    assert [by_ref[f"R1.{k}"].ref_as_written for k in (1, 2, 3)] == ["a)", "b)", "c)"]
    assert by_ref["R1"].benefits == ["fewer missed appointments", "higher satisfaction"]
    assert by_ref["R1"].source.page is None and by_ref["R1"].source.locator.startswith("p")
    assert [(j.table, j.area, j.assessment) for j in out.judgements] == [
        ("Table 1 Service judgements", "Repairs", "Weaknesses outweigh strengths"),
        ("Table 1 Service judgements", "Lettings", "Strengths outweigh weaknesses")]
    assert out.metadata.landlord == "Northfield Housing Trust"
    assert out.metadata.published_text == "February 2011"
    assert out.metadata.inspection_dates_text == "4 to 8 October 2010"
    assert out.review_reasons == []


MARKDOWN_REPORT = """\
# Riverside Homes Limited | Short notice inspection report

Short notice inspection of lettings and resident involvement

Riverside Homes Limited

November 2010

Dates of inspection: 12 to 16 July 2010.

## Recommendations

Riverside Homes Limited | Short notice inspection report 14

Recommendation 1

Improve the lettings service by:

Riverside Homes Limited | Short notice inspection report 15

<sup>4</sup> Void times are measured from the end of one tenancy to the start of the next.

(i) reviewing the lettings policy;

(ii) publishing the time homes stay empty; and

(iii) training staff in

Riverside Homes Limited | Short notice inspection report 16

choice based lettings.

The expected benefits of this recommendation are: shorter waits; and fewer complaints.

Implementing this recommendation will have medium impact with low costs. This should be carried out by the end of March 2011.

**R2.** Publish a resident involvement strategy.

Implementing this recommendation will have low impact with low costs.

## Capacity to improve

We found strengths outweigh weaknesses in this area.
"""


def test_markdown_report_with_running_heads_and_footnote_between_headline_and_bullets(tmp_path):
    path = tmp_path / "riverside.md"
    path.write_text(MARKDOWN_REPORT, encoding="utf-8")
    out = _report(path)
    assert _rows(out) == [
        ("R1", None, "Improve the lettings service by:", "the end of March 2011", "medium", "low"),
        ("R1.1", "R1", "reviewing the lettings policy", "the end of March 2011", "medium", "low"),
        ("R1.2", "R1", "publishing the time homes stay empty", "the end of March 2011", "medium", "low"),
        ("R1.3", "R1", "training staff in choice based lettings", "the end of March 2011", "medium", "low"),
        ("R2", None, "Publish a resident involvement strategy.", None, "low", "low"),
    ]
    by_ref = {r.ref: r for r in out.recommendations}
    assert by_ref["R1"].ref_as_written == "Recommendation 1"
    assert by_ref["R2"].ref_as_written == "R2"
    assert by_ref["R1.2"].ref_as_written == "(ii)"
    assert by_ref["R1"].benefits == ["shorter waits", "fewer complaints"]
    # A headline without a deadline is flagged, not guessed.
    assert out.review_reasons == ["R2: no deadline found"]
    assert out.metadata.landlord == "Riverside Homes Limited"
    assert out.metadata.inspection_dates_text == "12 to 16 July 2010"


@pytest.mark.parametrize("sentence, expected", [
    ("This should be carried out by June 2011.", "June 2011"),
    ("Implementing this recommendation will have high impact with low costs. "
     "This should be carried out immediately.", "immediately"),
    ("This should be implemented by the end of March 2011.", "the end of March 2011"),
    ("These changes should be in place within six months.", "within six months"),
    ("Target date: September 2011.", "September 2011"),
    ("This should be carried out by the board.", None),
])
def test_parse_deadline_text(sentence, expected):
    assert parse_deadline_text(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Implementing this recommendation will have high impact with low costs.", ("high", "low")),
    ("This will have medium impact with medium cost.", ("medium", "medium")),
    ("Impact: high. Cost: low.", ("high", "low")),
    ("No rating is given.", (None, None)),
])
def test_parse_rating(sentence, expected):
    assert parse_rating(sentence) == expected


def test_inspecting_body_is_the_body_named_most_in_any_case():
    blocks = [Block(BlockKind.PARAGRAPH, "HOUSING INSPECTORATE report, audit commission style"),
              Block(BlockKind.PARAGRAPH, "The Housing Inspectorate found; the housing inspectorate said")]
    assert inspecting_body(blocks) == "Housing Inspectorate"
    assert inspecting_body([Block(BlockKind.PARAGRAPH, "A landlord's own plan")]) is None
