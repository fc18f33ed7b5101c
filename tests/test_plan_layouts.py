"""Plan layouts the samples do not show: one long table with a ref column
(as Word and as text), merged, empty and misaligned cells, a table going on
over a page, and the column roles read from header words."""
import docx
import pytest
from docx.enum.text import WD_BREAK

from acplans.extract.model import Block, BlockKind, Cell, Document, Row, Table
from acplans.extract.action_rows import join_paragraphs, split_enumerated
from acplans.extract.columns import Role, map_columns, role_of_header
from acplans.extract.layouts.entries import split_people
from acplans.extract.plan import extract_plan
from acplans.extract.reader import read_document
from acplans.extract.records import DocKind, DocumentPart

HEADER = ["Ref", "Recommendation", "Action", "Lead officer", "Target date", "Progress/RAG"]
WHOLE = DocumentPart(DocKind.ACTION_PLAN, None, None)


def write_docx(path, tables):
    """Word tables from rows of texts; None continues a vertical merge from
    the cell above, as Word prints a ref spanning several action rows."""
    source = docx.Document()
    source.add_heading("Improvement plan following the inspection", level=1)
    for n, rows in enumerate(tables):
        if n:
            source.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        table = source.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text is None:
                    table.cell(r - 1, c).merge(table.cell(r, c))
                else:
                    table.cell(r, c).text = text
    source.save(path)
    return read_document(path)


def summary(extraction):
    return [(r.ref_as_written, r.text, [(a.text, a.owner_text, a.due_text, a.progress) for a in r.actions])
            for r in extraction.responses]


def test_long_table_docx_with_merged_refs_and_a_page_break(tmp_path):
    first = [HEADER,
             ["R1", "Improve gas servicing", "Write a no-access policy", "Jane Smith, Head of Repairs",
              "March 2011", "Green"],
             [None, None, "Train gas engineers", "Tom Jones", "June 2011", "Amber"],
             ["R2.1", "Publish service standards", "Agree standards with tenants", "Ann Lee", "Sept 2010",
              "Complete"]]
    # The table goes on after the page break with no header of its own.
    second = [["", "", "Publish standards on the website", "Ann Lee", "October 2010", "Red"],
              ["R2.2", "Report on performance", "Quarterly bulletin", "", "Quarterly", ""]]
    doc = write_docx(tmp_path / "plan.docx", [first, second])
    ex = extract_plan(doc, WHOLE, 0)
    assert summary(ex) == [
        ("R1", "Improve gas servicing",
         [("Write a no-access policy", "Jane Smith, Head of Repairs", "March 2011", "Green"),
          ("Train gas engineers", "Tom Jones", "June 2011", "Amber")]),
        ("R2.1", "Publish service standards",
         [("Agree standards with tenants", "Ann Lee", "Sept 2010", "Complete"),
          ("Publish standards on the website", "Ann Lee", "October 2010", "Red")]),
        ("R2.2", "Report on performance", [("Quarterly bulletin", None, "Quarterly", None)]),
    ]
    assert [r.responsible_text for r in ex.responses] == [None, "Ann Lee", None]
    assert ex.responses[1].actions[1].source.locator.startswith("t1/")
    assert ex.review_reasons == []


def test_long_table_with_repeated_header_after_the_break(tmp_path):
    first = [HEADER, ["3", "Involve residents", "Set up a panel", "Head of Involvement", "July 2010", ""]]
    second = [HEADER, ["", "", "Train panel members", "Head of Involvement", "August 2010", ""]]
    ex = extract_plan(write_docx(tmp_path / "plan.docx", [first, second]), WHOLE, 0)
    assert [(r.ref_as_written, [a.text for a in r.actions]) for r in ex.responses] == [
        ("3", ["Set up a panel", "Train panel members"])]
    assert ex.responses[0].responsible_text == "Head of Involvement"


def test_long_table_from_tab_separated_text(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(
        "# Action plan\n\n"
        "Rec no\tRecommendation\tWhat we will do\tResponsible\tDeadline\tUpdate\n"
        "1\tImprove customer care\tReview call handling<br>Report monthly to Board\tHead of Contact\t"
        "December 2010\tStarted\n"
        "\t\tRetrain staff\tHR Manager\tMarch 2011\t\n"
        "\t\t\t\t\tTrainer appointed\n"
        "2\tR2 Value for money\ti) Benchmark costs ii) Publish results\tFinance Director\tApril 2011\t\n",
        encoding="utf-8")
    ex = extract_plan(read_document(path), WHOLE, 0)
    assert summary(ex) == [
        ("1", "Improve customer care",
         [("Review call handling Report monthly to Board", "Head of Contact", "December 2010", "Started"),
          # A row holding only progress belongs to the action above it.
          ("Retrain staff", "HR Manager", "March 2011", "Trainer appointed")]),
        # The ref column wins; the ref repeated in the text is not text.
        ("2", "Value for money",
         [("Benchmark costs", "Finance Director", "April 2011", None),
          ("Publish results", "Finance Director", "April 2011", None)]),
    ]


def test_refs_read_from_the_recommendation_column_when_there_is_no_ref_column(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(
        "Recommendation\tActions\tLead\tTimescale\n"
        "R4.1 Develop a value for money strategy\tDraft strategy\tFinance\tOctober 2010\n"
        "\tConsult residents\tInvolvement\tNovember 2010\n"
        "R4.2 Benchmark costs\tJoin a benchmarking club\tFinance\tSeptember 2010\n", encoding="utf-8")
    ex = extract_plan(read_document(path), WHOLE, 0)
    assert [(r.ref_as_written, r.text, len(r.actions)) for r in ex.responses] == [
        ("R4.1", "Develop a value for money strategy", 2), ("R4.2", "Benchmark costs", 1)]


def cell_rows(rows, page=3):
    return [Row([Cell(t, r, c, page=page) for c, t in enumerate(row)], page=page) for r, row in enumerate(rows)]


def model(*blocks):
    return Document(source_path="built.pdf", file_type="pdf", sha256="0", blocks=list(blocks))


def para(text, kind=BlockKind.PARAGRAPH, page=3):
    return Block(kind, text, page=page, locator=f"p{page}")


def table(header, rows, pages=(3,)):
    return Block(BlockKind.TABLE, "", page=pages[0], locator="t", table=Table(header, cell_rows(rows), list(pages)))


def test_entry_layout_with_other_header_words_and_misaligned_rows():
    header = ["Outcome", "Action", "Deadline", "Update", "Evidence"]
    doc = model(
        para("3 RECOMMENDATION: IMPROVE REPAIRS", BlockKind.HEADING),
        para("Target date: March 2011"),
        para("3.1 Offer appointments for all repairs."),
        para("Lead officer: Sam Green - Repairs Manager | Sponsor: Director of Housing"),
        table(header, [
            ["Repairs done when tenants want", "Agree appointment slots", "May 2010", "", "Survey results"],
            ["", "Change contracts to include:", "", "", ""],
            ["", "Evening slots;\nWeekend slots.", "June 2010", "Tender out", ""],
            ["Publish the new slots", "July 2010", "", "", ""],        # printed one column left
            ["Monitor slots kept", "", "Monthly from August 2010", "", ""],  # action in outcome column
            ["....", "....", "", "", ""],
        ]))
    ex = extract_plan(doc, WHOLE, 0)
    (resp,) = ex.responses
    assert (resp.ref_as_written, resp.heading_ref, resp.heading_text) == ("3.1", "3", "IMPROVE REPAIRS")
    assert (resp.stated_target_text, resp.responsible_text, resp.sponsor_text) == (
        "March 2011", "Sam Green - Repairs Manager", "Director of Housing")
    assert [(a.text, a.due_text, a.progress, a.measures) for a in resp.actions] == [
        ("Agree appointment slots", "May 2010", None, "Survey results"),
        ("Change contracts to include: Evening slots; Weekend slots.", "June 2010", "Tender out", None),
        ("Publish the new slots", "July 2010", None, None),
        ("Monitor slots kept", "Monthly from August 2010", None, None),
    ]


def test_review_reasons_for_unmapped_table_and_entry_without_actions():
    doc = model(
        para("Recommendation 1A: Collect profile data", BlockKind.HEADING),
        table(["Target date", "Comments"], [["May 2011", "Agreed"]]),
        para("Recommendation 1B: Use the data"),
        table(["What we will do", "How we will do it"], [["Analyse data by strand\nTo be done by May 2011", "x"]]),
        para("Recommendation 1C: Share it with contractors"),
    )
    ex = extract_plan(doc, WHOLE, 0)
    assert [(r.ref_as_written, len(r.actions)) for r in ex.responses] == [
        ("Recommendation 1A", 0), ("Recommendation 1B", 1), ("Recommendation 1C", 0)]
    assert ex.responses[1].actions[0].due_text == "To be done by May 2011"
    assert len(ex.review_reasons) == 3
    assert "no action column" in ex.review_reasons[0] and "Comments" in ex.review_reasons[0]
    assert "Recommendation 1A" in ex.review_reasons[1] and "Recommendation 1C" in ex.review_reasons[2]


def test_numbered_paragraphs_before_the_plan_are_not_entries():
    doc = model(para("1.1 The committee is asked to note the plan."),
                table(["How good is the service?", "Assessment"], [["Repairs", "Fair"]]),
                para("R1 Improve repairs by June 2011."),
                para("R1.1 Offer appointments."), table(["Action", "By"], [["Do one", "May 2010"]]),
                para("R1.2 Publish standards."))
    ex = extract_plan(doc, WHOLE, 0)
    assert [(r.ref_as_written, len(r.actions)) for r in ex.responses] == [("R1.1", 1), ("R1.2", 0)]


def test_only_the_parts_blocks_are_read():
    doc = model(para("R1.1 First plan entry."), table(["Action", "By"], [["Do one", "May 2010"]]),
                para("R1.2 Second plan entry.", page=9), table(["Action", "By"], [["Do two", "June 2010"]], (9,)))
    ex = extract_plan(doc, DocumentPart(DocKind.ACTION_PLAN, 9, 9), 2)
    assert [r.ref_as_written for r in ex.responses] == ["R1.2"] and ex.part_index == 2
    ex = extract_plan(doc, DocumentPart(DocKind.ACTION_PLAN, None, None, first_block=0, last_block=1), 0)
    assert [r.ref_as_written for r in ex.responses] == ["R1.1"]


@pytest.mark.parametrize("header, role", [
    ("By", Role.DUE), ("Target date", Role.DUE), ("Deadline", Role.DUE), ("When", Role.DUE),
    ("Timescale", Role.DUE), ("Date", Role.DUE), ("Responsible", Role.OWNER), ("Lead", Role.OWNER),
    ("Owner", Role.OWNER), ("Lead officer", Role.OWNER), ("Action owner", Role.OWNER),
    ("Key actions", Role.ACTION), ("Actions", Role.ACTION), ("What we will do", Role.ACTION),
    ("What the association will do?", Role.ACTION), ("How the association will do this", Role.METHOD),
    ("Progress taken to date", Role.PROGRESS), ("Update", Role.PROGRESS), ("Status", Role.STATUS),
    ("RAG", Role.STATUS), ("How do we know when we’ve achieved this?", Role.MEASURES),
    ("Success measure", Role.MEASURES), ("Evidence", Role.MEASURES), ("Key outcomes for customers", Role.OUTCOME),
    ("What this means for residents", Role.OUTCOME), ("Ref", Role.REF), ("No.", Role.REF),
    ("Recommendation", Role.RECOMMENDATION), ("Notes and remarks", None),
])
def test_role_of_header(header, role):
    assert role_of_header(header) is role


def test_unlabelled_columns_are_refs_or_progress():
    cmap = map_columns(["", "Action", "By", ""], [["1", "Do a", "May", "Going well"], ["2", "Do b", "", ""]])
    assert cmap.roles == [Role.REF, Role.ACTION, Role.DUE, Role.PROGRESS]


def test_cell_helpers():
    assert split_enumerated("i) Do one.\nStill one.\nii) Do two.") == ["Do one.\nStill one.", "Do two."]
    assert split_enumerated("Linked to 3A (i) above, do it.") == ["Linked to 3A (i) above, do it."]
    assert join_paragraphs("Roll out training on:\nAbuse; and\nLaw.") == "Roll out training on: Abuse; Law."


@pytest.mark.parametrize("line, people", [
    ("Responsible: Jo Bloggs – Executive Director, Care | Executive Sponsor - Al Park", (
        "Jo Bloggs – Executive Director, Care", "Al Park")),
    ("Responsible: Jo Bloggs – Chief Executive", ("Jo Bloggs – Chief Executive", None)),
    ("Lead officer: Head of Housing Executive Sponsor: Kim Lee - Director", ("Head of Housing", "Kim Lee - Director")),
])
def test_split_people(line, people):
    assert split_people(line) == people


def test_numbered_recommendations_without_sub_entries_are_entries():
    doc = model(para("Recommendation 1: Improve repairs"), table(["Action", "When"], [["Do it", "May 2011"]]),
                para("Recommendation 2 – Improve access"), table(["Action", "When"], [["Open", "June 2011"]]))
    ex = extract_plan(doc, WHOLE, 0)
    assert [(r.ref_as_written, r.text, r.heading_ref) for r in ex.responses] == [
        ("Recommendation 1", "Improve repairs", None), ("Recommendation 2", "Improve access", None)]
