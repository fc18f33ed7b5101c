"""The loss guard: a page that draws text which does not decode, or draws
no text at all, is marked and never passes silently."""
from pathlib import Path

import pytest
from pdfbuild import HELVETICA, PdfBuilder

from acplans.extract.pdf.geometry import TextLayerStats
from acplans.extract.formats import OcrMode, PdfEngine, ReadOptions
from acplans.extract.reader import read_document
from acplans.pipeline import process_file

NO_OCR = ReadOptions(ocr=OcrMode.NEVER)
BODY = "BT /{font} 12 Tf 72 700 Td (ABCDE EDCBA ABCDE DEBAC) Tj ET"
# Glyph names no Unicode table knows and no ToUnicode map: the codes decode to nothing.
NO_UNICODE_FONT = ("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
                   "/Differences [65 /g1 /g2 /g3 /g4 /g5] >> >>")
# A ToUnicode map into the private use area: "decoded", but to nothing readable.
PRIVATE_USE_CMAP = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Junk def "
                    "1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <41> <45> <E000> "
                    "endbfrange endcmap CMapName currentdict /CMap defineresource pop end end")


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    """Page 1 fine, page 2 a font without Unicode, page 3 private-use
    garbage, page 4 an image only (a scan)."""
    b = PdfBuilder()
    good = b.add(HELVETICA)
    b.page("BT /F1 12 Tf 72 700 Td (Plain readable text on the first page) Tj ET", f"/Font << /F1 {good} 0 R >>")
    bad = b.add(NO_UNICODE_FONT)
    b.page(BODY.format(font="F2"), f"/Font << /F2 {bad} 0 R >>")
    cmap = b.stream(PRIVATE_USE_CMAP)
    junk = b.add(f"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode {cmap} 0 R >>")
    b.page(BODY.format(font="F3"), f"/Font << /F3 {junk} 0 R >>")
    image = b.stream(b"\x80", "/Type /XObject /Subtype /Image /Width 1 /Height 1 "
                              "/ColorSpace /DeviceGray /BitsPerComponent 8")
    b.page("q 500 0 0 700 50 50 cm /Im1 Do Q", f"/XObject << /Im1 {image} 0 R >>")
    return b.save(tmp_path_factory.mktemp("guard") / "mixed.pdf")


def test_pages_the_text_layer_fails_are_read_by_ocr(mixed):
    doc = read_document(mixed)
    assert [p.ocr for p in doc.pages] == [False, True, True, True]
    assert [p.text_layer for p in doc.pages] == ["ok", "unreadable", "unreadable", "none"]
    assert not any("needs OCR" in w for w in doc.warnings)


def test_each_page_gets_its_text_layer_verdict(mixed):
    doc = read_document(mixed)
    assert [p.text_layer for p in doc.pages] == ["ok", "unreadable", "unreadable", "none"]


def test_the_warnings_name_the_pages_left_unread(mixed):
    warnings = read_document(mixed, NO_OCR).warnings
    assert any(w.startswith("text layer unreadable on pages 2, 3") for w in warnings)
    assert any(w.startswith("no text layer on page 4") and "OCR" in w for w in warnings)


def test_an_unreadable_page_sends_the_document_to_review(mixed):
    result = process_file(mixed, NO_OCR)
    assert result.status == "ok"
    row = result.documents[0].document
    assert row.needs_review
    assert "text layer unreadable (needs OCR) on page 2, 3" in row.review_reasons


def test_the_samples_pass_the_guard():
    doc = read_document(Path(__file__).resolve().parents[1] / "samples" / "home-group-inspection-report-2010.pdf")
    assert {p.text_layer for p in doc.pages} == {"ok"} and not doc.warnings


@pytest.mark.parametrize("stats, verdict", [
    (TextLayerStats(0, 0, 0), "none"),
    (TextLayerStats(100, 100, 0), "ok"),
    (TextLayerStats(100, 85, 15), "ok"),  # a few symbols without a map are normal
    (TextLayerStats(100, 70, 30), "unreadable"),
    (TextLayerStats(12, 0, 0), "unreadable"),  # text objects that decoded to nothing
])
def test_verdict_thresholds(stats, verdict):
    assert stats.verdict == verdict


def test_the_old_engine_guards_what_it_can_see(mixed):
    # pdfminer reads the unmapped font's raw codes as letters ("ABCDE"), so
    # only pdfium catches page 2; junk Unicode is caught by both.
    doc = read_document(mixed, ReadOptions(pdf_engine=PdfEngine.PDFPLUMBER))
    assert [p.text_layer for p in doc.pages] == ["ok", "ok", "unreadable", "none"]
