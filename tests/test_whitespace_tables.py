"""Tables aligned by whitespace only, and the running text that must not be
taken for one: PDFs built here with reportlab, and the samples."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from acplans.extract.model import BlockKind  # noqa: E402
from acplans.extract.pdf.pdfium_source import PdfiumSource  # noqa: E402
from acplans.extract.pdf.reader import read_page_tables, read_pdf  # noqa: E402
from acplans.extract.pdf.settings import DEFAULT_SETTINGS  # noqa: E402
from acplans.extract.pdf.tables import (centres_in_boxes, find_grids, grid_bbox, grid_to_page_table,  # noqa: E402
                                        words_outside)
from acplans.extract.pdf.whitespace import find_whitespace_grids  # noqa: E402

PAGE_HEIGHT = A4[1]
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
PROSE = ("The inspectors found that the landlord had improved the way it lets homes, "
         "but that tenants still waited too long for repairs to be completed and that "
         "complaints were not always answered within the published target times. ")


def put(pdf: canvas.Canvas, x: float, top: float, text: str, size: float = 10, right: bool = False) -> None:
    pdf.setFont("Helvetica", size)
    if right:
        x -= stringWidth(text, "Helvetica", size)
    pdf.drawString(x, PAGE_HEIGHT - top, text)


def paragraph(pdf: canvas.Canvas, x: float, top: float, width: float, text: str) -> float:
    """Wrap ``text`` into lines of ``width`` points; return the next top."""
    line: list[str] = []
    for word in text.split():
        if stringWidth(" ".join(line + [word]), "Helvetica", 10) > width and line:
            put(pdf, x, top, " ".join(line))
            top, line = top + 13, []
        line.append(word)
    put(pdf, x, top, " ".join(line))
    return top + 13


def test_whitespace_table_with_right_aligned_numbers_and_a_wrapped_cell(tmp_path):
    path = tmp_path / "aligned.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    top = paragraph(pdf, 60, 80, 450, PROSE)
    top += 20
    rows = [["Service", "Homes", "Complaints", "Target date"],
            ["Responsive repairs", "12,480", "311", "31/03/2011"],
            ["Gas servicing", "9,021", "42", "30/06/2011"],
            ["Aids and adaptations", "604", "7", "31/12/2011"]]
    for r, row in enumerate(rows):
        put(pdf, 60, top, row[0])
        put(pdf, 300, top, row[1], right=True)
        put(pdf, 390, top, row[2], right=True)
        put(pdf, 420, top, row[3])
        top += 14
        if r == 2:
            put(pdf, 60, top, "(including boilers)")  # the service name wraps
            top += 14
    paragraph(pdf, 60, top + 20, 450, PROSE)
    pdf.save()
    expected = [row[:] for row in rows]
    expected[2][0] = "Gas servicing (including boilers)"
    assert [[[c.text for c in row] for row in t.rows] for t in read_page_tables(path)] == [expected]
    doc = read_pdf(path, "0" * 64)
    tables = [b.table for b in doc.blocks if b.kind is BlockKind.TABLE]
    assert [t.header for t in tables] == [rows[0]]
    paragraphs = [b.text for b in doc.blocks if b.kind is BlockKind.PARAGRAPH]
    assert len(paragraphs) == 2 and all(p.startswith("The inspectors found") for p in paragraphs)


def test_two_column_text_and_bullet_lists_are_not_tables(tmp_path):
    path = tmp_path / "prose.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    paragraph(pdf, 60, 80, 220, PROSE * 3)
    paragraph(pdf, 310, 80, 220, PROSE * 3)
    top = 400
    for item in ["Answer complaints within ten working days of receipt.",
                 "Publish repair targets and report on them every quarter.",
                 "Train staff in handling calls from vulnerable tenants.",
                 "Review the lettings policy with the tenants' panel."]:
        put(pdf, 70, top, "•")
        put(pdf, 90, top, item)
        top += 14
    for number, item in enumerate(["Agree the improvement plan with the board.",
                                   "Set up a scrutiny panel of tenants and leaseholders.",
                                   "Report progress to the housing panel each month."], start=1):
        put(pdf, 60, top + 10, f"{number}.")
        put(pdf, 90, top + 10, item)
        top += 14
    pdf.save()
    assert read_page_tables(path) == []


def test_samples_running_text_holds_no_whitespace_table():
    """Every word of the samples outside their ruled tables is running
    text, headings or lists: none of it may read as a whitespace table."""
    settings = DEFAULT_SETTINGS.tables
    for pdf_path in sorted(SAMPLES.glob("*.pdf")):
        source = PdfiumSource(pdf_path)  # the default engine
        try:
            for index in range(len(source)):
                content = source.page(index)
                grids = find_grids(content, settings)
                inside = centres_in_boxes(content.words, [grid_bbox(cells) for cells in grids], settings.cell_slack)
                ruled = [grid_to_page_table(cells, [w for w, is_in in zip(content.words, row.tolist()) if is_in],
                                            content.number, settings) for cells, row in zip(grids, inside)]
                rest = words_outside(content.words, [t.bbox for t in ruled], 0.0)
                found = find_whitespace_grids(rest, settings.whitespace)
                assert not found, f"{pdf_path.name} page {index + 1}: {found[0][1].texts()[:3]}"
        finally:
            source.close()


def test_table_in_one_column_of_two_is_read_apart_from_the_prose_beside_it(tmp_path):
    path = tmp_path / "two-column-table.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    paragraph(pdf, 60, 80, 220, PROSE * 4)
    top = paragraph(pdf, 320, 80, 220, PROSE)
    rows = [["Payroll period", "Allowance"], ["Weekly", "71.15"], ["Monthly", "308.33"],
            ["Quarterly", "925.00"], ["Annually", "3,700.00"]]
    for row in rows:
        put(pdf, 320, top + 6, row[0])
        put(pdf, 530, top + 6, row[1], right=True)
        top += 13
    paragraph(pdf, 320, top + 20, 220, PROSE)
    pdf.save()
    assert [[[c.text for c in row] for row in t.rows] for t in read_page_tables(path)] == [rows]


def test_header_title_spanning_columns_is_a_row_of_its_own_and_a_wrapped_header_cell_is_one(tmp_path):
    path = tmp_path / "spanning-header.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    # "Repairs completed" spans the two columns below it; "homes let" wraps
    # within its own column.
    put(pdf, 60, 100, "Area")
    put(pdf, 200, 100, "Repairs completed")
    put(pdf, 360, 100, "Share of")
    put(pdf, 200, 114, "Urgent")
    put(pdf, 280, 114, "Routine")
    put(pdf, 360, 114, "homes")
    put(pdf, 360, 128, "let")
    body = [[f"District {n}", f"{100 + 7 * n}", f"{2000 + 31 * n}", f"{10 + n}.5%"] for n in range(1, 11)]
    top = 142
    for row in body:
        put(pdf, 60, top, row[0])
        put(pdf, 240, top, row[1], right=True)
        put(pdf, 320, top, row[2], right=True)
        put(pdf, 400, top, row[3], right=True)
        top += 14
    pdf.save()
    got = [[[c.text for c in row] for row in t.rows] for t in read_page_tables(path)]
    assert got == [[["Area", "Repairs completed", "", "Share of"], ["", "Urgent", "Routine", "homes let"]] + body]


def test_sections_and_a_total_row_set_off_by_a_blank_line_stay_one_table(tmp_path):
    path = tmp_path / "sections.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    sections = [("Housing services", ["Repairs", "Lettings", "Rent collection"]),
                ("Support services", ["Finance", "Human resources", "Information technology"])]
    expected, top = [], 100
    for heading, services in sections:
        put(pdf, 60, top, heading)
        if expected:  # the first heading is above the table, not in it
            expected.append([heading, ""])
        top += 14
        for n, service in enumerate(services):
            amount = f"{(n + 3) * 1250:,}"
            put(pdf, 60, top, service)
            put(pdf, 400, top, amount, right=True)
            expected.append([service, amount])
            top += 14
        top += 24  # a blank line between sections
    put(pdf, 60, top - 6, "Total")
    put(pdf, 400, top - 6, "22,500", right=True)
    expected.append(["Total", "22,500"])
    # A second table under its own heading, in other columns.
    top += 40
    put(pdf, 60, top, "Inspection visits")
    other = [["Estate", "Visits", "Homes seen"], ["North", "12", "340"], ["South", "9", "215"], ["East", "14", "401"]]
    for row in other:
        top += 14
        put(pdf, 60, top, row[0])
        put(pdf, 220, top, row[1], right=True)
        put(pdf, 300, top, row[2])
    pdf.save()
    assert [[[c.text for c in row] for row in t.rows] for t in read_page_tables(path)] == [expected, other]


def test_column_heads_set_close_together_split_but_a_spanning_title_stays_whole(tmp_path):
    path = tmp_path / "close-heads.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    heads = ["Owned", "Rented", "Shared", "Other"]
    centres, x = [], 150.0
    for head in heads:  # 0.4 em between heads: more than a word space, less than a column gap
        width = stringWidth(head, "Helvetica", 10)
        put(pdf, x, 114, head)
        centres.append(x + width / 2)
        x += width + 4
    put(pdf, centres[1] - stringWidth("Rented", "Helvetica", 10) / 2, 100, "Tenure type")
    put(pdf, 60, 114, "Area")
    body = []
    for n in range(1, 11):
        row = [f"Ward {n}"] + [f"{n + 10 * c}.{c}" for c in range(4)]
        put(pdf, 60, 114 + 14 * n, row[0])
        for centre, value in zip(centres, row[1:]):
            put(pdf, centre - stringWidth(value, "Helvetica", 10) / 2, 114 + 14 * n, value)
        body.append(row)
    pdf.save()
    got = [[[c.text for c in row] for row in t.rows] for t in read_page_tables(path)]
    assert got == [[["", "", "Tenure type", "", ""], ["Area"] + heads] + body]
