"""The PDF reading layer on the real samples, and bad PDFs made by the tests."""
from pathlib import Path

import pytest

from acplans.extract.model import BlockKind, UnreadableDocument
from acplans.extract.pdf.geometry import Word
from acplans.extract.pdf.reader import body_lines
from acplans.extract.pdf.tables import upright_lines
from acplans.extract.reader import read_document

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def plan(sample_docs):
    return sample_docs["home-group-action-plan-2010.pdf"]


@pytest.fixture(scope="module")
def pack(sample_docs):
    return sample_docs["home-group-housing-panel-pack-2010.pdf"]


def entry_table(doc, ref_line: str):
    """The first table after the block that starts with ``ref_line``."""
    start = next(i for i, b in enumerate(doc.blocks) if b.text.startswith(ref_line))
    return next(b for b in doc.blocks[start:] if b.kind is BlockKind.TABLE)


def test_r2_4_table_is_one_table_over_its_page_break(plan):
    block = entry_table(plan, "R2.4 Monitor and improve call handling performance")
    table = block.table
    assert table.pages == [6, 7]
    assert table.header[:3] == ["Key outcomes for customers", "Key actions", "By"]
    assert len(table.header) == 6 and table.header[5] == ""  # the unlabelled sixth column survives
    # The header row repeated at the top of page 7 is not a body row.
    assert not any(r.cells[0].text == "Key outcomes for customers" for r in table.rows)
    last = table.rows[-1]
    assert last.page == 7
    assert last.cells[0].text.startswith("Introduce new skills in to the organisation")
    assert last.cells[1].text == ""  # empty cells keep their column position
    assert last.cells[2].text == "Telephony training module delivered in August 2010."


def test_no_body_block_contains_the_footer(plan):
    footer = "Home Group | Short Notice Inspection Action Plan"
    assert sum(1 for b in plan.furniture if footer in b.text) == 37
    for block in plan.blocks:
        assert footer not in block.text
        if block.table:
            assert all(footer not in c.text for r in block.table.rows for c in r.cells)


def test_pull_quotes_are_asides_and_do_not_split_the_entry_heading(plan):
    page10 = [b for b in plan.blocks if b.page == 10]
    asides = [b for b in page10 if b.kind is BlockKind.ASIDE]
    assert asides[0].text.startswith("your office when I call.")
    heading = next(b for b in page10 if b.text.startswith("R2 AUDIT COMMISSION RECOMMENDATION:"))
    assert "tradesman" not in heading.text


def test_running_heads_of_the_pack_never_enter_a_paragraph(pack):
    heads = {b.text for b in pack.furniture if b.kind is BlockKind.RUNNING_HEADER}
    assert "How good is the service?" in heads
    for block in pack.blocks:
        if block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            assert "How good is the service?" not in block.text
            assert "Short notice inspection report" not in block.text


def test_the_section_heading_is_kept_while_its_running_head_is_dropped(pack):
    page9 = [b for b in pack.blocks if b.page == 9]
    assert page9[0].kind is BlockKind.HEADING and page9[0].text == "How good is the service?"


def test_footnote_marks_are_removed_and_footnotes_kept_apart(pack):
    item = next(b for b in pack.blocks if b.text.startswith("Out of 57 offices used by tenants"))
    assert "Discrimination Act . Some offices" in item.text or "Discrimination Act. Some offices" in item.text
    assert " iv " not in item.text
    footnotes = [b for b in pack.blocks if b.kind is BlockKind.FOOTNOTE]
    assert any(b.text.startswith("The Disability Discrimination Acts (DDA) 1995 and 2005") for b in footnotes)


def test_peabody_docx_and_pdf_give_the_same_tables(sample_docs):
    docx = sample_docs["peabody-action-plan-summary-2010.docx"]
    pdf = sample_docs["peabody-action-plan-summary-2010.pdf"]
    docx_tables = [b.table for b in docx.tables()]
    pdf_tables = [b.table for b in pdf.tables()]
    assert len(docx_tables) == len(pdf_tables) == 13
    assert all(t.n_cols == 3 for t in docx_tables + pdf_tables)
    norm = lambda cells: [" ".join(c.split()) for c in cells]  # noqa: E731
    assert [norm(t.header) for t in pdf_tables] == [norm(t.header) for t in docx_tables]
    assert [len(t.rows) for t in pdf_tables] == [len(t.rows) for t in docx_tables]


def test_a_row_cut_by_the_page_break_is_joined(sample_docs):
    pdf = sample_docs["peabody-action-plan-summary-2010.pdf"]
    table = pdf.tables()[-1].table
    assert table.pages == [5, 6]
    assert len(table.rows) == 5
    assert "This has been completed" in table.rows[0].cells[0].text


def test_pages_carry_size_orientation_and_boxes_have_a_top_left_origin(plan):
    page = plan.pages[0]
    assert (round(page.width), round(page.height), page.orientation) == (842, 595, "landscape")
    block = plan.blocks[0]
    assert 0 <= block.bbox.top < block.bbox.bottom <= page.height


def minimal_encrypted_pdf() -> bytes:
    """A one-page PDF locked with a user password nobody knows."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
            b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s><%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objs) + 1, b"ab" * 16, b"ab" * 16, xref))
    return bytes(out)


@pytest.mark.parametrize("content, reason", [
    (b"", "file is empty"),
    (b"%PDF-1.4\n garbage", "corrupt or truncated PDF"),
    (minimal_encrypted_pdf(), "PDF is encrypted and needs a password"),
])
def test_bad_pdfs_raise_one_typed_error(tmp_path, content, reason):
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    with pytest.raises(UnreadableDocument) as caught:
        read_document(path)
    assert reason in caught.value.reason and str(path) in str(caught.value)


def test_truncated_sample_is_refused(tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes((SAMPLES / "home-group-inspection-report-2010.pdf").read_bytes()[:5000])
    with pytest.raises(UnreadableDocument, match="corrupt or truncated PDF"):
        read_document(path)


def test_a_line_starting_left_of_a_bullet_ends_the_list_item(tmp_path):
    # The paragraph after a bulleted point follows at the same leading, but
    # it starts at the margin, left of the bullet: it is not the point's
    # wrapped text (its indent is the bullet's text edge).
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "bullet.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", 11)
    lines = [(72, 700, "The council should improve the repairs service by:"),
             (90, 686, "\u2022"), (102, 686, "introducing an appointments system for all"),
             (102, 672, "repairs, day and evening;"),
             (72, 658, "The expected benefits of this recommendation are fewer missed visits."),
             (72, 644, "Tenants will also know when to expect the operative.")]
    for x, y, text in lines:
        canvas.drawString(x, y, text)
    canvas.save()
    blocks = [(b.kind, b.text) for b in read_document(path).blocks]
    assert blocks == [
        (BlockKind.PARAGRAPH, "The council should improve the repairs service by:"),
        (BlockKind.LIST_ITEM, "introducing an appointments system for all repairs, day and evening;"),
        (BlockKind.PARAGRAPH, "The expected benefits of this recommendation are fewer missed visits. "
                              "Tenants will also know when to expect the operative.")]


def test_the_table_finders_lines_are_the_body_lines_only_for_the_same_words():
    """A page's upright words are grouped once for the table finders; the
    running text reuses those lines only when it is that very list: with a
    word taken by a table, or a turned word, it is grouped afresh."""
    def word(text, x0, top, upright=True):
        return Word(text, x0, x0 + 20, top, top + 10, 10, False, False, "F", upright=upright)
    words = [word("one", 50, 100), word("two", 75, 100), word("three", 50, 120)]
    lines = upright_lines(words)
    assert body_lines(words, words, lines) is lines
    body = body_lines(words, words[1:], lines)
    assert [line.text for line in body] == ["two", "three"]
    with_turned = [*words, word("up", 300, 100, upright=False)]
    body = body_lines(with_turned, with_turned, upright_lines(with_turned))
    assert [line.text for line in body] == ["one two up", "three"]
