"""The XLSX reader: sheets as title blocks and one table each, merged cells
resolved as in Word, dates as printed, fills and Sheet!A1 locators; and the
Peabody plan retyped into a workbook reads as the Word file does."""
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font, PatternFill

from acplans.extract.dispatch import extract_document
from acplans.extract.model import BlockKind, UnreadableDocument
from acplans.extract.reader import read_document, sniff_format
from acplans.pipeline import process_file

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
PEABODY = SAMPLES / "peabody-action-plan-summary-2010.docx"


def save(workbook, path: Path) -> Path:
    workbook.save(path)
    return path


def workbook_from_document(doc, path: Path) -> Path:
    """Retype a Word plan as a workbook: one sheet per table, the headings
    and paragraphs before the table as title rows (headings bold, the first
    one merged across the table's width), then the table's header and rows."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    titles = []
    for block in doc.blocks:
        if block.kind is not BlockKind.TABLE:
            titles.append(block)
            continue
        sheet = workbook.create_sheet(f"Part {len(workbook.worksheets) + 1}")
        width = block.table.n_cols
        for r, title in enumerate(titles, start=1):
            sheet.cell(r, 1, title.text).font = Font(bold=title.kind is BlockKind.HEADING)
            if r == 1 and len(workbook.worksheets) == 1:
                sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        header_row = len(titles) + 1
        for c, text in enumerate(block.table.header, start=1):
            sheet.cell(header_row, c, text).font = Font(bold=True)
        for r, row in enumerate(block.table.rows, start=header_row + 1):
            for c, text in enumerate(row.texts, start=1):
                if text:
                    sheet.cell(r, c, text)
        titles = []
    return save(workbook, path)


@pytest.fixture(scope="module")
def peabody_workbook(tmp_path_factory):
    return workbook_from_document(read_document(PEABODY), tmp_path_factory.mktemp("xlsx") / "peabody.xlsx")


@pytest.fixture(scope="module")
def peabody_pair(peabody_workbook):
    return process_file(PEABODY), process_file(peabody_workbook)


def test_peabody_workbook_gives_the_word_plans_responses(peabody_pair):
    from_docx, from_xlsx = (result.documents[0] for result in peabody_pair)
    assert from_xlsx.document.file_type == "xlsx"
    assert (from_xlsx.document.doc_kind, from_xlsx.document.landlord) == \
        (from_docx.document.doc_kind, from_docx.document.landlord) == ("action_plan", "Peabody")
    fields = ("ref", "ref_as_written", "text", "stated_target_date", "owner_name", "owner_role", "action_count")
    docx_rows = [tuple(getattr(r, f) for f in fields) for r in from_docx.responses]
    assert len(docx_rows) == 13
    assert [tuple(getattr(r, f) for f in fields) for r in from_xlsx.responses] == docx_rows


def test_peabody_workbook_gives_the_word_plans_actions(peabody_pair):
    from_docx, from_xlsx = (result.documents[0] for result in peabody_pair)
    fields = ("ref", "seq", "text", "due_text", "due_date", "due_precision", "status", "progress",
              "owner_name", "owner_role")
    docx_rows = [tuple(getattr(a, f) for f in fields) for a in from_docx.actions]
    assert len(docx_rows) == 22 and any(row[4] for row in docx_rows)
    assert [tuple(getattr(a, f) for f in fields) for a in from_xlsx.actions] == docx_rows
    assert from_xlsx.document.needs_review == from_docx.document.needs_review


def test_peabody_workbook_actions_point_at_their_cells(peabody_workbook):
    [extraction] = extract_document(read_document(peabody_workbook))
    first = extraction.responses[0].actions[0]
    assert first.source.page is None
    assert first.source.locator.startswith("'Part 1'!A")
    assert extraction.responses[0].source.locator == "'Part 1'!A3"


def sheet_with_title(name: str, title: str, span: str):
    """A workbook whose one sheet opens with a bold title merged over ``span``."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = name
    corner = span.split(":")[0]
    sheet[corner] = title
    sheet[corner].font = Font(bold=True, size=16)
    sheet.merge_cells(span)
    return workbook, sheet


def test_title_rows_become_blocks_and_merged_cells_resolve_to_the_word_grid(tmp_path):
    workbook, sheet = sheet_with_title("Plan", "XYZ Action Plan", "B2:E2")
    sheet["B3"] = "Agreed by the board"
    for col, text in zip("BCDE", ["Ref", "Action", "Lead", "By"]):
        sheet[f"{col}5"] = text
    sheet["B6"] = "R1"
    sheet.merge_cells("B6:B7")  # one ref over two action rows
    sheet["C6"], sheet["C7"] = "Write the policy", "Train staff"
    sheet["D6"] = "Head of Housing"
    sheet.merge_cells("D6:E6")  # a lead written across the date column
    sheet["E7"] = "June 2011"
    sheet["G20"].fill = PatternFill("solid", fgColor="FFFF0000")  # formatted, empty: outside the used range
    doc = read_document(save(workbook, tmp_path / "plan.xlsx"))

    title, note, table = doc.blocks
    assert (title.kind, title.text, title.level, title.locator) == (BlockKind.HEADING, "XYZ Action Plan", 1, "Plan!B2")
    assert (note.kind, note.text, note.locator) == (BlockKind.PARAGRAPH, "Agreed by the board", "Plan!B3")
    assert table.kind is BlockKind.TABLE and table.locator == "Plan!B5:E7"
    assert table.table.header == ["Ref", "Action", "Lead", "By"]
    assert [r.texts for r in table.table.rows] == [["R1", "Write the policy", "Head of Housing", ""],
                                                   ["", "Train staff", "", "June 2011"]]
    assert [c.locator for c in table.table.rows[1].cells] == ["Plan!B7", "Plan!C7", "Plan!D7", "Plan!E7"]
    assert (table.page, table.bbox) == (None, None)


def test_a_header_merged_down_two_rows_is_one_header(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["B1"], sheet["C1"] = "Action", "Target", None
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:C1")
    sheet["B2"], sheet["C2"] = "Date", "Status"
    sheet["A3"], sheet["B3"], sheet["C3"] = "Do it", "Mar 2011", "On track"
    table = read_document(save(workbook, tmp_path / "h.xlsx")).tables()[0].table
    assert table.header == ["Action", "Target\nDate", "Status"]
    assert [r.texts for r in table.rows] == [["Do it", "Mar 2011", "On track"]]


@pytest.mark.parametrize("number_format, printed", [
    ("dd/mm/yyyy", "31/03/2011"),
    ("mmm-yy", "Mar-11"),
    ("d mmmm yyyy", "31 March 2011"),
    ("mmmm yyyy", "March 2011"),
    ("[$-809]dddd, d mmmm yyyy", "Thursday, 31 March 2011"),
    ('"Due "d/m/yy', "Due 31/3/11"),
    ("yyyy-mm-dd hh:mm", "2011-03-31 14:05"),
    ("mm-dd-yy", "31/03/2011"),  # built-in short date, shown in the British locale
])
def test_date_cells_print_through_their_number_format(tmp_path, number_format, printed):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["B1"] = "Action", "Due"
    sheet["A2"], sheet["B2"] = "Review the policy", datetime(2011, 3, 31, 14, 5)
    sheet["B2"].number_format = number_format
    table = read_document(save(workbook, tmp_path / "d.xlsx")).tables()[0].table
    assert table.rows[0].texts == ["Review the policy", printed]


def test_numbers_and_fills_as_printed(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Ref", "Done", "Share", "RAG"])
    sheet.append([2.0, 0.75, 0.5, "Amber"])
    sheet["C2"].number_format = "0%"
    sheet["D2"].fill = PatternFill("solid", fgColor="FFFFC000")
    sheet["A2"].fill = PatternFill("solid", fgColor=openpyxl.styles.colors.Color(indexed=10))
    sheet["B2"] = date(2010, 7, 1)
    sheet["B2"].number_format = "d-mmm-yy"
    row = read_document(save(workbook, tmp_path / "n.xlsx")).tables()[0].table.rows[0]
    assert row.texts == ["2", "1-Jul-10", "50%", "Amber"]
    assert [c.fill for c in row.cells] == ["#FF0000", None, None, "#FFC000"]


def test_sheets_in_order_hidden_ones_left_out_with_a_warning(tmp_path):
    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "Summary"
    first.append(["Only title text"])
    lists = workbook.create_sheet("Lists")
    lists.append(["Owner", "Team"])
    lists.sheet_state = "hidden"
    actions = workbook.create_sheet("Actions 2011")
    actions.append(["Ref", "Action"])
    actions.append(["1", "Act"])
    doc = read_document(save(workbook, tmp_path / "s.xlsx"))
    assert [(b.kind, b.locator) for b in doc.blocks] == [
        (BlockKind.PARAGRAPH, "Summary!A1"), (BlockKind.TABLE, "'Actions 2011'!A1:B2")]
    assert doc.warnings == ["hidden sheet 'Lists' not read"]


def test_read_by_content_whatever_the_name(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Ref", "Action"])
    path = save(workbook, tmp_path / "book.xlsx").rename(tmp_path / "export.bin")
    assert sniff_format(path) == "xlsx"
    assert read_document(path).tables()[0].table.header == ["Ref", "Action"]


def test_empty_workbook_is_one_clear_line(tmp_path):
    path = save(openpyxl.Workbook(), tmp_path / "empty.xlsx")
    with pytest.raises(UnreadableDocument) as caught:
        read_document(path)
    assert caught.value.reason == "workbook holds no text in any visible sheet"
    result = process_file(path)
    assert (result.status, result.error) == ("error", "workbook holds no text in any visible sheet")


def test_corrupt_workbook_is_one_clear_line(tmp_path):
    good = save(openpyxl.Workbook(), tmp_path / "good.xlsx")
    path = tmp_path / "corrupt.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data[:200] if item.filename == "xl/workbook.xml" else data)
    with pytest.raises(UnreadableDocument) as caught:
        read_document(path)
    assert caught.value.reason.startswith("not a readable Excel workbook (")
    assert "\n" not in caught.value.reason
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[:1500])
    with pytest.raises(UnreadableDocument, match="corrupt or truncated zip container"):
        read_document(truncated)


def test_a_stray_far_corner_is_refused_not_filled_in(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["B1"] = "Ref", "Action"
    sheet["XFD100000"] = "x"
    with pytest.raises(UnreadableDocument, match=r"sheet 'Sheet' spans [\d,]+ cells from corner to corner"):
        read_document(save(workbook, tmp_path / "far.xlsx"))


def test_worksheets_too_large_to_hold_are_refused_before_loading(tmp_path, monkeypatch):
    from acplans.extract import xlsx_reader
    workbook = openpyxl.Workbook()
    for r in range(1, 200):
        workbook.active.append([f"row {r}", "text " * 20])
    path = save(workbook, tmp_path / "big.xlsx")
    monkeypatch.setattr(xlsx_reader, "MAX_SHEET_XML", 4096)
    with pytest.raises(UnreadableDocument, match="MiB of XML, over the 0 MiB limit"):
        read_document(path)


def test_a_ref_column_plan_with_merged_refs_and_date_cells(tmp_path):
    workbook, sheet = sheet_with_title("Action plan", "XYZ Housing inspection action plan", "A1:E1")
    sheet.append([])
    sheet.append(["Ref", "Recommendation", "Action", "Lead officer", "Target date"])
    sheet.append(["R1", "Improve access to services", "Collect profile data", "Head of Customer Services",
                  date(2011, 3, 31)])
    sheet.append([None, None, "Publish service standards", "Head of Customer Services", date(2011, 6, 30)])
    sheet.append(["R2", "Strengthen value for money", "Benchmark repair costs", "Director of Property",
                  date(2011, 9, 30)])
    sheet.merge_cells("A4:A5")
    sheet.merge_cells("B4:B5")
    for row in (4, 5):
        sheet.cell(row, 5).number_format = "mmm-yy"
    sheet["E6"].number_format = "dd/mm/yyyy"
    result = process_file(save(workbook, tmp_path / "plan.xlsx"))
    assert result.status == "ok", result.error
    (plan,) = result.documents
    assert plan.document.doc_kind == "action_plan" and plan.document.review_reasons == []
    assert [(r.ref, r.text, r.action_count) for r in plan.responses] == [
        ("R1", "Improve access to services", 2), ("R2", "Strengthen value for money", 1)]
    assert [(a.ref, a.seq, a.text, a.due_text, a.due_date, a.due_precision, a.owner_role)
            for a in plan.actions] == [
        ("R1", 1, "Collect profile data", "Mar-11", date(2011, 3, 31), "month", "Head of Customer Services"),
        ("R1", 2, "Publish service standards", "Jun-11", date(2011, 6, 30), "month", "Head of Customer Services"),
        ("R2", 1, "Benchmark repair costs", "30/09/2011", date(2011, 9, 30), "day", "Director of Property")]


def test_print_footers_are_furniture_and_name_the_landlord(tmp_path):
    workbook = openpyxl.Workbook()
    for title in ("Part 1", "Part 2"):
        sheet = workbook.create_sheet(title)
        sheet.oddFooter.center.text = "XYZ Housing | Inspection action plan && progress - page &P of &N"
        sheet.oddHeader.right.text = '&"Arial,Bold"&12Draft'
        sheet.append(["Ref", "Recommendation", "Action", "Target date"])
        sheet.append([f"R{title[-1]}", "Improve repairs", "Review the contract", "March 2011"])
    workbook.remove(workbook["Sheet"])
    path = save(workbook, tmp_path / "footed.xlsx")
    doc = read_document(path)
    assert [(b.kind, b.text, b.locator) for b in doc.furniture] == [
        (BlockKind.RUNNING_HEADER, "Draft", "'Part 1'!oddHeader/right"),
        (BlockKind.RUNNING_FOOTER, "XYZ Housing | Inspection action plan & progress - page of",
         "'Part 1'!oddFooter/center")]
    assert all(b.kind is not BlockKind.RUNNING_FOOTER for b in doc.blocks)
    (plan,) = process_file(path).documents
    assert (plan.document.doc_kind, plan.document.landlord) == ("action_plan", "XYZ Housing")
