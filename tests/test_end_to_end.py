"""The whole run on each sample inspection against its hand-written gold
answer (samples/gold/). A missing gold file fails the test: it is never
written by the test."""
import pytest

from acplans.pipeline import run
from goldtext import norm

CASES = {
    "home-group-pack": ("home-group-2010.json", ["home-group-housing-panel-pack-2010.pdf"]),
    "home-group-report-and-plan": ("home-group-2010.json", ["home-group-inspection-report-2010.pdf",
                                                            "home-group-action-plan-2010.pdf"]),
    "peabody-docx": ("peabody-2010.json", ["peabody-action-plan-summary-2010.docx"]),
    "peabody-pdf": ("peabody-2010.json", ["peabody-action-plan-summary-2010.pdf"]),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request, gold, sample_run):
    gold_name, files = CASES[request.param]
    return gold[gold_name], sample_run(files).tables


def test_recommendations_match_gold(case):
    gold, tables = case
    found = {(r.ref, norm(r.text)[:60], str(r.target_date) if r.target_date else None)
             for r in tables.recommendations}
    expected = {(g["ref"], norm(g["text"])[:60], g["target_date"]) for g in gold["recommendations"]}
    assert found == expected


def test_responses_and_owners_match_gold(case):
    gold, tables = case
    found = sorted((r.ref, r.owner_name or "", r.sponsor_name or "",
                    str(r.stated_target_date) if r.stated_target_date else "") for r in tables.responses)
    expected = sorted((g["ref"], g["owner_name"] or "", g["sponsor_name"] or "", g["stated_target_date"] or "")
                      for g in gold["responses"])
    assert found == expected


def test_actions_match_gold_dates_and_status(case):
    gold, tables = case
    found = sorted((a.ref, str(a.due_date) if a.due_date else "", a.status) for a in tables.actions)
    expected = sorted((g["ref"], g["due_date"] or "", g["status"]) for g in gold["actions"])
    assert found == expected


def test_findings_match_gold(case):
    gold, tables = case
    assert {(f.kind, f.ref) for f in tables.findings} == {(g["kind"], g["ref"]) for g in gold["findings"]}
    assert all(f.message and f.source_path for f in tables.findings)


def test_a_word_report_and_long_table_plan_unlike_the_samples(tmp_path):
    """Another landlord, 'Recommendation R1' headings with a) bullets, and a
    plan as one long table: the run pairs them and finds what is planted."""
    import docx

    report = docx.Document()
    report.add_heading("Anytown Homes Limited: short notice inspection report", 1)
    report.add_paragraph("Dates of inspection: 10 to 14 January 2011.")
    report.add_heading("Recommendations", 1)
    for ref, head, bullets, rating, when in [
        ("R1", "Improve the repairs service by:", ["introducing appointments for all repairs;",
                                                   "publishing repair standards."], "high", "September 2011"),
        ("R2", "Strengthen resident involvement by:", ["setting up a scrutiny panel; and",
                                                       "reporting back to residents on their views."], "medium",
         "June 2011")]:
        report.add_heading(f"Recommendation {ref}", 2)
        report.add_paragraph(head)
        for letter, bullet in zip("ab", bullets):
            report.add_paragraph(f"{letter}) {bullet}")
        report.add_paragraph(f"Implementing this recommendation will have {rating} impact with low costs. "
                             f"This should be carried out by {when}.")
    report.save(tmp_path / "anytown-report.docx")
    plan = docx.Document()
    plan.add_heading("Anytown Homes action plan", 1)
    table = plan.add_table(rows=1, cols=6)
    for cell, text in zip(table.rows[0].cells, ["Ref", "Recommendation", "Action", "Lead officer",
                                                 "Target date", "Progress"]):
        cell.text = text
    for row in [("R1.1", "Introduce appointments for all repairs", "Procure appointment software",
                 "Jane Smith, Head of Repairs", "31/03/2011", "On track"),
                ("", "", "Train call centre staff", "Jane Smith, Head of Repairs", "December 2011", ""),
                ("R1.2", "Publish repair standards", "Publish standards on the website",
                 "Head of Communications", "Q1 2011/12", "Completed"),
                ("R2.1", "Set up a scrutiny panel", "Recruit panel members", "", "", "")]:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    plan.save(tmp_path / "anytown-plan.docx")

    tables = run([tmp_path], tmp_path / "out").tables
    assert [i.landlord for i in tables.inspections] == ["Anytown Homes Limited"]
    assert {(f.kind, f.ref) for f in tables.findings} == {
        ("missing_response", "R2.2"), ("action_after_deadline", "R1.1"), ("no_owner", "R2.1"),
        ("no_due_date", "R2.1")}
    due = {a.text: (str(a.due_date), a.owner_name) for a in tables.actions}
    assert due["Procure appointment software"] == ("2011-03-31", "Jane Smith")
    assert due["Publish standards on the website"][0] == "2011-06-30"
