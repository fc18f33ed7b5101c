"""Tests of the officers' report (acplans/report): HTML page, Excel workbook and check summary.

The output folder is modelled on the Home Group 2010 inspection: R1 has one
bullet answered by the plan's single R1 entry; R2 has two bullets, of which
the plan answers R2.1 (restating its deadline wrongly, with one action due
after the deadline and one with no date) and misses R2.2.
"""
from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from markupsafe import escape
from openpyxl import load_workbook

from acplans import pipeline
from acplans.report import OutputNotFound, check_summary, load_output, render_html, write_xlsx
from acplans.schemas.findings import FINDING_KINDS
from acplans.compare.coverage import check_actions, coverage
from acplans.compare.scope import InspectionScope
from acplans.schemas.rows import (ActionRow, DocumentRow, FindingRow, InspectionRow, MatchRow,
                                  PersonRow, RecommendationRow, ResponseRow)
from acplans.schemas.bundle import Tables
from acplans.schemas.output import write_tables

REPORT = "samples/home-group-inspection-report-2010.pdf"
PLAN = "samples/home-group-action-plan-2010.pdf"
PLANTED = '<script>alert("pwned")</script>'

MISSING_MSG = "Recommendation R2.2 (report page 31) has no entry in the action plan."
MISMATCH_MSG = ('The plan prints "Audit Commission Target Date: Immediately" above R2.1 (plan page 2), '
                "but the report sets June 2011 (report page 31).")
LATE_MSG = ('Action 1 under R2.1 is due "September 2011." (30 Sep 2011), after the inspectors\' '
            "deadline of 30 Jun 2011.")
NO_DATE_MSG = "Action 2 under R2.1 has an empty By cell and is not marked completed (plan page 2)."


def documents() -> list[DocumentRow]:
    return [
        DocumentRow(doc_id="rep", source_path=REPORT, source_name=Path(REPORT).name, file_type="pdf",
                    doc_kind="inspection_report", page_start=1, page_end=48, landlord="Home Group Limited",
                    title="Housing services inspection report", published="July 2010",
                    inspection_dates="26-30 April 2010", page=1),
        DocumentRow(doc_id="plan", source_path=PLAN, source_name=Path(PLAN).name, file_type="pdf",
                    doc_kind="action_plan", page_start=1, page_end=12, landlord="Home Group Limited",
                    title="Inspection action plan", published="August 2010", page=1,
                    needs_review=True, review_reasons=["Page 7 has no text layer."]),
    ]


def recommendations() -> list[RecommendationRow]:
    june = dict(target_date_text="June 2011", target_date=date(2011, 6, 30), target_date_precision="month",
                impact="high", cost="low", source_path=REPORT)
    now = dict(target_date_text="immediately", impact="high", cost="low", source_path=REPORT)
    return [
        RecommendationRow(doc_id="rep", rec_id="rep:R1", ref="R1", ref_as_written="R1", level="headline",
                          text="Provide a high performance in annual gas servicing by:", page=30, **now),
        RecommendationRow(doc_id="rep", rec_id="rep:R1.1", ref="R1.1", parent_ref="R1", level="bullet",
                          text="ensuring that Home consistently services all gas appliances it owns annually "
                               "in line with the law", page=30, **now),
        RecommendationRow(doc_id="rep", rec_id="rep:R2", ref="R2", ref_as_written="R2", level="headline",
                          text="In consultation with tenants, improve customer care and access to services by:",
                          benefits=["Tenants know what service to expect."], page=31, **june),
        RecommendationRow(doc_id="rep", rec_id="rep:R2.1", ref="R2.1", parent_ref="R2", level="bullet",
                          text="producing measurable service standards", page=31, **june),
        RecommendationRow(doc_id="rep", rec_id="rep:R2.2", ref="R2.2", parent_ref="R2", level="bullet",
                          text="reporting to tenants on service performance", page=31, **june),
    ]


def responses() -> list[ResponseRow]:
    return [
        ResponseRow(doc_id="plan", response_id="plan:R1:0", ref="R1", ref_as_written="R1.",
                    text="Ensure that Home consistently services all gas appliances it owns annually.",
                    stated_target_date_text="Immediately", owner_name="Jim Preston",
                    owner_role="Director of Maintenance Services", sponsor_name="Rosemary Du Rose",
                    action_count=2, source_path=PLAN, page=1),
        ResponseRow(doc_id="plan", response_id="plan:R2.1:1", ref="R2.1", ref_as_written="R2.1",
                    text="Produce measurable service standards.", stated_target_date_text="Immediately",
                    owner_name="Donna Middleton", owner_role="Head of Customer Contact Centre",
                    sponsor_name="Rosemary Du Rose", action_count=2, source_path=PLAN, page=2),
    ]


def actions() -> list[ActionRow]:
    return [
        ActionRow(doc_id="plan", action_id="plan:R1:0:1", response_id="plan:R1:0", ref="R1", seq=1,
                  text="Establish a Gas Policy to deal effectively with \u201cno access\u201d properties.",
                  due_text="Customer sign off - July 2010 (completed). Board sign off - September 2010.",
                  due_date=date(2010, 9, 30), due_date_start=date(2010, 7, 1), due_precision="month",
                  status="planned", source_path=PLAN, page=1),
        ActionRow(doc_id="plan", action_id="plan:R1:0:2", response_id="plan:R1:0", ref="R1", seq=2,
                  text="Introduce detailed monitoring of \u201cno access\u201d properties at Director level.",
                  due_text="Completed and to be monitored monthly.", status="completed",
                  source_path=PLAN, page=1),
        ActionRow(doc_id="plan", action_id="plan:R2.1:1:1", response_id="plan:R2.1:1", ref="R2.1", seq=1,
                  text="Introduce a standard suite of letters and templates " + PLANTED,
                  due_text="September 2011.", due_date=date(2011, 9, 30), due_date_start=date(2011, 9, 1),
                  due_precision="month", status="planned", source_path=PLAN, page=2),
        ActionRow(doc_id="plan", action_id="plan:R2.1:1:2", response_id="plan:R2.1:1", ref="R2.1", seq=2,
                  text="Use the service standard measures to review and monitor processes.",
                  due_text="", status="ongoing", source_path=PLAN, page=2),
    ]


def matches() -> list[MatchRow]:
    return [
        MatchRow(inspection_id="hg", rec_id="rep:R1", response_id="plan:R1:0", method="ref",
                 source_path=PLAN, page=1),
        MatchRow(inspection_id="hg", rec_id="rep:R1.1", response_id="plan:R1:0", method="headline",
                 source_path=PLAN, page=1),
        MatchRow(inspection_id="hg", rec_id="rep:R2.1", response_id="plan:R2.1:1", method="ref",
                 source_path=PLAN, page=2),
    ]


def findings(severities: dict[str, str] | None = None) -> list[FindingRow]:
    sev = {"missing_response": "high", "target_date_mismatch": "medium",
           "action_after_deadline": "medium", "no_due_date": "low", **(severities or {})}
    return [
        FindingRow(inspection_id="hg", doc_id="rep", kind="missing_response", severity=sev["missing_response"],
                   ref="R2.2", rec_id="rep:R2.2", message=MISSING_MSG, source_path=REPORT, page=31),
        FindingRow(inspection_id="hg", doc_id="plan", kind="target_date_mismatch",
                   severity=sev["target_date_mismatch"], ref="R2.1", rec_id="rep:R2.1",
                   response_id="plan:R2.1:1", message=MISMATCH_MSG, source_path=PLAN, page=2),
        FindingRow(inspection_id="hg", doc_id="plan", kind="action_after_deadline",
                   severity=sev["action_after_deadline"], ref="R2.1", rec_id="rep:R2.1",
                   response_id="plan:R2.1:1", action_id="plan:R2.1:1:1", message=LATE_MSG,
                   source_path=PLAN, page=2),
        FindingRow(inspection_id="hg", doc_id="plan", kind="no_due_date", severity=sev["no_due_date"],
                   ref="R2.1", response_id="plan:R2.1:1", action_id="plan:R2.1:1:2", message=NO_DATE_MSG,
                   source_path=PLAN, page=2),
    ]


def inspection() -> InspectionRow:
    return InspectionRow(inspection_id="hg", landlord="Home Group Limited", report_doc_id="rep",
                         plan_doc_id="plan", source_path=REPORT, page=1)


def write_output(out_dir: Path, finding_rows: list[FindingRow] | None = None,
                 action_rows: list[ActionRow] | None = None) -> Path:
    """The output folder, with coverage and lateness judged by the comparator's own functions."""
    finding_rows = findings() if finding_rows is None else finding_rows
    scope = InspectionScope(inspection=inspection(), recommendations=recommendations(), responses=responses(),
                            actions=actions() if action_rows is None else action_rows, matches=matches())
    action_checks = check_actions(scope)
    write_tables(out_dir, Tables(**{
        "documents": documents(),
        "recommendations": scope.recommendations,
        "judgements": [],
        "responses": scope.responses,
        "actions": scope.actions,
        "people": [PersonRow(person_id="jim-preston", name="Jim Preston",
                             roles=["Director of Maintenance Services"], as_owner=["plan:R1:0"],
                             doc_id="plan", source_path=PLAN, page=1)],
        "inspections": [scope.inspection],
        "matches": scope.matches,
        "findings": finding_rows,
        "coverage": coverage(scope, finding_rows, action_checks),
        "action_checks": action_checks,
    }))
    return out_dir


# ---------------------------------------------------------------- loading

@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    return write_output(tmp_path / "out")


@pytest.fixture
def tables(out_dir: Path):
    return load_output(out_dir)


def test_load_output_reads_every_table_into_its_row_type(tables):
    assert [r.ref for r in tables.recommendations] == ["R1", "R1.1", "R2", "R2.1", "R2.2"]
    assert tables.recommendations[3] == recommendations()[3]
    assert tables.recommendations[2].benefits == ["Tenants know what service to expect."]
    assert [f.kind for f in tables.findings] == [
        "missing_response", "target_date_mismatch", "action_after_deadline", "no_due_date"]
    assert [a.page for a in tables.actions] == [1, 1, 2, 2]
    assert [(c.ref, c.answered_by) for c in tables.coverage] == [
        ("R1", "own_entry"), ("R1.1", "headline"), ("R2", None), ("R2.1", "own_entry"), ("R2.2", None)]
    assert [c.late for c in tables.action_checks] == [False, False, True, False]
    assert tables.judgements == []


def test_load_output_names_the_missing_table(out_dir):
    (out_dir / "matches.parquet").unlink()
    with pytest.raises(OutputNotFound, match=r"no matches\.parquet in .*out: run `acplans run` first"):
        load_output(out_dir)


# ---------------------------------------------------------------- html

@pytest.fixture
def page(tables) -> str:
    return render_html(tables)


def test_html_shows_every_recommendation_with_provenance(page):
    for ref in ["R1", "R1.1", "R2", "R2.1", "R2.2"]:
        assert f'id="rec-hg-{ref.replace(".", "-")}"' in page
    assert "home-group-inspection-report-2010.pdf, page 31" in page
    assert "home-group-action-plan-2010.pdf, page 2" in page
    assert "producing measurable service standards" in page
    assert "Donna Middleton" in page and "Head of Customer Contact Centre" in page


def test_html_summary_counts_points_not_headlines(page):
    # Points: R1.1, R2.1, R2.2. R1.1 is answered through R1's entry; R2.2 is not answered.
    tiles = dict((label, int(n)) for n, label in re.findall(
        r'<div class="tile-num">(\d+)</div><div>([^<]+)</div>', page))
    assert tiles == {"recommendations to answer": 3, "have a response": 2, "have no response": 1,
                     "high problems": 1, "medium problems": 2, "low problems": 1}
    assert "67% of recommendations have a response" in page


def test_html_shows_each_finding_message_where_it_applies(page):
    for msg in [MISSING_MSG, MISMATCH_MSG, LATE_MSG, NO_DATE_MSG]:
        assert escape(msg) in page
    r22 = _card(page, "R2.2")
    assert "No response in the plan" in r22 and escape(MISSING_MSG) in r22
    r21 = _card(page, "R2.1")
    assert 'data-kinds="action_after_deadline no_due_date target_date_mismatch"' in r21
    assert 'data-sev="2"' in r21
    assert '<tr class="late">' in r21 and "After the deadline" in r21
    assert "30 Sep 2011" in r21 and "1 Sep 2011 to 30 Sep 2011" in r21


def test_html_bullet_answered_by_headline_entry_links_instead_of_repeating(page):
    r11 = _card(page, "R1.1")
    assert "single entry for the whole of" in r11 and 'href="#rec-hg-R1"' in r11
    assert "Establish a Gas Policy" not in r11
    assert "Establish a Gas Policy" in _card(page, "R1")


def test_html_legend_explains_every_finding_kind(page):
    for k in FINDING_KINDS:
        assert escape(k.label) in page and escape(k.explanation) in page


def test_html_timeline_has_a_row_per_point_and_marks_the_late_action_red(page):
    svg = re.search(r'<svg class="timeline".*?</svg>', page, re.S).group(0)
    labels = re.findall(r'class="rowlabel"[^>]*>([^<]+)<', svg)
    assert labels == ["R1.1", "R2.1", "R2.2"]
    assert svg.count('class="dl-mark"') == 2          # R1.1's deadline is "immediately": no date
    late = re.findall(r'<circle class="dot st-planned late"[^>]*><title>([^<]+)</title>', svg)
    assert late == [escape("R2.1 action 1: Introduce a standard suite of letters and templates "
                                + PLANTED + " - due September 2011. - AFTER THE DEADLINE")]
    assert svg.count('class="late-line"') == 1
    notes = re.findall(r'<text class="note[^"]*"[^>]*>([^<]+)<', svg)
    assert notes == ["deadline immediately · 1 undated", "1 late · 1 undated", "no response"]


def test_html_is_self_contained(page):
    assert not re.search(r'(?:src|href)\s*=\s*["\']?\s*(?:https?:)?//', page, re.I)
    assert not re.search(r"url\(|@import", page)
    assert page.count("<script") == 1 and page.count("<style") == 1


def test_html_escapes_document_text(page):
    assert PLANTED not in page
    assert escape(PLANTED) in page


def test_html_offers_filters_for_the_kinds_present(page):
    kind_select = re.search(r'<select id="f-kind">.*?</select>', page, re.S).group(0)
    options = re.findall(r'<option value="([a-z_]*)">', kind_select)
    # Sorted by their plain-English label, as the officer reads them.
    assert options == ["", "action_after_deadline", "target_date_mismatch", "no_due_date", "missing_response"]


def test_html_asks_for_a_hand_check_of_flagged_documents(page):
    assert "Check these by hand" in page and "Page 7 has no text layer." in page
    assert "Files that could not be read" not in page


def test_html_lists_files_that_could_not_be_read(tmp_path):
    out = write_output(tmp_path / "o")
    tables = load_output(out)
    tables.documents[1] = dataclasses.replace(tables.documents[1], status="error", error="PDF is encrypted")
    page = render_html(tables)
    assert "Files that could not be read" in page
    assert "<strong title=\"samples/home-group-action-plan-2010.pdf\">home-group-action-plan-2010.pdf</strong>: PDF is encrypted" in page


def _card(page: str, ref: str) -> str:
    anchor = f'id="rec-hg-{ref.replace(".", "-")}"'
    start = page.index(anchor)
    return page[start:page.index("</article>", start)]


# ---------------------------------------------------------------- xlsx

@pytest.fixture
def workbook(tables, tmp_path):
    return load_workbook(write_xlsx(tables, tmp_path / "report.xlsx"))


def test_xlsx_has_a_summary_then_one_sheet_per_table(workbook):
    assert workbook.sheetnames == ["Summary", "documents", "recommendations", "judgements", "responses",
                                   "actions", "people", "inspections", "matches", "findings", "coverage",
                                   "action_checks", "action_history"]
    summary = workbook["Summary"]
    header = [c.value for c in summary[1]]
    row = dict(zip(header, [c.value for c in summary[2]]))
    assert row == {"inspection_id": "hg", "landlord": "Home Group Limited",
                   "report": "home-group-inspection-report-2010.pdf",
                   "action plan": "home-group-action-plan-2010.pdf", "recommendations": 3, "answered": 2,
                   "unanswered": 1, "high findings": 1, "medium findings": 2, "low findings": 1}


def test_xlsx_sheets_are_frozen_filtered_and_typed(workbook):
    for ws in workbook.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == ws.dimensions
    recs = workbook["recommendations"]
    header = [c.value for c in recs[1]]
    deadline = recs.cell(row=5, column=header.index("target_date") + 1)
    assert deadline.is_date and deadline.value == datetime(2011, 6, 30)
    assert recs.cell(row=4, column=header.index("benefits") + 1).value == "Tenants know what service to expect."
    assert recs.cell(row=2, column=header.index("target_date") + 1).value is None
    page = recs.cell(row=2, column=header.index("page") + 1)
    assert page.value == 30 and isinstance(page.value, int)


def test_xlsx_keeps_document_text_as_text(tmp_path):
    out = write_output(tmp_path / "o")
    tables = load_output(out)
    tables.actions[0] = dataclasses.replace(tables.actions[0], text="=HYPERLINK(\"x\")\x0cpage two")
    ws = load_workbook(write_xlsx(tables, tmp_path / "r.xlsx"))["actions"]
    cell = ws.cell(row=2, column=[c.value for c in ws[1]].index("text") + 1)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("x")page two'


def test_xlsx_wraps_long_text_and_caps_width(workbook):
    findings = workbook["findings"]
    header = [c.value for c in findings[1]]
    col = header.index("message") + 1
    letter = findings.cell(row=1, column=col).column_letter
    assert findings.column_dimensions[letter].width == 62
    assert findings.cell(row=2, column=col).alignment.wrap_text
    assert findings.column_dimensions["A"].width == len("inspection_id") + 2


# ---------------------------------------------------------------- check

def test_check_summary_text(tables):
    text, _ = check_summary(tables, None)
    assert text.splitlines() == [
        "hg (Home Group Limited): 3 recommendations, 2 answered, 1 unanswered; "
        "findings high=1 medium=2 low=1",
        f"HIGH missing_response R2.2: {MISSING_MSG}",
        f"MEDIUM target_date_mismatch R2.1: {MISMATCH_MSG}",
        f"MEDIUM action_after_deadline R2.1: {LATE_MSG}",
        f"LOW no_due_date R2.1: {NO_DATE_MSG}",
        "REVIEW home-group-action-plan-2010.pdf [ok]: Page 7 has no text layer.",
    ]


@pytest.mark.parametrize("fail_on, code", [("high", 1), ("medium", 1), ("low", 1), (None, 0)])
def test_check_summary_exit_code_with_a_high_finding(tables, fail_on, code):
    assert check_summary(tables, fail_on)[1] == code


@pytest.mark.parametrize("fail_on, code", [("high", 0), ("medium", 1), ("low", 1), (None, 0)])
def test_check_summary_exit_code_when_medium_is_the_worst(tmp_path, fail_on, code):
    rows = findings({"missing_response": "medium"})
    assert check_summary(load_output(write_output(tmp_path / "o", rows)), fail_on)[1] == code


def test_check_summary_passes_a_clean_output(tmp_path):
    text, code = check_summary(load_output(write_output(tmp_path / "o", [])), "low")
    assert code == 0
    assert text == ("hg (Home Group Limited): 3 recommendations, 2 answered, 1 unanswered; "
                    "findings high=0 medium=0 low=0\n"
                    "REVIEW home-group-action-plan-2010.pdf [ok]: Page 7 has no text layer.\n")


@pytest.mark.parametrize("fail_on, code", [("review", 1), ("high", 0), (None, 0)])
def test_check_fails_on_review_when_a_document_is_flagged(tmp_path, fail_on, code):
    assert check_summary(load_output(write_output(tmp_path / "o", [])), fail_on)[1] == code


def test_check_summary_rejects_an_unknown_threshold(tables):
    with pytest.raises(ValueError, match="fail_on must be one of high, medium, low, review"):
        check_summary(tables, "critical")



# ---------------------------------------------------------------- plan versions, no report

@pytest.fixture(scope="module")
def versions_output(tmp_path_factory) -> Path:
    """Two versions of one plan built as Word files, given without the report they answer."""
    from test_versions import EARLIER, LATER, write_plan
    folder = tmp_path_factory.mktemp("plans")
    write_plan(folder / "dec.docx", "Anytown Homes Action Plan - progress at December 2010", EARLIER)
    write_plan(folder / "jun.docx", "Anytown Homes Action Plan - progress at June 2011", LATER)
    out = tmp_path_factory.mktemp("versions-out")
    pipeline.run([folder], out)
    return out


def test_a_plan_without_its_report_shows_no_coverage(versions_output):
    page = render_html(load_output(versions_output))
    assert "The inspection report is missing." in page
    assert "Coverage cannot be judged without the inspection report." in page
    assert 'class="coverage-bar"' not in page
    assert "% of recommendations have a response" not in page
    assert "have a response</div>" not in page


def test_versions_show_slippage_and_each_actions_history(versions_output):
    page = render_html(load_output(versions_output))
    assert "Progress across 2 versions of the plan" in page
    tiles = re.findall(r'<div class="tile-num">(\d+)</div><div>([^<]+)</div>',
                       page.split("Progress across")[1].split("Actions no longer")[0])
    assert tiles == [("1", "actions with a later due date"), ("183", "days slipped in all"),
                     ("0", "actions now due after the deadline"), ("1", "actions no longer in the plan")]
    assert "Publish repair times on the website</span>" not in page  # a dropped action is listed, not a row
    assert re.search(r'<span class="ref">R1.2</span> Publish repair times on the website', page)
    histories = re.findall(r'<details class="history small">.*?</details>', page, re.S)
    assert len(histories) == 5  # the actions of both versions; not the new one, nor the dropped one
    [moved] = [h for h in histories if "moved later" in h]
    assert "due date moved later</span>: due 30 Sep 2011 (+183 days), Planned" in moved
    assert "first listed</span>: due 31 Mar 2011, Planned" in moved
    assert "Action plan, version 1 of 2" in page


def test_check_summary_states_the_missing_report_and_slippage(versions_output):
    lines = check_summary(load_output(versions_output))[0].splitlines()
    iid = lines[0].split(" ")[0]
    assert lines[1:3] == [f"{iid}: report missing; coverage cannot be judged",
                          f"{iid}: 2 plan versions; slippage: 1 actions moved, 183 days slipped, "
                          "0 now past the deadline, 1 dropped"]
