"""The pdfium engine (pypdfium2) behind the ``PageSource`` protocol: the default.

Why pdfium: pdfminer silently drops every glyph of a font whose /Encoding is
an embedded CMap stream, and pdfium reads those; it is also an order of
magnitude faster. Text comes from pdfium's text page, graphics from walking
the page objects. Everything is mapped into the displayed page (CropBox
offset removed, /Rotate applied), origin top-left, y down.

Speed: a ctypes call per character dominates, so the character loop makes
two calls (loose box, text object) into preallocated memory, through private
prototypes that return plain ints (``pdfium_objects.prototype``). Font, size
and direction are looked up once per text object, by the walk over the page
objects (``pdfium_objects``).
"""
from __future__ import annotations

import ctypes
import re
from collections import deque
from itertools import repeat
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..model import UnreadableDocument
from .geometry import GARBAGE_CODES, PageContent, TextLayerStats
from .pdfium_objects import INT, VP, Matrix, compose, object_matrix, prototype, text_object_info, walk_objects
from .words import SPACE, Glyphs, glyphs_to_words

_loose_box = prototype("FPDFText_GetLooseCharBox", INT, VP, INT, VP)
# size_t, not void*: NULL (a generated character) comes back as 0, not None.
_text_object = prototype("FPDFText_GetTextObject", ctypes.c_size_t, VP, INT)
_map_error = prototype("FPDFText_HasUnicodeMapError", INT, VP, INT)
# One flag per code point: indexing it is far cheaper than np.isin per page.
_IS_GARBAGE = np.zeros(0x110000, dtype=bool)
_IS_GARBAGE[sorted(GARBAGE_CODES)] = True
# Below this many characters per text object on a page, galloping over
# runs costs more calls than asking once per character.
_GALLOP_MIN_CHARS_PER_OBJECT = 8
# Every blank real text uses is one space to the word rule; control codes
# Python also calls blank are left alone, as the garbage they are.
_BLANKS_RE = re.compile(r"[^\S\x0b\x0c\x1c-\x1f]")


def display_matrix(crop: tuple[float, float, float, float], rotation: int) -> Matrix:
    """User space -> the page as displayed: CropBox corner to the origin, y
    down, then turned clockwise by /Rotate."""
    x0, y0, x1, y1 = crop
    return {0: (1, 0, 0, -1, -x0, y1), 90: (0, 1, 1, 0, -y0, -x0),
            180: (-1, 0, 0, 1, x1, -y0), 270: (0, -1, -1, 0, y1, x1)}[rotation]

class PdfiumSource:
    def __init__(self, path: Path):
        self.path = path
        try:
            self._pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            raise as_unreadable(path, exc) from exc

    def __len__(self) -> int:
        return len(self._pdf)

    def page(self, index: int) -> PageContent:
        try:
            page = self._pdf[index]
            try:
                return page_content(page, index + 1)
            finally:
                page.close()
        except pdfium.PdfiumError as exc:
            raise as_unreadable(self.path, exc) from exc

    def close(self) -> None:
        self._pdf.close()
        _return_freed_heap()


def _return_freed_heap() -> None:
    """Hand the heap pdfium freed back to the system. pdfium allocates with
    malloc, and glibc keeps what it frees for later mallocs, but Python puts
    its objects in separately mapped arenas, so after a long PDF some 15-20
    MiB would stay resident, unused, for the rest of the run or worker."""
    if _LIBC_MALLOC_TRIM is not None:
        _LIBC_MALLOC_TRIM(0)


def _malloc_trim():
    try:
        return ctypes.CDLL(None).malloc_trim  # glibc only; elsewhere nothing is kept this way
    except (OSError, AttributeError):
        return None


_LIBC_MALLOC_TRIM = _malloc_trim()


def as_unreadable(path: Path, exc: pdfium.PdfiumError) -> UnreadableDocument:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "password" in detail.lower() or "security" in detail.lower():
        return UnreadableDocument(path, "PDF is encrypted and needs a password")
    return UnreadableDocument(path, f"corrupt or truncated PDF ({detail})")


# Share of a page's characters that must run one other way before the page
# is read in their frame rather than as displayed.
TURNED_PAGE_SHARE = 0.6
# Turn (clockwise, added to /Rotate) that sets text of each reading direction upright.
_SETS_UPRIGHT = {"cw": 270, "ccw": 90, "upside_down": 180}


def page_content(page: pdfium.PdfPage, number: int) -> PageContent:
    """The page in the frame its text reads in: as displayed, unless most of
    its text runs another way (a page whose /Rotate turns its text sideways or
    upside down), then turned so that text reads left to right."""
    rotation = page.get_rotation() % 360
    content = read_in_frame(page, number, rotation)
    if (way := dominant_direction(content.words)) in _SETS_UPRIGHT:
        content = read_in_frame(page, number, (rotation + _SETS_UPRIGHT[way]) % 360)
    return content


def dominant_direction(words: list) -> str | None:
    """"cw", "ccw" or "upside_down" when that many of the page's characters
    run that way, else None."""
    counts: dict[str, int] = {}
    for w in words:
        way = "upright" if w.upright else w.turn or "upside_down"
        counts[way] = counts.get(way, 0) + len(w.text)
    total = sum(counts.values())
    if not total:
        return None
    way, most = max(counts.items(), key=lambda kv: kv[1])
    return way if way != "upright" and most >= TURNED_PAGE_SHARE * total else None


def read_in_frame(page: pdfium.PdfPage, number: int, rotation: int) -> PageContent:
    """Everything on the page with the page turned clockwise by ``rotation``."""
    crop = page.get_cropbox()
    to_display = display_matrix(crop, rotation)
    width, height = crop[2] - crop[0], crop[3] - crop[1]
    if rotation in (90, 270):
        width, height = height, width
    content = PageContent(number=number, width=width, height=height, rotation=rotation)
    fonts: dict[int, tuple] = {}
    walk_objects(ctypes.cast(page.raw, VP).value, to_display, content, fonts, form=None)
    textpage = page.get_textpage()
    try:
        glyphs, content.text_layer = read_glyphs(ctypes.cast(textpage.raw, VP).value, to_display, fonts)
    finally:
        textpage.close()
    content.words = glyphs_to_words(glyphs) if glyphs is not None else []
    return content

def read_glyphs(textpage: int, m: Matrix, fonts: dict) -> tuple[Glyphs | None, TextLayerStats]:
    """Every glyph pdfium decoded, in display space, with the loss guard's
    counts. pdfium's generated spaces and line breaks (no text object) are
    dropped: the word rule decides gaps itself."""
    n = pdfium_c.FPDFText_CountChars(ctypes.cast(textpage, pdfium_c.FPDF_TEXTPAGE))
    stats = TextLayerStats()
    if n <= 0:
        stats.glyphs_drawn = len(fonts)  # text objects pdfium decoded to nothing
        return None, stats
    text = page_text(textpage, n)
    objects = text_objects(textpage, text, len(fonts))
    boxes = (ctypes.c_float * (4 * n))()
    base = ctypes.addressof(boxes)
    deque(map(_loose_box, repeat(textpage, n), range(n), range(base, base + 16 * n, 16)), maxlen=0)
    drawn = np.flatnonzero(objects)
    if not len(drawn):
        stats.glyphs_drawn = len(fonts)
        return None, stats
    # Glyphs come in runs, one per text object: each run gets its info.
    handles = objects[drawn]
    new_run = np.concatenate(([True], handles[1:] != handles[:-1]))
    owner = np.cumsum(new_run) - 1
    starts = np.flatnonzero(new_run)
    bounds = [*starts.tolist(), len(drawn)]
    infos, unmapped = [], 0
    unmapped_fonts: dict[str, bool] = {}
    for run, (obj, first) in enumerate(zip(handles[starts].tolist(), drawn[starts].tolist())):
        info = fonts.get(obj)
        if info is None:  # a text object the walk did not reach (an annotation's, say)
            info = fonts[obj] = text_object_info(obj, compose(object_matrix(obj), m), {})
        infos.append(info)
        # A font without a Unicode map fails on every glyph: testing its
        # first glyph on the page finds it without a call per glyph.
        font = info[0]
        if font not in unmapped_fonts:
            unmapped_fonts[font] = bool(_map_error(textpage, first))
        if unmapped_fonts[font]:
            unmapped += sum(1 for j in drawn[bounds[run]:bounds[run + 1]].tolist() if _map_error(textpage, j))
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)[drawn]
    unmapped = min(unmapped + int(np.count_nonzero(_IS_GARBAGE[codes])), len(drawn))
    left, top, right, bottom = np.frombuffer(boxes, dtype=np.float32).reshape(n, 4)[drawn].astype(np.float64).T
    a, b, c, d, e, f = m
    xa, ya = a * left + c * bottom + e, b * left + d * bottom + f
    xb, yb = a * right + c * top + e, b * right + d * top + f
    glyphs = Glyphs(codes, np.minimum(xa, xb), np.minimum(ya, yb), np.maximum(xa, xb), np.maximum(ya, yb),
                    owner, infos)
    stats.glyphs_drawn = len(drawn)
    stats.chars_unmapped = unmapped
    stats.chars_decoded = len(drawn) - unmapped
    return glyphs, stats


def text_objects(textpage: int, text: str, objects_on_page: int) -> np.ndarray:
    """Each character's text object; 0 for pdfium's generated spaces and
    line breaks, which belong to none.

    A text object's characters come one after another (checked on every
    sample page by a test, and on every tables-bench page), so beside the
    blanks, where generated characters hide and are asked one by one, each
    run's end is found by galloping: a few calls per object instead of one
    per character. Where objects hold only a few characters each, one call
    per character is cheaper, driven by map() so no Python frame runs per
    character."""
    n = len(text)
    if n < _GALLOP_MIN_CHARS_PER_OBJECT * max(objects_on_page, 1):
        return np.fromiter(map(_text_object, repeat(textpage, n), range(n)), dtype=np.uint64, count=n)
    blank = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32) == SPACE
    objects = np.zeros(n, dtype=np.uint64)
    at = np.flatnonzero(blank)
    objects[at] = np.fromiter(map(_text_object, repeat(textpage, len(at)), at.tolist()), dtype=np.uint64,
                              count=len(at))
    printed = np.flatnonzero(~blank)
    objects[printed] = _runs_of_objects(textpage, printed.tolist())
    return objects


def _runs_of_objects(textpage: int, at: list[int]) -> list[int]:
    """The text object of each character at ``at``: pdfium is asked at a
    run's start, then at doubling distances until the object changes, then
    at halving ones back to the run's last character."""
    found: list[int] = []
    k, m = 0, len(at)
    while k < m:
        obj = _text_object(textpage, at[k])
        same, step = k, 1
        other = k + 1
        while other < m and _text_object(textpage, at[other]) == obj:
            same, step = other, step * 2
            other = same + step
        other = min(other, m)
        while other - same > 1:
            middle = (same + other) // 2
            if _text_object(textpage, at[middle]) == obj:
                same = middle
            else:
                other = middle
        found += [obj] * (same + 1 - k)
        k = same + 1
    return found


def page_text(textpage: int, n: int) -> str:
    """The page's characters, index-aligned with pdfium's character indices."""
    handle = ctypes.cast(textpage, pdfium_c.FPDF_TEXTPAGE)
    buf = (ctypes.c_ushort * (n + 1))()
    written = pdfium_c.FPDFText_GetText(handle, 0, n, buf)
    text = bytes(memoryview(buf).cast("B")[: max(written - 1, 0) * 2]).decode("utf-16-le", "replace")
    if len(text) != n:  # characters outside the BMP: fall back to one call each
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(handle, i) or 0xFFFD) for i in range(n))
    # Every kind of blank is one space to the word rule.
    # A hyphen pdfium recognised at a line end: 0x02 per character, U+FFFE in GetText.
    return _BLANKS_RE.sub(" ", text.replace("\ufffe", "-").replace("\x02", "-"))
