"""The Home Group 2010 inspection report, standalone and inside the housing
panel pack: every recommendation of the gold file, the two judgement tables,
the title-page metadata, and the cover report's own counts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from acplans.extract.layouts.inspection_report import (blocks_to_recommendation_groups, find_recommendation_section,
                                                       report_blocks)
from acplans.extract.records import CountClaim, DocKind
from acplans.extract.report import extract_report
from acplans.extract.segment import split_document

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
REPORT = SAMPLES / "home-group-inspection-report-2010.pdf"
PACK = SAMPLES / "home-group-housing-panel-pack-2010.pdf"
GOLD = json.loads((SAMPLES / "gold" / "home-group-2010.json").read_text())["recommendations"]

TABLE_1 = [
    ("Access and customer care", "Weaknesses outweigh strengths"),
    ("Diversity", "Weaknesses outweigh strengths"),
    ("Value for money", "Weaknesses outweigh strengths"),
    ("Responsive repairs", "Weaknesses outweigh strengths"),
    ("Gas services", "Weaknesses outweigh strengths"),
    ("Resident involvement", "Strengths and weaknesses are in balance"),
]
TABLE_2 = [
    ("Track record of improvement", "Strengths and weaknesses are balanced"),
    ("How well is performance managed", "Strengths outweigh weaknesses"),
    ("Is there capacity to improve", "Strengths significantly outweigh weaknesses"),
]


def _report_extraction(doc):
    parts = split_document(doc)
    index = next(i for i, p in enumerate(parts) if p.kind is DocKind.INSPECTION_REPORT)
    return doc, parts[index], extract_report(doc, parts[index], index)


@pytest.fixture(scope="module", params=[REPORT, PACK], ids=["standalone", "pack"])
def report(request, sample_docs):
    return _report_extraction(sample_docs[request.param.name])


def _row(r):
    return {"ref": r.ref, "parent_ref": r.parent_ref, "text": r.text,
            "target_date_text": r.target_date_text, "impact": r.impact, "cost": r.cost}


def test_all_35_recommendations_match_gold(report):
    _, _, out = report
    expected = [{k: g[k] for k in ("ref", "parent_ref", "text", "target_date_text", "impact", "cost")}
                for g in GOLD]
    assert [_row(r) for r in out.recommendations] == expected
    assert out.review_reasons == []


def test_headlines_and_bullets_are_told_apart(report):
    _, _, out = report
    headlines = [r for r in out.recommendations if r.level == "headline"]
    assert [r.ref for r in headlines] == ["R1", "R2", "R3", "R4", "R5", "R6"]
    assert [r.ref_as_written for r in headlines] == ["R1", "R2", "R3", "R4", "R5", "R6"]
    assert sum(r.level == "bullet" for r in out.recommendations) == 29


def test_benefits_belong_to_the_headline(report):
    _, _, out = report
    by_ref = {r.ref: r for r in out.recommendations}
    assert by_ref["R1"].benefits == ["greater safety for tenants", "compliance with the law"]
    assert by_ref["R3"].benefits == ["services that better meet the diverse needs of tenants"]
    assert by_ref["R5"].benefits == ["a faster and more convenient service for tenants",
                                     "improved tenant satisfaction with the services",
                                     "more efficient services"]
    assert by_ref["R1.1"].benefits == []


def test_bullets_run_on_over_the_page_break(report):
    doc, _, out = report
    by_ref = {r.ref: r for r in out.recommendations}
    # R5's bullets start on one page and end on the next.
    assert by_ref["R5.4"].source.page + 1 == by_ref["R5.5"].source.page
    first_page = 14 if doc.source_name == REPORT.name else 16
    assert by_ref["R1"].source.page == first_page
    assert by_ref["R6.4"].source.page == first_page + 2


def test_intermediate_steps_can_be_inspected(sample_docs):
    doc, part, _ = _report_extraction(sample_docs[REPORT.name])
    section = find_recommendation_section(report_blocks(doc, part))
    assert section[0].text.startswith("26 To rise to the challenge")
    groups = blocks_to_recommendation_groups(section)
    assert [g.ref for g in groups] == ["R1", "R2", "R3", "R4", "R5", "R6"]
    assert groups[0].text == "Provide a high performance in annual gas servicing by:"


def test_judgement_tables(report):
    _, _, out = report
    rows = [(j.table, j.area, j.assessment) for j in out.judgements]
    assert rows == ([("Table 1 Assessment", a, s) for a, s in TABLE_1]
                    + [("Table 2 Assessment of prospects for improvement", a, s) for a, s in TABLE_2])
    page = 6 if out.source_path.endswith(REPORT.name) else 8
    assert {j.source.page for j in out.judgements} == {page}


def test_metadata(report):
    _, _, out = report
    meta = out.metadata
    assert meta.landlord == "Home Group Limited"
    assert meta.inspecting_body == "Audit Commission"
    assert meta.title == "Short notice inspection of responsive repairs, gas services and resident involvement"
    assert meta.published_text == "September 2010"
    assert meta.inspection_dates_text == "26 to 30 April 2010"
    assert meta.scope == ["responsive repairs (Home standard)", "gas services (Home standard)",
                          "resident involvement (Tenant involvement and empowerment standard)"]


def test_pack_cover_report_counts_and_names(sample_extractions):
    extractions = sample_extractions[PACK.name]
    assert [e.part.kind for e in extractions] == [
        DocKind.COVER_REPORT, DocKind.INSPECTION_REPORT, DocKind.ACTION_PLAN]
    cover = extractions[0]
    assert [(c.what, c.count, c.source.page) for c in cover.claims] == [
        ("recommendations", 29, 1), ("headings", 6, 1), ("actions", 29, 1), ("headings", 6, 1)]
    assert cover.claims[2].text == ("29 actions are listed under the 6 headings used by the AC "
                                    "and are shown on pages 1 to 37 of the Action Plan.")
    assert cover.metadata.landlord == "Home Housing Group"
    assert cover.metadata.title == "Home Housing Group Short Notice Inspection & Action Plan"
    assert cover.metadata.published_text == "September 2010"
    assert cover.metadata.inspection_dates_text == "26 – 30 April, 2010"
    # The pack's report is the same report as the standalone file.
    assert len(extractions[1].recommendations) == 35
    assert all(isinstance(c, CountClaim) for c in cover.claims)
