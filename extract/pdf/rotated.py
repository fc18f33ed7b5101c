"""Tables printed turned 90 degrees: the page's geometry turned so the
text reads left to right, for the table finders to read as usual.

    reading_turn -> turn_content (words regrouped, rules turned)
    -> find tables -> bboxes turned back onto the page

pdfium says which way each turned word reads; for pdfminer's glyph-by-glyph
words, the order of the glyphs down the page says it.
"""
from __future__ import annotations

from dataclasses import replace

from ..model import BBox
from .geometry import PageContent, Rect, Segment, Word
from .lines import words_to_lines
from .wordfix import join_touching


def reading_turn(words: list[Word]) -> str | None:
    """"cw" when turned text reads downwards, "ccw" upwards, None when
    the words say neither: by the engine's word, else by glyph order."""
    known = [w.turn for w in words if w.turn]
    if known:
        cw, ccw = known.count("cw"), known.count("ccw")
        return None if cw == ccw else ("cw" if cw > ccw else "ccw")
    down = up = 0
    for a, b in zip(words, words[1:]):
        if abs(a.x0 - b.x0) < 1 and abs(a.top - b.top) < 3 * max(a.x1 - a.x0, 1):
            down += b.top > a.top
            up += b.top < a.top
    if down == up:
        return None
    return "cw" if down > up else "ccw"


def turn_box(x0: float, top: float, x1: float, bottom: float, turn: str, width: float, height: float):
    """A page box in the turned frame (x along the text, top across it)."""
    if turn == "cw":
        return top, width - x1, bottom, width - x0
    return height - bottom, x0, height - top, x1


def unturn_bbox(box: BBox, turn: str, width: float, height: float) -> BBox:
    if turn == "cw":
        return BBox(width - box.bottom, box.x0, width - box.top, box.x1)
    return BBox(box.top, height - box.x1, box.bottom, height - box.x0)


def turn_words(words: list[Word], turn: str, width: float, height: float, join_ems: float) -> list[Word]:
    """Turned glyphs into words: glyphs on one line closer than
    ``join_ems`` of their height join up."""
    turned = []
    for w in words:
        x0, top, x1, bottom = turn_box(w.x0, w.top, w.x1, w.bottom, turn, width, height)
        # An engine that does not know the turn strings a turned word's
        # glyphs down the page, so text that reads upwards comes out backwards.
        text = w.text[::-1] if turn == "ccw" and w.turn is None else w.text
        turned.append(replace(w, text=text, x0=x0, top=top, x1=x1, bottom=bottom, size=bottom - top, upright=True))
    return join_touching(words_to_lines(turned), join_ems)


def turn_content(content: PageContent, words: list[Word], turn: str, join_ems: float) -> PageContent:
    w, h = content.width, content.height
    return PageContent(
        number=content.number, width=h, height=w, rotation=content.rotation,
        words=turn_words(words, turn, w, h, join_ems),
        segments=[Segment(*turn_box(s.x0, s.top, s.x1, s.bottom, turn, w, h)) for s in content.segments],
        rects=[Rect(*turn_box(r.x0, r.top, r.x1, r.bottom, turn, w, h), r.filled, r.stroked)
               for r in content.rects])
