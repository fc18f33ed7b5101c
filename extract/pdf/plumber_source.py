"""The pdfplumber (pdfminer) engine behind the ``PageSource`` protocol."""
from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from ..model import UnreadableDocument
from .geometry import GARBAGE_CODES, ImageBox, PageContent, Rect, Segment, TextLayerStats, Word, font_style


class PdfplumberSource:
    def __init__(self, path: Path):
        self.path = path
        try:
            self._pdf = pdfplumber.open(path)
            self._pages = self._pdf.pages
        except Exception as exc:
            raise as_unreadable(path, exc) from exc

    def __len__(self) -> int:
        return len(self._pages)

    def page(self, index: int) -> PageContent:
        page = self._pages[index]
        try:
            return page_content(page, index + 1)
        except Exception as exc:
            raise as_unreadable(self.path, exc) from exc
        finally:
            page.close()

    def close(self) -> None:
        self._pdf.close()


def page_content(page, number: int) -> PageContent:
    return PageContent(
        number=number, width=float(page.width), height=float(page.height),
        rotation=int(page.rotation or 0) % 360,
        words=page_words(page),
        segments=[Segment(ln["x0"], ln["top"], ln["x1"], ln["bottom"]) for ln in page.lines]
        + [Segment(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
           for curve in page.curves for a, b in zip(curve["pts"], curve["pts"][1:])],
        rects=[Rect(r["x0"], r["top"], r["x1"], r["bottom"], bool(r.get("fill")), bool(r.get("stroke")))
               for r in page.rects],
        images=[ImageBox(i["x0"], i["top"], i["x1"], i["bottom"]) for i in page.images],
        text_layer=text_layer(page.chars),
    )


def text_layer(chars: list[dict]) -> TextLayerStats:
    """pdfminer writes a glyph it cannot map as "(cid:N)". It cannot count
    the glyphs of fonts it drops altogether (an embedded CMap /Encoding):
    only pdfium's count sees those."""
    unmapped = sum(1 for c in chars if c["text"].startswith("(cid:") or not c["text"]
                   or ord(c["text"][0]) in GARBAGE_CODES)
    return TextLayerStats(len(chars), len(chars) - unmapped, unmapped)


def page_words(page) -> list[Word]:
    raw = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False,
                             x_tolerance=1.5, y_tolerance=2)
    return [Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], float(w["size"]),
                 *font_style(w["fontname"]), w["fontname"], bool(w.get("upright", True)))
            for w in raw]


def as_unreadable(path: Path, exc: Exception) -> Exception:
    """pdfminer's complaints about the file become ``UnreadableDocument``;
    anything else is a bug and stays itself. pdfplumber wraps pdfminer's
    errors, so the cause is looked at too."""
    if isinstance(exc, UnreadableDocument):
        return exc
    cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return UnreadableDocument(path, "PDF is encrypted and needs a password")
    module = type(cause).__module__
    if isinstance(cause, PDFSyntaxError) or module.startswith(("pdfminer", "pdfplumber")) \
            or isinstance(exc, PdfminerException):
        detail = str(cause).strip() or type(cause).__name__
        return UnreadableDocument(path, f"corrupt or truncated PDF ({detail})")
    return exc
