"""Scanned pages: a sample PDF turned into an image-only scan in the test
reads as well as its text layer; blank pages and photos are said to hold no
text; a text PDF is never OCR'd."""
import builtins
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from acplans.extract.dispatch import extract_document
from acplans.extract.model import UnreadableDocument
from acplans.extract.pdf.image_rules import image_rules
from acplans.extract.formats import OcrMode, ReadOptions
from acplans.extract.pdf.ocr_source import INSTALL_HINT
from acplans.extract.reader import read_document
from acplans.inspect_view import summarise
from acplans.normalize.build import normalise_extraction
from acplans import pipeline
from acplans.pipeline import run
from conftest import read_once
from goldtext import similar
from scans import scan_pdf

ROOT = Path(__file__).resolve().parents[1]
PEABODY_PDF = ROOT / "samples" / "peabody-action-plan-summary-2010.pdf"
GOLD = json.loads((ROOT / "samples" / "gold" / "peabody-2010.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scanned_peabody(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("scan")
    return scan_pdf(PEABODY_PDF, folder / "peabody-scan.pdf", dpi=170)


@pytest.fixture(scope="module")
def scanned_doc(scanned_peabody):
    return read_once(scanned_peabody)


@pytest.fixture(scope="module")
def scanned_run(scanned_peabody, tmp_path_factory):
    # The run reads the scan through read_once: OCR'ing six pages twice would
    # double the module's time for nothing.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "read_document", read_once)
        return run([scanned_peabody], tmp_path_factory.mktemp("scan-out")).tables


def f1(found: list[tuple[str, str]], gold: list[tuple[str, str]]) -> float:
    """Items pair when their refs agree and their texts match as the scorer's do."""
    unmatched = list(gold)
    hits = 0
    for ref, text in found:
        for candidate in unmatched:
            if candidate[0] == ref and similar(candidate[1], text) >= 0.85:
                unmatched.remove(candidate)
                hits += 1
                break
    return 2 * hits / (len(found) + len(gold)) if found or gold else 1.0


def image_pdf(path: Path, image: Image.Image, dpi: int = 150) -> Path:
    image.save(path, "PDF", resolution=dpi)
    return path


def test_scanned_plan_gives_the_recommendations_responses_and_actions_of_its_text_layer(scanned_run):
    tables = scanned_run
    assert f1([(r.ref, r.text) for r in tables.recommendations],
              [(g["ref"], g["text"]) for g in GOLD["recommendations"]]) >= 0.95
    assert f1([(r.ref, r.text) for r in tables.responses],
              [(g["ref"], g["text"]) for g in GOLD["responses"]]) >= 0.95
    assert f1([(a.ref, a.text) for a in tables.actions],
              [(g["ref"], g["text"]) for g in GOLD["actions"]]) >= 0.95


def test_scanned_plan_owners_and_dates_are_right(scanned_run):
    tables = scanned_run
    owners = sorted((r.ref, r.owner_name or "") for r in tables.responses)
    assert owners == sorted((g["ref"], g["owner_name"] or "") for g in GOLD["responses"])
    dates = sorted((a.ref, str(a.due_date or "")) for a in tables.actions)
    assert dates == sorted((g["ref"], g["due_date"] or "") for g in GOLD["actions"])


def test_scanned_pages_carry_ocr_and_confidence(scanned_doc):
    doc = scanned_doc
    assert all(page.ocr for page in doc.pages)
    assert all(80 <= page.ocr_confidence <= 100 for page in doc.pages)
    paragraphs = [b for b in doc.blocks if b.text and not b.table]
    assert paragraphs and all(b.confidence is not None for b in paragraphs)
    assert "read by OCR: pages 1, 2, 3, 4, 5, 6, mean confidence" in summarise(doc)


def test_ocr_never_leaves_a_scan_unread_and_says_so(scanned_peabody):
    doc = read_document(scanned_peabody, ReadOptions(ocr=OcrMode.NEVER))
    assert not doc.blocks
    assert not any(page.ocr for page in doc.pages)
    assert doc.warnings


def test_a_text_pdf_is_not_ocrd(tmp_path):
    doc = read_document(PEABODY_PDF)
    assert not any(page.ocr for page in doc.pages)
    assert all(b.confidence is None for b in doc.blocks)


def test_blank_scanned_page_is_said_to_hold_no_text(tmp_path):
    path = image_pdf(tmp_path / "blank.pdf", Image.new("L", (1240, 1754), 250))
    doc = read_document(path)
    assert doc.pages[0].ocr
    assert doc.blocks == []
    assert any("no text found" in w for w in doc.warnings)


def test_photo_without_text_gives_no_words(tmp_path):
    rng = np.random.default_rng(3)
    # A smooth picture (sky to ground) with grain: no glyph-like shapes.
    gradient = np.linspace(60, 220, 1200, dtype=np.float32)[:, None].repeat(900, axis=1)
    photo = np.clip(gradient + rng.normal(0, 18, gradient.shape), 0, 255).astype(np.uint8)
    doc = read_document(image_pdf(tmp_path / "photo.pdf", Image.fromarray(photo, "L")))
    assert doc.pages[0].ocr
    assert len(" ".join(b.text for b in doc.blocks).split()) <= 2


def test_missing_ocr_packages_give_one_clear_error(tmp_path, monkeypatch):
    path = image_pdf(tmp_path / "scan.pdf", Image.new("L", (600, 800), 255))
    real_import = builtins.__import__

    def no_tesserocr(name, *args, **kwargs):
        if name == "tesserocr":
            raise ImportError("No module named 'tesserocr'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_tesserocr)
    with pytest.raises(UnreadableDocument) as error:
        read_document(path)
    assert error.value.reason == INSTALL_HINT


def test_image_rules_find_a_drawn_grid_in_points():
    dpi = 200
    image = Image.new("L", (1000, 600), 255)
    draw = ImageDraw.Draw(image)
    for y in (100, 250, 400):
        draw.line([(100, y), (900, y)], fill=0, width=3)
    for x in (100, 500, 900):
        draw.line([(x, 100), (x, 400)], fill=0, width=3)
    draw.text((200, 150), "Text in a cell", fill=0)
    segments, _ = image_rules(np.asarray(image), dpi)
    in_pixels = dpi / 72
    horizontal = sorted(s.top * in_pixels for s in segments if s.orientation == "h")
    vertical = sorted(s.x0 * in_pixels for s in segments if s.orientation == "v")
    assert horizontal == pytest.approx([100, 250, 400], abs=1.5)
    assert vertical == pytest.approx([100, 500, 900], abs=1.5)


def test_image_rules_read_a_dark_band_as_a_filled_rect():
    image = Image.new("L", (800, 400), 255)
    ImageDraw.Draw(image).rectangle([(50, 100), (750, 160)], fill=40)
    segments, rects = image_rules(np.asarray(image), 144)
    assert len(rects) == 1 and not segments
    assert (rects[0].x0, rects[0].top, rects[0].bottom) == pytest.approx((25, 50, 80), abs=1)


def test_documents_row_counts_the_ocrd_pages_and_their_confidence(scanned_run):
    [document] = scanned_run.documents
    assert document.ocr_pages == 6
    assert 80 <= document.ocr_confidence <= 100
    assert not any("OCR" in reason for reason in document.review_reasons)


def test_a_doubtful_scan_is_sent_for_review(scanned_doc):
    [extraction] = extract_document(scanned_doc)
    extraction.ocr_confidence = 55.0
    reasons = normalise_extraction(extraction).document.review_reasons
    assert "6 pages read by OCR with a mean confidence of 55%: check the text against the scan" in reasons
