"""DOCX backend: the real Peabody summary plan, small documents built here
for the layouts it lacks (merged and nested cells, lists, running heads),
and damaged input through the content-sniffing entry point."""
from __future__ import annotations

import random
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement

from acplans.extract.docx_reader import read_docx
from acplans.extract.model import BlockKind, UnreadableDocument
from acplans.extract.reader import read_document

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PEABODY = SAMPLES / "peabody-action-plan-summary-2010.docx"


@pytest.fixture(scope="module")
def peabody(sample_docs):
    return sample_docs[PEABODY.name]


# -- the real sample ----------------------------------------------------------

def test_peabody_is_read_as_docx_without_pages(peabody):
    assert peabody.file_type == "docx"
    assert peabody.pages == []
    assert len(peabody.sha256) == 64
    for block in peabody.blocks:
        assert block.page is None and block.bbox is None
        for row in block.table.rows if block.table else []:
            assert all(c.page is None and c.bbox is None for c in row.cells)


def test_peabody_headings_in_order(peabody):
    headings = [(b.level, b.text) for b in peabody.blocks if b.kind is BlockKind.HEADING]
    assert headings == [
        (1, "AUDIT COMMISSION SHORT NOTICE INSPECTION – PEABODY ACTION PLAN - SUMMARY"),
        (1, "RECOMMENDATION 1 – STRENGTHEN CUSTOMER CARE AND APPROACH TO DIVERSITY"),
        (1, "RECOMMENDATION 2 – STRENGTHEN VALUE FOR MONEY IN THE INSPECTED AREAS"),
        (1, "RECOMMENDATION 3 – IMPROVE OUTCOMES FOR TENANTS IN RESPONSIVE REPAIRS "
            "AND GAS SERVICING"),
    ]


def test_peabody_blocks_interleave_as_in_word(peabody):
    first = peabody.blocks[:6]
    assert [b.kind for b in first] == [
        BlockKind.HEADING, BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.TABLE,
        BlockKind.PARAGRAPH, BlockKind.TABLE]
    assert [b.locator for b in first] == ["p0", "p1", "p2", "t0", "p4", "t1"]
    assert first[2].text.startswith("Recommendation 1A:  Collect customer profile information")
    assert first[2].bold is True
    assert first[2].font_size == 9.0
    assert first[0].font_size == 14.0
    # 30 body paragraphs of which 17 have text, and 13 tables.
    assert len(peabody.blocks) == 30


def test_peabody_has_thirteen_three_column_tables(peabody):
    tables = [b.table for b in peabody.tables()]
    assert len(tables) == 13
    assert all(t.n_cols == 3 for t in tables)
    assert [len(t.rows) for t in tables] == [3, 1, 1, 1, 1, 1, 1, 1, 1, 3, 2, 1, 5]
    assert tables[0].header == [
        "What Peabody will do", "How Peabody will do this", "What this means for residents"]
    # The header is written three ways across the document, kept as written.
    assert {tuple(t.header) for t in tables} == {
        ("What Peabody will do", "How Peabody will do this", "What this means for residents"),
        ("What Peabody will do", "How Peabody will do this", "What  this means for residents"),
        ("What Peabody will do?", "How Peabody will do this?", "What this means for residents"),
    }


def test_peabody_cell_keeps_paragraph_breaks_and_locator(peabody):
    cell = peabody.tables()[0].table.rows[0].cells[0]
    assert cell.text == (
        "i) Commission and project- manage a customer profiling collection project that "
        "also includes the review and updating of staff and Board profile data.\n"
        "Customer profiling collection completed. Board and staff exercises in progress")
    assert cell.paragraphs[1] == ("Customer profiling collection completed. "
                                  "Board and staff exercises in progress")
    assert (cell.row, cell.col, cell.locator) == (1, 0, "t0/r1/c0")


def test_peabody_footer_is_furniture_not_body(peabody):
    footer = "Peabody - Audit Commission short notice inspection action plan (summary)"
    assert [(b.kind, b.text) for b in peabody.furniture] == [
        (BlockKind.RUNNING_FOOTER, footer)]
    assert all(footer not in b.text for b in peabody.blocks)


# -- documents built here ------------------------------------------------------

def _save(document, tmp_path: Path, name: str = "built.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def test_merged_cells_give_rectangular_grid_with_positions(tmp_path):
    source = docx.Document()
    table = source.add_table(rows=4, cols=3)
    for r, texts in enumerate([["Action", "Owner", "Date"],
                               ["Wide", "", "May 2010"],
                               ["a1", "b1", "Tall"],
                               ["a2", "b2", ""]]):
        for c, text in enumerate(texts):
            table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(1, 1))  # gridSpan=2
    table.cell(2, 2).merge(table.cell(3, 2))  # vMerge restart + continue
    path = _save(source, tmp_path)
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert "w:gridSpan" in xml and "w:vMerge" in xml

    grid = read_document(path).tables()[0].table
    assert grid.header == ["Action", "Owner", "Date"]
    assert [r.texts for r in grid.rows] == [
        ["Wide", "", "May 2010"],
        ["a1", "b1", "Tall"],
        ["a2", "b2", ""],
    ]
    assert [[c.col for c in r.cells] for r in grid.rows] == [[0, 1, 2]] * 3
    assert grid.rows[2].cells[2].locator == "t0/r3/c2"


def test_nested_table_text_in_outer_cell_and_own_block(tmp_path):
    source = docx.Document()
    outer = source.add_table(rows=2, cols=2)
    outer.cell(0, 0).text, outer.cell(0, 1).text = "Action", "Progress"
    outer.cell(1, 0).text = "Train staff"
    host = outer.cell(1, 1)
    host.text = "Milestones:"
    inner = host.add_table(rows=2, cols=2)
    for r, texts in enumerate([["Step", "Date"], ["Pilot", "June 2010"]]):
        for c, text in enumerate(texts):
            inner.cell(r, c).text = text
    source.add_paragraph("After the table")
    doc = read_document(_save(source, tmp_path))

    assert [(b.kind, b.locator) for b in doc.blocks] == [
        (BlockKind.TABLE, "t0"), (BlockKind.TABLE, "t0/r1/c1/t0"),
        (BlockKind.PARAGRAPH, "p0")]
    outer_cell = doc.blocks[0].table.rows[0].cells[1]
    assert outer_cell.text == "Milestones:\nStep\nDate\nPilot\nJune 2010"
    nested = doc.blocks[1].table
    assert nested.header == ["Step", "Date"]
    assert nested.rows[0].texts == ["Pilot", "June 2010"]
    assert nested.rows[0].cells[1].locator == "t0/r1/c1/t0/r1/c1"


def test_repeating_header_rows_form_the_header(tmp_path):
    source = docx.Document()
    table = source.add_table(rows=3, cols=2)
    for r, texts in enumerate([["Recommendation", "Target"], ["", "date"], ["R1", "2010"]]):
        for c, text in enumerate(texts):
            table.cell(r, c).text = text
    for row in table.rows[:2]:
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    grid = read_document(_save(source, tmp_path)).tables()[0].table
    assert grid.header == ["Recommendation", "Target\ndate"]
    assert [r.texts for r in grid.rows] == [["R1", "2010"]]


def test_headings_lists_bold_and_empty_paragraphs(tmp_path):
    source = docx.Document()
    source.add_paragraph("Action plan", style="Title")
    source.add_heading("Repairs", level=2)
    source.add_paragraph("")
    source.add_paragraph("First point", style="List Bullet")
    source.add_paragraph("Second level", style="List Bullet 2")
    source.add_paragraph("• Typed bullet")
    numbered = source.add_paragraph("Numbered directly")
    num_pr = numbered._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 1
    num_pr.get_or_add_numId().val = 1
    mixed = source.add_paragraph()
    mixed.add_run("Half ").bold = True
    mixed.add_run("bold")
    whole = source.add_paragraph()
    whole.add_run("All bold").bold = True
    whole.add_run("  ")
    doc = read_document(_save(source, tmp_path))

    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        (BlockKind.HEADING, 1, "Action plan"),
        (BlockKind.HEADING, 2, "Repairs"),
        (BlockKind.LIST_ITEM, 1, "First point"),
        (BlockKind.LIST_ITEM, 2, "Second level"),
        (BlockKind.LIST_ITEM, 1, "Typed bullet"),
        (BlockKind.LIST_ITEM, 2, "Numbered directly"),
        (BlockKind.PARAGRAPH, None, "Half bold"),
        (BlockKind.PARAGRAPH, None, "All bold"),
    ]
    # The empty paragraph is dropped but still counted in the locators.
    assert [b.locator for b in doc.blocks] == [f"p{i}" for i in (0, 1, 3, 4, 5, 6, 7, 8)]
    assert [b.bold for b in doc.blocks[-2:]] == [False, True]


def test_headers_and_footers_of_all_sections_are_furniture(tmp_path):
    source = docx.Document()
    source.sections[0].header.paragraphs[0].text = "Landlord action plan"
    source.sections[0].footer.paragraphs[0].text = "Page footer"
    source.add_paragraph("Body text")
    second = source.add_section()
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "Landlord action plan"  # same again
    second.footer.is_linked_to_previous = False
    second.footer.paragraphs[0].text = "Appendix footer"
    doc = read_document(_save(source, tmp_path))

    assert [(b.kind, b.text) for b in doc.furniture] == [
        (BlockKind.RUNNING_HEADER, "Landlord action plan"),
        (BlockKind.RUNNING_FOOTER, "Page footer"),
        (BlockKind.RUNNING_FOOTER, "Appendix footer"),
    ]
    assert [b.text for b in doc.blocks] == ["Body text"]


# -- bad input -----------------------------------------------------------------

def _reason(path: Path) -> str:
    with pytest.raises(UnreadableDocument) as caught:
        read_document(path)
    return caught.value.reason


def test_empty_file(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    assert _reason(path) == "file is empty"


def test_truncated_docx(tmp_path):
    data = PEABODY.read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    assert "truncated zip" in _reason(path)


def test_truncated_docx_read_directly_keeps_cause(tmp_path):
    data = PEABODY.read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(UnreadableDocument) as caught:
        read_docx(path, "0" * 64)
    assert "not a readable Word document" in caught.value.reason
    assert caught.value.__cause__ is not None
    assert str(caught.value.__cause__) in caught.value.reason


def test_damaged_part_inside_a_docx(tmp_path):
    path = tmp_path / "damaged.docx"
    with zipfile.ZipFile(PEABODY) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data[:500] if item.filename == "word/document.xml" else data)
    reason = _reason(path)
    assert "XMLSyntaxError" in reason


def test_zip_that_is_not_a_docx(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("notes.txt", "hello")
    assert "not a Word document" in _reason(path)


def test_random_binary_bytes(tmp_path):
    path = tmp_path / "noise.docx"
    path.write_bytes(random.Random(7).randbytes(4096))
    assert "unrecognised content" in _reason(path)


def test_pdf_named_docx_is_dispatched_to_pdf_backend(tmp_path):
    path = tmp_path / "really-a-pdf.docx"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\n")
    assert "pdf" in _reason(path).lower()


def test_docx_with_other_name_is_read_by_content(tmp_path):
    path = tmp_path / "plan.bin"
    shutil.copy(PEABODY, path)
    assert len(read_document(path).tables()) == 13
