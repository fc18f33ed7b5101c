"""Text/Markdown backend, on text written here in the shapes the converted
reports take: lines taken from the seed conversions, trimmed and combined so
each test shows one layout."""
from __future__ import annotations

from pathlib import Path

import pytest

from acplans.extract.model import BlockKind, UnreadableDocument
from acplans.extract.reader import read_document


def _read(tmp_path: Path, text: str | bytes, name: str = "doc.md"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return read_document(path)


def _summary(doc):
    return [(b.kind, b.level, b.text, b.locator) for b in doc.blocks]


def test_markdown_headings_bullets_and_paragraphs(tmp_path):
    doc = _read(tmp_path, (
        "## **1 INTRODUCTION**\n"
        "\n"
        "- 1.2 The Home Group were inspected on 26 – 30 April, 2010, and the report\n"
        "was published in September 2010. The scope of the inspection covered:\n"
        "  - responsive repairs\n"
        "  * gas services\n"
        "• resident involvement\n"
        "\n"
        "2.3 Unlike Local Authority inspections, the AC allows time for the RSL\n"
        "to prepare an action plan.\n"
        "\n"
        "---\n"
        "\n"
        "### Responsive repairs (Home standard)\n"
        "**17** We found weaknesses outweigh strengths in this area.\n"
    ))
    assert doc.file_type == "text" and doc.pages == []
    assert _summary(doc) == [
        (BlockKind.HEADING, 2, "1 INTRODUCTION", "l1"),
        (BlockKind.LIST_ITEM, 1, "1.2 The Home Group were inspected on 26 – 30 April, 2010, "
         "and the report was published in September 2010. The scope of the inspection "
         "covered:", "l3"),
        (BlockKind.LIST_ITEM, 2, "responsive repairs", "l5"),
        (BlockKind.LIST_ITEM, 2, "gas services", "l6"),
        (BlockKind.LIST_ITEM, 1, "resident involvement", "l7"),
        (BlockKind.PARAGRAPH, None, "2.3 Unlike Local Authority inspections, the AC allows "
         "time for the RSL to prepare an action plan.", "l9"),
        (BlockKind.HEADING, 3, "Responsive repairs (Home standard)", "l14"),
        (BlockKind.PARAGRAPH, None, "17 We found weaknesses outweigh strengths in this area.",
         "l15"),
    ]
    assert doc.blocks[0].bold is True
    assert doc.blocks[-1].bold is False
    assert all(b.page is None and b.bbox is None for b in doc.blocks)


def test_bold_paragraph_over_lines_links_and_footnotes(tmp_path):
    doc = _read(tmp_path, (
        "**R1 AUDIT COMMISSION RECOMMENDATION:  \n"
        "PROVIDE A HIGH PERFORMANCE IN ANNUAL GAS SERVICING**  \n"
        "\n"
        "The KLOEs can be found at [www.audit-commission.gov.uk/housing]"
        "(http://www.audit-commission.gov.uk/housing).\n"
        "\n"
        "- Tenant satisfaction is low. The last STATUS<sup>iii</sup> survey in late 2009.\n"
        "\n"
        "<sup>iii</sup> Standardised Tenant Satisfaction Survey\n"
    ))
    assert [(b.kind, b.bold, b.text) for b in doc.blocks] == [
        (BlockKind.PARAGRAPH, True, "R1 AUDIT COMMISSION RECOMMENDATION: PROVIDE A HIGH "
         "PERFORMANCE IN ANNUAL GAS SERVICING"),
        (BlockKind.PARAGRAPH, False,
         "The KLOEs can be found at www.audit-commission.gov.uk/housing."),
        (BlockKind.LIST_ITEM, False,
         "Tenant satisfaction is low. The last STATUS survey in late 2009."),
        (BlockKind.FOOTNOTE, False, "iii Standardised Tenant Satisfaction Survey"),
    ]


# Lines from the seed conversion of the Home Group action plan: a tab table
# whose header ends in a stray tab, rows short of cells, and HTML in cells.
HOME_TABLE = (
    "R1. Ensure that Home consistently services all gas appliances it owns annually.\n"
    "\n"
    "Key outcomes for customers\tKey actions\tBy\tProgress taken to date\t"
    "How do we know when we've achieved this?\t\n"
    "Customers are safer in their homes because gas appliances in all Home properties "
    "are serviced once a year.\tEstablish a Gas Policy to deal effectively with "
    "“no access” properties.\tCustomer sign off - July 2010 (completed).\n"
    "\tUpdate procedures for colleagues and develop a toolkit to support these new "
    "procedures: <ul style=\"list-style-type: none\"><li>• Communicate new procedures</li>"
    "<li>• Embed new procedures through individual objectives.</li></ul>\t"
    "Develop toolkit by the end of July (completed).<br>Updated procedures roll out - "
    "August 2010.\t\t\n"
    "\t<p>Define a national strategy.</p> <p>July 2010 (completed).</p>\tApril &amp; May"
    "\n"
    "\n"
    "Costs/Resources required\n"
)


def test_tab_table_with_html_cells(tmp_path):
    doc = _read(tmp_path, HOME_TABLE)
    assert [b.kind for b in doc.blocks] == [
        BlockKind.PARAGRAPH, BlockKind.TABLE, BlockKind.PARAGRAPH]
    block = doc.blocks[1]
    assert block.locator == "l3"
    table = block.table
    assert table.header == ["Key outcomes for customers", "Key actions", "By",
                            "Progress taken to date",
                            "How do we know when we've achieved this?"]
    assert [r.texts for r in table.rows] == [
        ["Customers are safer in their homes because gas appliances in all Home properties "
         "are serviced once a year.",
         "Establish a Gas Policy to deal effectively with “no access” properties.",
         "Customer sign off - July 2010 (completed).", "", ""],
        ["",
         "Update procedures for colleagues and develop a toolkit to support these new "
         "procedures:\nCommunicate new procedures\n"
         "Embed new procedures through individual objectives.",
         "Develop toolkit by the end of July (completed).\n"
         "Updated procedures roll out - August 2010.", "", ""],
        ["", "Define a national strategy.\nJuly 2010 (completed).", "April & May", "", ""],
    ]
    cell = table.rows[1].cells[1]
    assert (cell.row, cell.col, cell.locator) == (2, 1, "l5/c1")
    assert cell.paragraphs[1] == "Communicate new procedures"
    assert doc.blocks[2].text == "Costs/Resources required"


# Lines from the seed conversion of the Peabody summary plan: Word's table
# dumped one cell per tab-led line, a cell's further paragraphs on lines of
# their own, blank lines inside cells, and an empty trailing cell.
PEABODY_DUMP = (
    "RECOMMENDATION 1 – STRENGTHEN CUSTOMER CARE AND APPROACH TO DIVERSITY\n"
    "\n"
    "\tWhat Peabody will do\n"
    "\tHow Peabody will do this\n"
    "\tWhat this means for residents\n"
    "\n"
    "\tii) Implement a framework for the effective management, reporting and use of "
    "customer profiling data.\n"
    "\n"
    "Framework and action plan\n"
    "in place\n"
    "\tHave a process in place for the ongoing collection and refreshment of data.\n"
    "\tServices to residents delivered fairly and equitably. \n"
    "More accurate data about customers’ needs will inform business planning.\n"
    "\n"
    "\tImplement a systematic approach to learning from complaints.\n"
    "To be done by 31 July 2010\n"
    "\n"
    "\tPeabody will carry out a comprehensive and systematic framework.\n"
    "\n"
    "· Includes arrangements for post inspection\n"
    "\tThere will be an increased level of ‘right first time’ service.\n"
    "\n"
    "\t\n"
    "\n"
    "\n"
    "Recommendation 1C:  Improve the approach to learning from feedback\n"
)


def test_one_cell_per_line_table(tmp_path):
    doc = _read(tmp_path, PEABODY_DUMP, name="plan.txt")
    assert [(b.kind, b.locator) for b in doc.blocks] == [
        (BlockKind.PARAGRAPH, "l1"), (BlockKind.TABLE, "l3"), (BlockKind.PARAGRAPH, "l26")]
    table = doc.blocks[1].table
    assert table.header == [
        "What Peabody will do", "How Peabody will do this", "What this means for residents"]
    assert [r.texts for r in table.rows] == [
        ["ii) Implement a framework for the effective management, reporting and use of "
         "customer profiling data.\nFramework and action plan\nin place",
         "Have a process in place for the ongoing collection and refreshment of data.",
         "Services to residents delivered fairly and equitably.\n"
         "More accurate data about customers’ needs will inform business planning."],
        ["Implement a systematic approach to learning from complaints.\n"
         "To be done by 31 July 2010",
         "Peabody will carry out a comprehensive and systematic framework.\n"
         "Includes arrangements for post inspection",
         "There will be an increased level of ‘right first time’ service."],
    ]
    assert [r.cells[0].locator for r in table.rows] == ["l7/c0", "l15/c0"]
    assert doc.blocks[2].text == ("Recommendation 1C: Improve the approach to learning "
                                  "from feedback")


def test_windows_1252_text_is_decoded_with_a_warning(tmp_path):
    doc = _read(tmp_path, b"Residents\x92 panel \x96 July 2010\n",
                name="old.txt")
    assert doc.blocks[0].text == "Residents’ panel – July 2010"
    assert doc.warnings == ["not valid UTF-8: decoded as Windows-1252 (cp1252)"]


def test_crlf_line_ends(tmp_path):
    doc = _read(tmp_path, b"# Plan\r\n\r\nFirst line\r\nsecond line\r\n")
    assert _summary(doc) == [(BlockKind.HEADING, 1, "Plan", "l1"),
                             (BlockKind.PARAGRAPH, None, "First line second line", "l3")]


@pytest.mark.parametrize("content, reason", [
    (b"", "file is empty"),
    (b"  \n\t\n\r\n   ", "text file is empty or holds only whitespace"),
])
def test_empty_text_is_unreadable(tmp_path, content, reason):
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    with pytest.raises(UnreadableDocument) as caught:
        read_document(path)
    assert caught.value.reason == reason
