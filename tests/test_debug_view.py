"""`acplans inspect FILE --page N --png OUT.png`: a picture of the page with
the layout analysis drawn on it, checked pixel by pixel on a two-column
page the test builds (tests/two_column_pdf.py)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from PIL import Image

from acplans.cli import main
from acplans.debug_view import CELL, SCALE, SEGMENT
from two_column_pdf import MARGIN, PAGE_H, PAGE_W, build_two_column_report

GUTTER = 9.0
RULE_X = PAGE_W / 2  # the rule is drawn in the middle of the gutter
RULE_TOP, RULE_BOTTOM = 128.0, 720.0  # page 1's column rule, in points from the top


@pytest.fixture(scope="module")
def page_picture(tmp_path_factory):
    folder = tmp_path_factory.mktemp("png")
    pdf = build_two_column_report(folder / "ruled.pdf", gutter=GUTTER, rule="stroke")
    out = folder / "page1.png"
    result = CliRunner().invoke(main, ["inspect", str(pdf), "--page", "1", "--png", str(out)])
    assert result.exit_code == 0, result.output
    return Image.open(out)


def pixel(picture, x_pt: float, y_pt: float) -> tuple[int, int, int]:
    return picture.getpixel((round(x_pt * SCALE), round(y_pt * SCALE)))[:3]


def test_the_picture_is_a_png_of_the_page_at_the_drawing_scale(page_picture):
    assert page_picture.format == "PNG"
    assert page_picture.size == (round(PAGE_W * SCALE), round(PAGE_H * SCALE))


def test_the_column_rule_is_drawn_in_the_segment_colour(page_picture):
    for y in (RULE_TOP + 40, (RULE_TOP + RULE_BOTTOM) / 2, RULE_BOTTOM - 20):
        assert pixel(page_picture, RULE_X, y) == SEGMENT[:3]
    assert pixel(page_picture, RULE_X, RULE_BOTTOM + 10) == (255, 255, 255)  # below the rule


def test_the_gutter_is_shaded_beside_the_rule_and_the_margin_stays_white(page_picture):
    assert pixel(page_picture, RULE_X - 2, 300) not in ((255, 255, 255), SEGMENT[:3])
    assert pixel(page_picture, 20, 300) == (255, 255, 255)


def test_table_cells_are_outlined(page_picture):
    """The table in the left column: the border between its two columns
    (its outer border is the table block's box)."""
    column = [pixel(page_picture, MARGIN + 70, y) for y in range(250, 320)]
    assert CELL[:3] in column


def test_a_page_past_the_end_is_one_line_error(tmp_path):
    pdf = build_two_column_report(tmp_path / "report.pdf")
    result = CliRunner().invoke(main, ["inspect", str(pdf), "--page", "3", "--png", str(tmp_path / "x.png")])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"error: {pdf}: no page 3: the PDF has 2 pages"]
    assert not (tmp_path / "x.png").exists()


def test_an_unwritable_picture_path_is_one_line_error(tmp_path):
    pdf = build_two_column_report(tmp_path / "report.pdf")
    out = tmp_path / "missing-folder" / "x.png"
    result = CliRunner().invoke(main, ["inspect", str(pdf), "--png", str(out)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"error: {out}: cannot write the picture (No such file or directory)"]
