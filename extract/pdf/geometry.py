"""What a PDF engine hands the layout analysis: one ``PageContent`` per page.

Every engine (pdfium by default, pdfplumber on request, OCR to come) reduces
a page to words, ruling segments, rectangles and images, all in
points with the origin at the top-left of the page as displayed (after any
``/Rotate``), so layout analysis never knows which engine read the page.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


def font_style(font_name: str) -> tuple[bool, bool]:
    """Bold and italic from the font's name: engines' weight flags are
    unreliable (pdfium reports 400 for bold fonts too)."""
    lowered = font_name.lower()
    return (any(w in lowered for w in ("bold", "black", "heavy")),
            "italic" in lowered or "oblique" in lowered)


@dataclass(slots=True)
class Word:
    """A run of glyphs with no gap wider than the engine's word rule."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the printed size in points, not the nominal Tf size
    bold: bool
    italic: bool
    font: str
    upright: bool = True  # False for text turned 90 degrees on the page
    # How turned text reads, when the engine knows: "cw" downwards, "ccw"
    # upwards; its ``text`` is then in reading order.
    turn: str | None = None
    confidence: float | None = None  # 0-100 for OCR'd words; None when read from a text layer


@dataclass(frozen=True, slots=True)
class Segment:
    """A straight stroked segment: ruling lines, and the sides of paths."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def orientation(self) -> str | None:
        if abs(self.top - self.bottom) < 0.01:
            return "h"
        if abs(self.x0 - self.x1) < 0.01:
            return "v"
        return None


@dataclass(frozen=True, slots=True)
class Rect:
    """A painted rectangle: a cell border, a filled band, or a zero-width rule."""

    x0: float
    top: float
    x1: float
    bottom: float
    filled: bool = False
    stroked: bool = True


@dataclass(frozen=True, slots=True)
class ImageBox:
    x0: float
    top: float
    x1: float
    bottom: float


# Code points no real text is made of: what an unmapped or junk font decodes
# to (control codes, the private use area, the replacement character).
GARBAGE_CODES = frozenset([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F, *range(0xE000, 0xF900), 0xFFFD])

# Above this share of glyphs without a real Unicode mapping, a page's text
# layer is taken as unreadable: a few odd symbols are normal, a fifth is not.
MAX_UNMAPPED_SHARE = 0.2


@dataclass
class TextLayerStats:
    """What the loss guard compares: glyphs the page draws against the
    characters the engine could decode to Unicode."""

    glyphs_drawn: int = 0
    chars_decoded: int = 0
    chars_unmapped: int = 0

    @property
    def verdict(self) -> str:
        """"none" for a page that draws no text (a scan), "unreadable" when
        the text it draws does not decode to real characters, else "ok"."""
        if self.glyphs_drawn == 0:
            return "none"
        if self.chars_decoded < self.glyphs_drawn * (1 - MAX_UNMAPPED_SHARE):
            return "unreadable"
        return "ok"


@dataclass
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    rotation: int = 0  # the page's /Rotate, already applied to every box
    words: list[Word] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    rects: list[Rect] = field(default_factory=list)
    images: list[ImageBox] = field(default_factory=list)
    text_layer: TextLayerStats = field(default_factory=TextLayerStats)
    ocr: bool = False  # the words were read from the rendered page, not its text layer


class PageSource(Protocol):
    """A PDF opened by one engine. ``page`` reads one page fully and lets the
    engine free it, so memory stays flat on long files."""

    def __len__(self) -> int: ...

    def page(self, index: int) -> PageContent: ...

    def close(self) -> None: ...
