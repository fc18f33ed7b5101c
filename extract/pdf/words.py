"""Glyphs -> words, for engines that hand over single characters (pdfium).

A word ends at a space glyph, a change of font or size, or a gap wider than
the line's own letter spacing plus a share of the font size. Measuring the
gap against the line's typical advance, not a fixed tolerance, keeps
letter-spaced headings whole ("THRESHOLD", not "T HRESHOLD").

Pages hold thousands of glyphs, so they travel as parallel numpy arrays and
the rule is applied to whole pages at once; Python runs once per word.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .geometry import Word

# A gap wider than the line's letter spacing plus this share of the font
# size separates words (a word space is about a quarter of an em).
WORD_GAP = 0.15
# Letter spacing is believed up to this share of the font size; above it the
# line is mostly word gaps (short cells), not tracked text.
MAX_TRACKING = 0.25
# Glyphs whose bottoms are within this share of the size share a line (loose
# boxes share their bottom across a line; their tops follow each glyph).
LINE_TOLERANCE = 0.25
SPACE = ord(" ")


@dataclass
class Glyphs:
    """One entry per glyph, in display space and drawing order. ``owner``
    indexes ``infos``: (font, printed size, bold, italic, upright, turn), one per
    text object. Blanks arrive as spaces."""

    codes: np.ndarray  # Unicode code points
    x0: np.ndarray
    top: np.ndarray
    x1: np.ndarray
    bottom: np.ndarray
    owner: np.ndarray
    infos: list[tuple]

    def take(self, index: np.ndarray) -> Glyphs:
        return Glyphs(self.codes[index], self.x0[index], self.top[index], self.x1[index], self.bottom[index],
                      self.owner[index], self.infos)


def glyphs_to_words(glyphs: Glyphs) -> list[Word]:
    # A space pdfium could not place comes back as a zero-width box on the
    # next glyph; sorted left to right it could land inside that word.
    placed = (glyphs.codes != SPACE) | (glyphs.x1 - glyphs.x0 > 0.01)
    if not placed.all():
        glyphs = glyphs.take(np.flatnonzero(placed))
    upright = np.array([info[4] for info in glyphs.infos])[glyphs.owner]
    words = upright_words(glyphs.take(np.flatnonzero(upright)))
    if not upright.all():
        words += turned_words(glyphs.take(np.flatnonzero(~upright)))
    return words


def upright_words(g: Glyphs) -> list[Word]:
    if not len(g.codes):
        return []
    size = np.array([info[1] for info in g.infos])[g.owner]
    # Lines: glyphs sorted by bottom, chained while neighbours are close.
    by_bottom = np.argsort(g.bottom, kind="stable")
    steps = np.diff(g.bottom[by_bottom]) > np.maximum(1.0, LINE_TOLERANCE * size[by_bottom][1:])
    line = np.empty(len(by_bottom), dtype=np.int64)
    line[by_bottom] = np.concatenate(([0], np.cumsum(steps)))
    order = np.lexsort((g.x0, line))  # each line left to right
    g, size, line = g.take(order), size[order], line[order]
    space = g.codes == SPACE
    same_line = line[1:] == line[:-1]
    gap = g.x0[1:] - g.x1[:-1]
    letters = same_line & (g.owner[1:] == g.owner[:-1]) & ~space[1:] & ~space[:-1]
    limit = np.minimum(line_tracking(gap, letters, line[1:], line[-1] + 1)[line[1:]], MAX_TRACKING * size[1:])
    limit += WORD_GAP * size[1:]
    font_key = font_keys(g.infos)[g.owner]
    # Chaining can put two close lines of a column in one group: a word
    # never steps up or down by more than the line tolerance.
    breaks = (~same_line | (gap > limit) | (font_key[1:] != font_key[:-1]) | space[:-1]
              | (np.abs(g.bottom[1:] - g.bottom[:-1]) > LINE_TOLERANCE * size[1:]))
    word = np.concatenate(([0], np.cumsum(breaks)))
    kept = np.flatnonzero(~space)
    g = g.take(kept)
    # A glyph is one em tall from its loose bottom, as in pdfminer: the loose
    # top follows each font's ascent, which would make line gaps depend on
    # the typeface, and layout thresholds are in ems.
    g.top = g.bottom - size[kept]
    return make_words(g, word[kept], upright=True)


def line_tracking(gap: np.ndarray, letters: np.ndarray, line: np.ndarray, lines: int) -> np.ndarray:
    """Per line, the median gap between letters of one text object (its
    letter spacing), or 0 when the line has fewer than three such gaps."""
    gaps, owners = gap[letters], line[letters]
    order = np.lexsort((gaps, owners))
    counts = np.bincount(owners, minlength=lines)
    middle = np.cumsum(counts) - counts + counts // 2
    tracking = np.zeros(lines)
    has = counts >= 3
    tracking[has] = np.maximum(gaps[order][middle[has]], 0.0)
    return tracking


def font_keys(infos: list[tuple]) -> np.ndarray:
    """One number per distinct (font, size): a change of either ends a word."""
    keys: dict[tuple, int] = {}
    return np.array([keys.setdefault(info[:2], len(keys)) for info in infos], dtype=np.int64)


def turned_words(g: Glyphs) -> list[Word]:
    """Text not running left to right is grouped in drawing order: the next
    glyph must touch the last one."""
    size = np.array([info[1] for info in g.infos])[g.owner]
    gap = np.maximum.reduce([g.x0[1:] - g.x1[:-1], g.x0[:-1] - g.x1[1:],
                             g.top[1:] - g.bottom[:-1], g.top[:-1] - g.bottom[1:]])
    space = g.codes == SPACE
    font_key = font_keys(g.infos)[g.owner]
    breaks = space[1:] | space[:-1] | (gap > WORD_GAP * size[1:] + 0.5) | (font_key[1:] != font_key[:-1])
    word = np.concatenate(([0], np.cumsum(breaks)))
    kept = np.flatnonzero(~space)
    return make_words(g.take(kept), word[kept], upright=False)


def make_words(g: Glyphs, word: np.ndarray, upright: bool) -> list[Word]:
    if not len(word):
        return []
    starts = np.flatnonzero(np.concatenate(([True], word[1:] != word[:-1])))
    text = g.codes.tobytes().decode("utf-32-le")
    ends = [*starts[1:].tolist(), len(text)]
    x0s, x1s = np.minimum.reduceat(g.x0, starts).tolist(), np.maximum.reduceat(g.x1, starts).tolist()
    tops, bottoms = np.minimum.reduceat(g.top, starts).tolist(), np.maximum.reduceat(g.bottom, starts).tolist()
    infos = [g.infos[i] for i in g.owner[starts].tolist()]
    return [Word(text[s:e], x0, x1, top, bottom, info[1], info[2], info[3], info[0], upright, turn=info[5])
            for s, e, x0, x1, top, bottom, info in zip(starts.tolist(), ends, x0s, x1s, tops, bottoms, infos)]
