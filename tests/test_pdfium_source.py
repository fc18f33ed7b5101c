"""The pdfium engine: text pdfminer loses on the samples, geometry on pages
the tests build (rotated, shifted boxes, form XObjects), and bad files."""
from pathlib import Path

import pytest
from pdfbuild import HELVETICA, PdfBuilder

from acplans.extract.model import UnreadableDocument
from acplans.extract.pdf.pdfium_source import PdfiumSource
from acplans.extract.pdf.plumber_source import PdfplumberSource
from acplans.extract.formats import PdfEngine, ReadOptions
from acplans.extract.reader import read_document

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
PLAN = SAMPLES / "home-group-action-plan-2010.pdf"


def words_of(source_type, path: Path, page: int) -> list[str]:
    source = source_type(path)
    try:
        return [w.text for w in source.page(page - 1).words]
    finally:
        source.close()


def test_last_pages_of_the_home_group_plan_keep_the_text_pdfminer_drops():
    # Its last two pages set the office address and the society number in a
    # font whose /Encoding is an embedded CMap: pdfminer drops those glyphs.
    page36 = words_of(PdfiumSource, PLAN, 36)
    for word in ("Gosforth", "Newcastle", "NE12", "www.homegroup.org.uk", "Mandarin", "Somali"):
        assert word in page36
    assert {"Charitable", "Society", "22981R"} <= set(words_of(PdfiumSource, PLAN, 37))
    doc = read_document(PLAN)
    texts = [b.text for b in doc.blocks if b.page in (36, 37)]
    assert "Charitable I & P Society No: 22981R" in texts
    assert any(t.startswith("Home Group 2 Gosforth Park Way") for t in texts)
    assert [p.text_layer for p in doc.pages] == ["ok"] * 37


def test_both_engines_read_the_same_words_where_pdfminer_reads_the_font():
    # Page 11 has "Support" with a taller "S": loose boxes differ per glyph.
    for page in (6, 11, 20):
        assert sorted(words_of(PdfiumSource, PLAN, page)) == sorted(words_of(PdfplumberSource, PLAN, page))


def test_the_engine_is_chosen_per_call():
    old = read_document(PLAN, ReadOptions(pdf_engine=PdfEngine.PDFPLUMBER))
    assert not any("22981R" in b.text for b in old.blocks)
    with pytest.raises(ValueError, match="ghostscript"):
        read_document(PLAN, ReadOptions(pdf_engine=PdfEngine("ghostscript")))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    b = PdfBuilder()
    font = b.add(HELVETICA)
    fonts = f"/Font << /F1 {font} 0 R >>"
    form = b.stream("72 500 200 100 re S 72 400 m 300 400 l S 10 10 m 50 50 l n",
                    "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Matrix [1 0 0 1 10 -20]")
    b.page("BT /F1 12 Tf 72 700 Td (Hello world) Tj ET /Fm1 Do 0 0 m 0 0 l 100 0 l h f",
           f"{fonts} /XObject << /Fm1 {form} 0 R >>")
    # /Rotate 90: plain text reads top to bottom; text turned a quarter
    # anticlockwise in user space reads left to right on screen.
    b.page("BT /F1 12 Tf 72 700 Td (Sideways) Tj ET BT /F1 12 Tf 0 1 -1 0 300 100 Tm (Upright) Tj ET",
           fonts, "/Rotate 90")
    b.page("BT /F1 12 Tf 172 900 Td (Shifted) Tj ET", fonts, mediabox=(100, 200, 712, 992))
    b.page("BT /F1 12 Tf 3 Tc 72 600 Td (THRESHOLD) Tj ET", fonts)  # letter-spaced by a quarter em
    b.page("BT /F1 10 Tf 2 0 0 2 72 600 Tm (Large) Tj ET", fonts)  # printed at 20 pt
    # An open three-sided path and a Bezier curve from (50, 50) to (90, 50).
    b.page("200 200 m 300 200 l 300 250 l 200 250 l S 50 50 m 60 70 80 70 90 50 c S")
    return b.save(tmp_path_factory.mktemp("pdfium") / "built.pdf")


def page_of(path: Path, number: int):
    source = PdfiumSource(path)
    try:
        return source.page(number - 1)
    finally:
        source.close()


def test_words_and_graphics_in_display_space_with_forms_composed(built):
    page = page_of(built, 1)
    hello, world = page.words
    assert (hello.text, world.text) == ("Hello", "world")
    assert hello.x0 == pytest.approx(72, abs=0.5) and hello.top < 92 < hello.bottom  # baseline 792 - 700
    assert hello.size == 12 and hello.upright and not hello.bold
    # The form's /Matrix moves its rectangle and line by (10, -20); the
    # unpainted path ('n') draws nothing.
    [rect] = page.rects
    assert (rect.x0, rect.top, rect.x1, rect.bottom) == pytest.approx((82, 212, 282, 312))
    assert rect.stroked and not rect.filled
    assert {(s.x0, s.top, s.x1, s.bottom) for s in page.segments} >= {(82, 412, 310, 412)}
    assert page.text_layer.verdict == "ok"


def test_rotated_page_is_read_as_displayed(built):
    page = page_of(built, 2)
    assert (page.width, page.height, page.rotation) == (792, 612, 90)
    words = {w.text: w for w in page.words}
    upright, sideways = words["Upright"], words["Sideways"]
    # User (300, 100) is display (100, 300) once turned a quarter clockwise.
    assert upright.upright and upright.x0 == pytest.approx(100, abs=0.5) and upright.top < 300 < upright.bottom
    assert not sideways.upright
    assert sideways.bottom - sideways.top > sideways.x1 - sideways.x0  # runs down the page
    assert sideways.top == pytest.approx(72, abs=0.5)


def test_mediabox_off_the_origin(built):
    [word] = page_of(built, 3).words
    assert word.text == "Shifted" and word.x0 == pytest.approx(72, abs=0.5) and word.top < 92 < word.bottom


def test_letter_spaced_word_stays_whole(built):
    assert [w.text for w in page_of(built, 4).words] == ["THRESHOLD"]


def test_size_is_the_printed_size_not_the_nominal_one(built):
    [word] = page_of(built, 5).words
    assert word.size == 20


@pytest.mark.parametrize("data, reason", [
    (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "corrupt or truncated PDF"),
    (b"%PDF-1.4\n" + b"garbage " * 100, "corrupt or truncated PDF"),
])
def test_bad_files_are_one_line_unreadable(tmp_path, data, reason):
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    with pytest.raises(UnreadableDocument) as err:
        read_document(path)
    assert err.value.reason.startswith(reason) and "\n" not in err.value.reason


def test_cli_engine_option_reaches_the_reader():
    from click.testing import CliRunner

    from acplans.cli import main

    runner = CliRunner()
    default = runner.invoke(main, ["inspect", "--width", "200", str(PLAN)])
    old = runner.invoke(main, ["inspect", "--width", "200", "--pdf-engine", "pdfplumber", str(PLAN)])
    assert default.exit_code == old.exit_code == 0
    assert "Charitable I & P Society No: 22981R" in default.output
    assert "22981R" not in old.output


def test_open_paths_are_not_rectangles_and_curves_join_their_ends(built):
    page = page_of(built, 6)
    assert page.rects == []
    sides = {(s.x0, s.top, s.x1, s.bottom) for s in page.segments}
    assert sides == {(200, 592, 300, 592), (300, 542, 300, 592), (200, 542, 300, 542), (50, 742, 90, 742)}


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_a_page_whose_rotate_turns_its_text_is_read_the_right_way_up(tmp_path, rotate):
    b = PdfBuilder()
    font = b.add(HELVETICA)
    lines = "".join(f"BT /F1 11 Tf 72 {760 - 16 * i} Td (Line {i} of the landlord's plain prose) Tj ET\n"
                    for i in range(20))
    b.page(lines, f"/Font << /F1 {font} 0 R >>", extra=f"/Rotate {rotate}")
    doc = read_document(b.save(tmp_path / f"rotate-{rotate}.pdf"))
    texts = [block.text for block in doc.blocks]
    assert texts[0].startswith("Line 0 of the landlord's plain prose")
    assert (doc.pages[0].width, doc.pages[0].height) == (612, 792)


def test_text_objects_found_by_galloping_are_those_asked_per_character():
    # Galloping assumes a text object's characters come one after another;
    # on every sample page it must agree with asking pdfium for each.
    import ctypes
    from itertools import repeat

    import numpy as np
    import pypdfium2 as pdfium

    from acplans.extract.pdf.pdfium_source import _text_object, page_text, text_objects

    galloped = 0
    for path in sorted(SAMPLES.glob("*.pdf")):
        pdf = pdfium.PdfDocument(path)
        for number, page in enumerate(pdf, start=1):
            textpage = page.get_textpage()
            handle, n = ctypes.cast(textpage.raw, ctypes.c_void_p).value, textpage.count_chars()
            each = np.fromiter(map(_text_object, repeat(handle, n), range(n)), dtype=np.uint64, count=n)
            objects = len(set(each.tolist()) - {0})
            assert text_objects(handle, page_text(handle, n), objects).tolist() == each.tolist(), \
                f"{path.name} page {number}"
            galloped += n >= 8 * max(objects, 1)
        pdf.close()
    assert galloped > 50  # most sample pages are read by galloping, so the test covers it
