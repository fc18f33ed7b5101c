"""What a PDF engine hands the layout analysis: one ``PageContent`` per page.

Every engine (pdfplumber today; pdfium and OCR behind the same protocol)
reduces a page to words, ruling segments, rectangles and images, all in
points with the origin at the top-left of the page as displayed (after any
``/Rotate``), so layout analysis never knows which engine read the page.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


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


@dataclass
class TextLayerStats:
    """What the loss guard compares: glyphs the page draws against the
    characters the engine could decode to Unicode."""

    glyphs_drawn: int = 0
    chars_decoded: int = 0
    chars_unmapped: int = 0


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

    @property
    def text_layer_unreadable(self) -> bool:
        """The page draws text whose characters mostly do not decode."""
        stats = self.text_layer
        return stats.glyphs_drawn > 0 and stats.chars_decoded - stats.chars_unmapped < stats.glyphs_drawn / 2


class PageSource(Protocol):
    """A PDF opened by one engine. ``page`` reads one page fully and lets the
    engine free it, so memory stays flat on long files."""

    def __len__(self) -> int: ...

    def page(self, index: int) -> PageContent: ...

    def close(self) -> None: ...
