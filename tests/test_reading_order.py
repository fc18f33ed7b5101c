"""Reading order on two-column pages built by the test (tests/two_column_pdf.py),
with a whitespace gutter and with a narrow gutter holding a column rule,
and a right column that ends early beside a long left one, with lines of
both columns printed in the page's top and bottom bands; and through the
report extractor, which must then find every bullet and
deadline of a recommendation whose bullets cross a column and a page."""
from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from acplans.extract.dispatch import extract_document
from acplans.extract.model import BBox, Block, BlockKind
from acplans.extract.pdf.columns import find_layout, place_floating
from acplans.extract.pdf.geometry import Word
from acplans.extract.pdf.reader import read_pdf
from acplans.extract.pdf.settings import DEFAULT_SETTINGS
from acplans.extract.records import DocKind
from two_column_pdf import bold, build_two_column_report, columns, footer, full_width

PAGE_1 = [
    (BlockKind.HEADING, "Short notice inspection of repairs and lettings at Northfield Housing Trust"),
    (BlockKind.HEADING, "Summary"),
    (BlockKind.PARAGRAPH, "The Audit Commission carried out this short notice inspection"),
    (BlockKind.HEADING, "Table 1 Service judgements"),
    (BlockKind.TABLE, "Service area\tJudgement"),
    (BlockKind.PARAGRAPH, "The judgements above rest on the evidence"),
    (BlockKind.HEADING, "Recommendations"),
    (BlockKind.HEADING, "Recommendation"),
    (BlockKind.PARAGRAPH, "R1 Improve the repairs service by:"),
    (BlockKind.LIST_ITEM, "introducing an appointments system for all repairs;"),
    (BlockKind.LIST_ITEM, "checking the quality of completed"),
    # the right column
    (BlockKind.PARAGRAPH, "work and telling tenants what was found; and"),
    (BlockKind.LIST_ITEM, "publishing repair times to tenants."),
    (BlockKind.PARAGRAPH, "The expected benefits of this recommendation are:"),
    (BlockKind.LIST_ITEM, "fewer missed appointments; and"),
    (BlockKind.LIST_ITEM, "higher satisfaction with repairs."),
    (BlockKind.PARAGRAPH, "Implementing this recommendation will have high impact with low costs. "
                          "This should be implemented by June 2011."),
    (BlockKind.HEADING, "Recommendation"),
    (BlockKind.PARAGRAPH, "R2 Improve the lettings service by:"),
    (BlockKind.LIST_ITEM, "reviewing the allocations policy with tenants;"),
    (BlockKind.FOOTNOTE, "1 Low cost is defined as"),
]

PAGE_2 = [
    (BlockKind.LIST_ITEM, "letting empty homes within four weeks; and"),
    (BlockKind.LIST_ITEM, "publishing lettings performance every quarter."),
    (BlockKind.PARAGRAPH, "The expected benefit of this recommendation is:"),
    (BlockKind.LIST_ITEM, "fairer lettings for tenants in housing need."),
    (BlockKind.PARAGRAPH, "Implementing this recommendation will have medium impact"),
    (BlockKind.HEADING, "Recommendation"),
    (BlockKind.PARAGRAPH, "R3 Strengthen resident involvement by:"),
    (BlockKind.LIST_ITEM, "training tenant representatives to scrutinise services;"),
    (BlockKind.LIST_ITEM, "telling tenants how their views changed services."),
    (BlockKind.PARAGRAPH, "Implementing this recommendation will have high impact"),
    (BlockKind.HEADING, "Prospects for improvement"),
    (BlockKind.PARAGRAPH, "We found strengths and weaknesses in balance in this area."),
    (BlockKind.PARAGRAPH, "Staff know the plan"),
    (BlockKind.PARAGRAPH, "There are a number of weaknesses."),
    (BlockKind.PARAGRAPH, "Tenants are not yet told"),
    # printed at the foot of the left column, above the right column's end
    (BlockKind.FOOTNOTE, "2 The repairs panel is a group of twelve tenants"),
]

# A 9pt gutter is too narrow to tell from a wide word space: only its rule shows it.
LAYOUTS = {"whitespace gutter": {"gutter": 24.0},
           "narrow gutter, stroked rule": {"gutter": 9.0, "rule": "stroke"},
           "narrow gutter, painted rule": {"gutter": 9.0, "rule": "fill"}}


@pytest.fixture(scope="module", params=list(LAYOUTS))
def two_column_pdf(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("columns") / "two-column-report.pdf"
    return build_two_column_report(path, **LAYOUTS[request.param])


@pytest.fixture(scope="module")
def document(two_column_pdf):
    return read_pdf(two_column_pdf, "0" * 64)


def page_blocks(doc, page):
    return [(b.kind, b.text) for b in doc.blocks if b.page == page]


def assert_in_order(blocks, expected):
    assert len(blocks) == len(expected), [t for _, t in blocks]
    for (kind, text), (want_kind, want_start) in zip(blocks, expected):
        assert (kind, text[:len(want_start)]) == (want_kind, want_start)


def test_page_1_reads_the_left_column_then_the_right_then_the_foot(document):
    assert_in_order(page_blocks(document, 1), PAGE_1)


def test_page_2_reads_columns_above_and_below_a_heading_across_both(document):
    assert_in_order(page_blocks(document, 2), PAGE_2)


def test_no_line_joins_words_of_both_columns(document):
    # Every right-column block starts right of the gutter, every left one ends left of it.
    middle = 595.28 / 2
    for block in document.blocks:
        if block.kind is BlockKind.TABLE or block.bbox.x1 - block.bbox.x0 > 300:
            continue  # the title, the page-wide heading and the page-foot note
        assert block.bbox.x1 < middle or block.bbox.x0 > middle, block.text


def test_the_table_in_the_left_column_keeps_its_rows(document):
    table = next(b.table for b in document.blocks if b.kind is BlockKind.TABLE)
    assert table.header == ["Service area", "Judgement"]
    assert [r.texts for r in table.rows] == [["Repairs", "Weaknesses outweigh strengths"],
                                             ["Lettings", "Strengths outweigh weaknesses"]]


def test_the_report_extractor_reads_bullets_across_column_and_page(document):
    [report] = [e for e in extract_document(document) if e.part.kind is DocKind.INSPECTION_REPORT]
    rows = {r.ref: r for r in report.recommendations}
    assert [r.text for r in report.recommendations if r.parent_ref == "R1"] == [
        "introducing an appointments system for all repairs",
        "checking the quality of completed work and telling tenants what was found",
        "publishing repair times to tenants"]
    assert [r.text for r in report.recommendations if r.parent_ref == "R2"] == [
        "reviewing the allocations policy with tenants",
        "letting empty homes within four weeks",
        "publishing lettings performance every quarter"]
    assert (rows["R1"].target_date_text, rows["R1"].impact, rows["R1"].cost) == ("June 2011", "high", "low")
    assert (rows["R2"].target_date_text, rows["R2"].impact) == ("March 2011", "medium")
    assert rows["R2"].benefits == ["fairer lettings for tenants in housing need"]
    assert rows["R3"].target_date_text == "April 2011"
    assert rows["R3"].text == "Strengthen resident involvement by:"


def printed_line(text: str, x: float, top: float, size: float = 10.0, bold: bool = False) -> list[Word]:
    """Words as an engine reports them, 0.55 em a character, a space between."""
    words = []
    for token in text.split():
        width = 0.55 * size * len(token)
        words.append(Word(token, x, x + width, top, top + size, size, bold, False, "F"))
        x += width + 0.28 * size
    return words


def test_a_label_column_beside_its_values_is_not_two_columns():
    """Rows of "Label:   value" share a wide gap at one x, but the labels
    never reach it: the page is read row by row."""
    words = []
    for i, (label, value) in enumerate([("Lead:", "Jim Preston, Director of Maintenance Services"),
                                        ("Executive sponsor:", "Rosemary Du Rose, Chief Operating Officer"),
                                        ("Target:", "June 2011, reviewed every quarter by the board"),
                                        ("Cost:", "Within existing budgets for the service this year"),
                                        ("Status:", "Started in August 2010 with the first pilot areas")]):
        words += printed_line(label, 56, 100 + 14 * i) + printed_line(value, 200, 100 + 14 * i)
    assert find_layout(words, [], [], [], DEFAULT_SETTINGS).bands == []


def test_side_heads_beside_one_column_of_text_are_not_a_column():
    """Headings hung in the left margin, each level with the first lines of
    its section: read each before its section, not all of them first."""
    body = "Tenants told us that repairs are slow and that the landlord does not keep them informed"
    words = []
    for section in range(4):
        top = 80 + section * 150
        words += printed_line("Findings on repairs", 56, top, bold=True)
        words += printed_line(f"and lettings {section + 1}", 56, top + 13, bold=True)
        for row in range(10):
            words += printed_line(body[: 60 + row % 3 * 5], 190, top + 13 * row)
    assert find_layout(words, [], [], [], DEFAULT_SETTINGS).bands == []


def test_a_table_across_both_columns_cuts_them_into_bands_read_around_it():
    text = "The landlord has improved its repairs service but satisfaction remains low"
    words = []
    for row in range(8):
        words += printed_line(text[:48], 56, 100 + 13 * row) + printed_line(text[:45], 330, 100 + 13 * row)
        words += printed_line(text[:46], 56, 400 + 13 * row) + printed_line(text[:47], 330, 400 + 13 * row)
    table = BBox(56, 220, 539, 380)
    layout = find_layout(words, [table], [], [], DEFAULT_SETTINGS)
    assert [(round(b.top), round(b.bottom), len(b.gutters)) for b in layout.bands] == [(100, 201, 1), (400, 501, 1)]
    boxes = {"right column above": BBox(310, 100, 539, 201), "left column above": BBox(56, 100, 290, 201),
             "table": table, "right column below": BBox(310, 400, 539, 501),
             "left column below": BBox(56, 400, 290, 501)}
    assert sorted(boxes, key=lambda name: layout.reading_key(boxes[name])) == [
        "left column above", "right column above", "table", "left column below", "right column below"]


def test_a_stray_line_heading_the_right_column_stays_in_that_column():
    """A right column whose first line sits in the page's top band (read
    apart as a possible running head) goes back to the head of its column,
    not to the top of the page before the left column."""
    left = [Block(BlockKind.HEADING, "Summary", 2, BBox(50, 60, 280, 72)),
            Block(BlockKind.PARAGRAPH, "The landlord provides a fair service.", 2, BBox(50, 80, 280, 200))]
    right = [Block(BlockKind.PARAGRAPH, "on the website;", 2, BBox(310, 72, 540, 84)),
             Block(BlockKind.LIST_ITEM, "agreeing arrears cases", 2, BBox(310, 90, 540, 110))]
    stray = Block(BlockKind.PARAGRAPH, "• training the outcomes of complaints to the board", 2, BBox(310, 60, 540, 71))
    texts = [b.text for b in place_floating(left + right, [stray], in_column=True)]
    assert texts == ["Summary", "The landlord provides a fair service.", stray.text, "on the website;",
                     "agreeing arrears cases"]
    # An aside keeps the page's top-down order: level with "Summary", right of it.
    assert [b.text for b in place_floating(left + right, [stray])][1] == stray.text


def test_a_column_that_ends_early_beside_a_long_one_is_still_a_column():
    """A right column of a few lines and a two-line heading, beside a left
    column running down the page: the gutter holds over the whole left
    column (balance is weighed where both sides print), so the left column
    is read to its foot before the right one."""
    text = "The landlord has improved its repairs service but satisfaction remains low"
    words = printed_line("Summary", 56, 60, size=18, bold=True)
    for row in range(36):
        words += printed_line(text[:46 - row % 4 * 5], 56, 84 + 13 * row)
    right = [(text[:44], 10.0), (text[:40], 10.0), (text[:20], 10.0), ("Appendix 1: Reality", 18.0),
             ("checks", 18.0), (text[:42], 10.0), (text[:30], 10.0)]
    top = 66.0
    for line, size in right:
        words += printed_line(line, 312, top, size=size, bold=size > 10)
        top += size * 1.3
    layout = find_layout(words, [], [], [], DEFAULT_SETTINGS)
    assert [(round(b.top), round(b.bottom), len(b.gutters)) for b in layout.bands] == [(60, 549, 1)]
    foot_of_left, head_of_right = BBox(56, 539, 250, 549), BBox(312, 66, 530, 76)
    assert layout.reading_key(foot_of_left) < layout.reading_key(head_of_right)


def test_the_last_line_of_a_left_column_printed_in_the_foot_band_stays_in_that_column():
    """A left column whose last line sits in the page's bottom band (read
    apart as a possible running foot) goes back straight after the block
    it ends, before the right column, not to the end of the page."""
    left = [Block(BlockKind.PARAGRAPH, "R4 Monitor estate services and", 2, BBox(56, 700, 280, 772))]
    right = [Block(BlockKind.PARAGRAPH, "i) agreeing the access needs", 2, BBox(312, 70, 540, 92)),
             Block(BlockKind.HEADING, "Appendix 1", 2, BBox(312, 100, 540, 130))]
    stray = Block(BlockKind.PARAGRAPH, "grounds maintenance by:", 2, BBox(56, 774, 170, 784))
    footer = Block(BlockKind.PARAGRAPH, "Printed on recycled paper", 2, BBox(56, 810, 200, 818))
    texts = [b.text for b in place_floating(left + right, [stray, footer], in_column=True)]
    # The footer is a line's height and more below the column: it stays at the page's end.
    assert texts == [left[0].text, stray.text, right[0].text, right[1].text, footer.text]


# -- a right column that ends early, its first and last lines in the page bands

SHORT_RIGHT_PAGE = [
    (BlockKind.HEADING, "Summary"),
    (BlockKind.PARAGRAPH, "The Audit Commission carried out this inspection"),
    (BlockKind.HEADING, "Recommendations"),
    (BlockKind.PARAGRAPH, "To rise to the challenges ahead"),
    (BlockKind.PARAGRAPH, "R1 Improve the repairs service by:"),
    (BlockKind.LIST_ITEM, "introducing an appointments system for all repairs;"),
    (BlockKind.LIST_ITEM, "checking the quality of completed work."),
    (BlockKind.PARAGRAPH, "The expected benefits of this recommendation are better services"),
    (BlockKind.PARAGRAPH, "The implementation of this recommendation will have medium impact"),
    (BlockKind.PARAGRAPH, "R2 Strengthen resident involvement by:"),
    (BlockKind.LIST_ITEM, "training tenant representatives to scrutinise services;"),
    (BlockKind.LIST_ITEM, "telling tenants how their views have"),
    # the left column's last line, printed in the page's bottom band
    (BlockKind.PARAGRAPH, "changed the services they receive."),
    # the right column: its first line printed in the page's top band
    (BlockKind.PARAGRAPH, "The expected benefits of this"),
    (BlockKind.PARAGRAPH, "recommendation are better services"),
    (BlockKind.PARAGRAPH, "The implementation of this recommendation will have high impact"),
    (BlockKind.HEADING, "Appendix 1: Reality checks"),
    (BlockKind.PARAGRAPH, "Inspectors visited estates"),
]


def build_short_right_column_report(path):
    """Page 1 a title; page 2 a long left column whose last line falls in
    the page's bottom band, and a right column of a few lines and a large
    heading beside the left column's "Recommendations", its first line in
    the page's top band. Both pages carry the same footer."""
    c = Canvas(str(path), pagesize=A4)
    full_width(c, "Short notice inspection report", 300, bold(24))
    footer(c, 1)
    c.showPage()
    left, right = columns(c, 48, 24.0, None, 790)
    left.text("Summary", bold(16))
    left.text("The Audit Commission carried out this inspection of Northfield Housing Trust in October "
              "2010. The landlord provides a fair service with promising prospects for improvement.")
    left.text("Recommendations", bold(16))
    left.text("To rise to the challenges ahead, the landlord needs to act on the recommendations below.")
    left.text("R1 Improve the repairs service by:")
    left.text("introducing an appointments system for all repairs;", indent=12, bullet=True, after=2)
    left.text("checking the quality of completed work.", indent=12, bullet=True)
    left.text("The expected benefits of this recommendation are better services for tenants and "
              "improved value for money.")
    left.text("The implementation of this recommendation will have medium impact with low costs. "
              "This should be implemented by June 2011.")
    left.text("R2 Strengthen resident involvement by:")
    left.text("training tenant representatives to scrutinise services;", indent=12, bullet=True, after=2)
    left.y = 756  # the bullet's second line falls below 770 pt, in the bottom band
    left.text("telling tenants how their views have changed the services they receive.", indent=12, bullet=True)
    right.text("The expected benefits of this recommendation are better services for tenants and "
               "improved value for money.")
    right.text("The implementation of this recommendation will have high impact with low costs. "
               "This should be implemented by April 2011.")
    right.text("Appendix 1: Reality checks", bold(18))
    right.text("Inspectors visited estates, read files and interviewed staff and residents.")
    footer(c, 2)
    c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module")
def short_right_column(tmp_path_factory):
    path = tmp_path_factory.mktemp("short-column") / "short-right-column.pdf"
    return read_pdf(build_short_right_column_report(path), "0" * 64)


def test_a_short_right_column_is_read_after_the_whole_left_column(short_right_column):
    assert_in_order(page_blocks(short_right_column, 2), SHORT_RIGHT_PAGE)
    for block in short_right_column.blocks:
        if block.page == 2:
            assert block.bbox.x1 < 595.28 / 2 or block.bbox.x0 > 595.28 / 2, block.text


def test_the_report_extractor_reads_a_bullet_ending_in_the_foot_band_and_its_deadline(short_right_column):
    [report] = [e for e in extract_document(short_right_column) if e.part.kind is DocKind.INSPECTION_REPORT]
    rows = {r.ref: r for r in report.recommendations}
    assert [r.text for r in report.recommendations if r.parent_ref == "R2"] == [
        "training tenant representatives to scrutinise services",
        "telling tenants how their views have changed the services they receive"]
    assert (rows["R1"].target_date_text, rows["R1"].impact) == ("June 2011", "medium")
    assert (rows["R2"].target_date_text, rows["R2"].impact, rows["R2"].cost) == ("April 2011", "high", "low")
