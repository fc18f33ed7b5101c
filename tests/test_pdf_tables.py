"""Ruled tables, found from the page geometry: PDFs built here with
reportlab, so every rule style is known and the cell values are exact."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from click.testing import CliRunner  # noqa: E402

from acplans.cli import main  # noqa: E402
from acplans.extract.pdf.reader import read_page_tables, read_pdf  # noqa: E402

PAGE_HEIGHT = A4[1]
COLUMNS = [60, 200, 300, 400]  # left edges; the table ends at 500
ROW_HEIGHT = 20


def table_rows(path: Path) -> list[list[list[str]]]:
    return [[[c.text for c in row] for row in t.rows] for t in read_page_tables(path)]


def put(pdf: canvas.Canvas, x: float, top: float, text: str, size: float = 10) -> None:
    """Text whose baseline sits ``top`` points below the top of the page."""
    pdf.setFont("Helvetica", size)
    pdf.drawString(x, PAGE_HEIGHT - top, text)


def put_row(pdf: canvas.Canvas, top: float, row: list[str]) -> None:
    for x, text in zip(COLUMNS, row):
        put(pdf, x + 4, top, text)


def zero_width_grid(pdf: canvas.Canvas, top: float, n_rows: int) -> None:
    """Every rule a rectangle with no width or no height, as some report
    writers draw them."""
    bottom = top + n_rows * ROW_HEIGHT
    for x in COLUMNS + [500]:
        pdf.rect(x, PAGE_HEIGHT - bottom, 0, bottom - top, stroke=1, fill=0)
    for i in range(n_rows + 1):
        y = PAGE_HEIGHT - (top + i * ROW_HEIGHT)
        pdf.rect(COLUMNS[0], y, 500 - COLUMNS[0], 0, stroke=1, fill=0)


def test_zero_width_rectangles_rule_a_grid(tmp_path):
    path = tmp_path / "zero-width.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    put(pdf, 60, 80, "Housing services assessed in 2010 by the inspectors.")
    zero_width_grid(pdf, 100, 3)
    rows = [["Service", "Score", "Trend", "Owner"],
            ["Repairs", "2", "Improving", "Head of repairs"],
            ["Lettings", "3", "Stable", "Lettings manager"]]
    for r, row in enumerate(rows):
        put_row(pdf, 100 + r * ROW_HEIGHT + 14, row)
    pdf.save()
    assert table_rows(path) == [rows]


def test_small_number_in_a_cell_beside_larger_text_is_a_value(tmp_path):
    """A value set smaller and higher than the text in the next cell looks
    like a raised footnote mark; a column gap away, it is a value."""
    path = tmp_path / "small-value.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    zero_width_grid(pdf, 100, 2)
    put(pdf, 64, 114, "Tenants", 12)
    put(pdf, 204, 107, "22", 7)
    put(pdf, 304, 114, "Repairs", 12)
    put(pdf, 404, 114, "2010", 12)
    put(pdf, 64, 134, "Leaseholders", 12)
    put(pdf, 204, 127, "9", 7)
    put(pdf, 304, 134, "Lettings", 12)
    put(pdf, 404, 134, "2011", 12)
    pdf.save()
    assert table_rows(path) == [[["Tenants", "22", "Repairs", "2010"],
                                 ["Leaseholders", "9", "Lettings", "2011"]]]


def test_grid_ruled_only_between_rows_reads_its_columns_from_the_gaps(tmp_path):
    path = tmp_path / "rows-only.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    rows = [["Area", "Homes", "Voids", "Rent"],
            ["North", "1,204", "31", "£82.10"],
            ["South", "988", "12", "£79.55"],
            ["East", "2,310", "45", "£85.02"],
            ["West", "640", "7", "£77.40"]]
    for r, row in enumerate(rows):
        top = 100 + r * ROW_HEIGHT
        pdf.line(COLUMNS[0], PAGE_HEIGHT - top, 500, PAGE_HEIGHT - top)
        put_row(pdf, top + 14, row)
    pdf.line(COLUMNS[0], PAGE_HEIGHT - (100 + len(rows) * ROW_HEIGHT), 500,
             PAGE_HEIGHT - (100 + len(rows) * ROW_HEIGHT))
    pdf.save()
    assert table_rows(path) == [rows]


def test_grid_ruled_only_under_the_header(tmp_path):
    """A box with one rule under the header: the body rows are the lines."""
    path = tmp_path / "header-rule.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    rows = [["Quarter", "Calls", "Answered", "Target"],
            ["Q1", "5,210", "91%", "90%"],
            ["Q2", "4,870", "88%", "90%"],
            ["Q3", "5,002", "93%", "92%"]]
    pdf.rect(COLUMNS[0], PAGE_HEIGHT - 190, 500 - COLUMNS[0], 90, stroke=1, fill=0)
    pdf.line(COLUMNS[0], PAGE_HEIGHT - 120, 500, PAGE_HEIGHT - 120)
    put_row(pdf, 114, rows[0])
    for r, row in enumerate(rows[1:]):
        put_row(pdf, 136 + r * 16, row)
    pdf.save()
    assert table_rows(path) == [rows]


def test_grid_with_open_sides_keeps_its_first_and_last_columns(tmp_path):
    """Rules under every row and between the middle columns, none down the
    table's sides, values centred in wide columns: the row rules' ends are
    the table's sides, so the labels and the last column of figures stay
    in the table."""
    path = tmp_path / "open-sides.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    rows = [["", "Finland", "EU-15", "EU-25"],
            ["1996", "3.7", "1.6", "1.7"],
            ["2000", "5.0", "3.9", "3.9"],
            ["2005", "1.5", "1.5", "1.6"]]
    sides, rules = (60, 520), [160, 280, 400]  # column rules only between the figures
    bottom = 100 + len(rows) * ROW_HEIGHT
    for r, row in enumerate(rows):
        top = 100 + r * ROW_HEIGHT
        pdf.line(sides[0], PAGE_HEIGHT - top, sides[1], PAGE_HEIGHT - top)
        put(pdf, sides[0] + 4, top + 14, row[0])
        for left, right, text in zip(rules, [*rules[1:], sides[1]], row[1:]):
            put(pdf, (left + right - stringWidth(text, "Helvetica", 10)) / 2, top + 14, text)
    pdf.line(sides[0], PAGE_HEIGHT - bottom, sides[1], PAGE_HEIGHT - bottom)
    for x in rules:
        pdf.line(x, PAGE_HEIGHT - 100, x, PAGE_HEIGHT - bottom)
    pdf.save()
    assert table_rows(path) == [rows]


def test_rules_round_column_groups_leave_the_unruled_body_to_its_gaps(tmp_path):
    """A statistical table: rules above and below a header whose groups
    are ruled apart, and under a long body of unruled lines. The rules do
    not rule rows, so no side is implied and every column of the body is
    read from the gaps, a row per line."""
    path = tmp_path / "column-groups.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    body = [["Burglary", "240.9", "60.3", "180.6"], ["Robbery", "102.1", "25.5", "76.6"],
            ["Arson", "9.8", "4.3", "5.5"], ["Fraud", "173.7", "5.1", "168.5"],
            ["Vandalism", "217.4", "72.7", "144.7"], ["Gambling", "8.2", "1.4", "6.8"]]
    header = ["Offence", "Total", "Under 18", "Over 18"]
    table_bottom = 140 + len(body) * 14
    for top in (100, 120, table_bottom):
        pdf.line(COLUMNS[0], PAGE_HEIGHT - top, 500, PAGE_HEIGHT - top)
    for x in COLUMNS[1:3]:  # the groups' rules run down the whole table
        pdf.line(x, PAGE_HEIGHT - 100, x, PAGE_HEIGHT - table_bottom)
    put_row(pdf, 114, header)
    for r, row in enumerate(body):
        put_row(pdf, 134 + r * 14, row)
    pdf.save()
    assert table_rows(path) == [[header, *body]]


def test_table_turned_on_the_page_is_read_the_right_way_up(tmp_path):
    """A landscape table printed on a portrait page, reading upwards."""
    path = tmp_path / "turned.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    put(pdf, 60, 60, "Appendix: lettings by area, turned to fit the page.")
    rows = [["Area", "Lettings", "Refusals", "Average days"],
            ["Northfield", "214", "17", "26"],
            ["Southgate", "1,032", "88", "31"],
            ["Eastwood", "478", "9", "19"]]
    pdf.saveState()
    pdf.translate(400, 150)
    pdf.rotate(90)  # the table's left edge runs up the page from y = 150
    n_rows = len(rows)
    for x in COLUMNS + [500]:
        pdf.line(x, 0, x, -n_rows * ROW_HEIGHT)
    for i in range(n_rows + 1):
        pdf.line(COLUMNS[0], -i * ROW_HEIGHT, 500, -i * ROW_HEIGHT)
    pdf.setFont("Helvetica", 10)
    for r, row in enumerate(rows):
        for x, text in zip(COLUMNS, row):
            pdf.drawString(x + 4, -(r * ROW_HEIGHT + 14), text)
    pdf.restoreState()
    pdf.save()
    assert table_rows(path) == [rows]


def test_letters_split_by_overlaid_spaces_read_as_words(tmp_path):
    """Some writers lay a run of invisible spaces over the letters; the
    engine then returns each letter as a word, and a cell must still read
    as words."""
    path = tmp_path / "letters.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    zero_width_grid(pdf, 100, 2)
    rows = [["Office", "City", "Staff", "Opened"],
            ["North", "Delhi and Mumbai", "12", "2009"]]
    put_row(pdf, 114, rows[0])
    for x, text in zip(COLUMNS, rows[1]):
        if text == "Delhi and Mumbai":
            pdf.setFont("Helvetica", 10)
            cursor = x + 4
            for letter in text:
                width = stringWidth(letter, "Helvetica", 10)
                if letter != " ":
                    pdf.drawString(cursor, PAGE_HEIGHT - 134, letter)
                    pdf.drawString(cursor + width / 2, PAGE_HEIGHT - 134, " ")
                cursor += width
        else:
            put(pdf, x + 4, 134, text)
    pdf.save()
    assert table_rows(path) == [rows]


def test_ruled_box_round_rows_of_figures_gives_a_row_per_line(tmp_path):
    """Rules round the header and round the body, none between body rows."""
    path = tmp_path / "boxed-body.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    rows = [["Region", "Homes", "Voids", "Arrears"],
            ["North", "1,204", "31", "2.1%"],
            ["South", "988", "12", "1.7%"],
            ["East", "2,310", "45", "3.0%"]]
    body_bottom = 124 + 14 * (len(rows) - 1) + 6
    for x in COLUMNS + [500]:
        pdf.line(x, PAGE_HEIGHT - 100, x, PAGE_HEIGHT - body_bottom)
    for y in (100, 120, body_bottom):
        pdf.line(COLUMNS[0], PAGE_HEIGHT - y, 500, PAGE_HEIGHT - y)
    put_row(pdf, 114, rows[0])
    for r, row in enumerate(rows[1:]):
        put_row(pdf, 134 + 14 * r, row)
    pdf.save()
    assert table_rows(path) == [rows]


def test_tables_json_gives_each_page_its_own_table_before_stitching(tmp_path):
    """A table carried over a page break is one table in the document but
    one entry per page in `inspect --tables-json`, the benchmark's view."""
    path = tmp_path / "two-pages.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pages = [[["Service", "Score", "Trend", "Owner"], ["Repairs", "2", "Improving", "Head of repairs"]],
             [["Service", "Score", "Trend", "Owner"], ["Lettings", "3", "Stable", "Lettings manager"]]]
    for rows in pages:
        zero_width_grid(pdf, 100, len(rows))
        for r, row in enumerate(rows):
            put_row(pdf, 100 + r * ROW_HEIGHT + 14, row)
        pdf.showPage()
    pdf.save()
    result = CliRunner().invoke(main, ["inspect", str(path), "--tables-json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"tables": [{"page": 1, "rows": pages[0]}, {"page": 2, "rows": pages[1]}]}
    doc = read_pdf(path, "0" * 64)
    [table] = [b.table for b in doc.blocks if b.table is not None]
    assert table.pages == [1, 2] and [r.texts for r in table.rows] == [pages[0][1], pages[1][1]]
