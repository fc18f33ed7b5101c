"""Glyphs -> words, for engines that hand over single characters (pdfium).

A word ends at a space glyph, a change of font or size, or a gap wider than
the line's own letter spacing plus a share of the font size. Measuring the
gap against the line's typical advance, not a fixed tolerance, keeps
letter-spaced headings whole ("THRESHOLD", not "T HRESHOLD").

A glyph is a plain tuple ``(text, x0, top, x1, bottom, info)`` in display
space, ``info`` being ``(font, size, bold, italic, upright)`` shared by every
glyph of one text object: pages hold thousands, and tuples are the cheapest
thing Python builds. Blanks arrive as ``" "``.
"""
from __future__ import annotations

from operator import itemgetter

from .geometry import Word

Glyph = tuple  # (text, x0, top, x1, bottom, info)

# A gap wider than the line's letter spacing plus this share of the font
# size separates words (a word space is about a quarter of an em).
WORD_GAP = 0.15
# Letter spacing is believed up to this share of the font size; above it the
# line is mostly word gaps (short cells), not tracked text.
MAX_TRACKING = 0.25
# Glyphs whose bottoms are within this share of the size share a line.
LINE_TOLERANCE = 0.25

_BOTTOM = itemgetter(4)
_X0 = itemgetter(1)


def glyphs_to_words(glyphs: list[Glyph]) -> list[Word]:
    upright = [g for g in glyphs if g[5][4]]
    words: list[Word] = []
    for line in upright_lines(upright):
        words += split_line(line)
    if len(upright) < len(glyphs):
        words += turned_words([g for g in glyphs if not g[5][4]])
    return words


def upright_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped by bottom (loose boxes share it across a line; their
    tops follow each glyph), chaining neighbours, each line left to right."""
    lines: list[list[Glyph]] = []
    last = None
    for g in sorted(glyphs, key=_BOTTOM):
        if last is not None and g[4] - last <= max(1.0, LINE_TOLERANCE * g[5][1]):
            lines[-1].append(g)
        else:
            lines.append([g])
        last = g[4]
    for line in lines:
        line.sort(key=_X0)
    return lines


def line_tracking(line: list[Glyph]) -> float:
    """The line's typical gap between letters of one font: its letter spacing."""
    gaps = sorted(b[1] - a[3] for a, b in zip(line, line[1:])
                  if a[5] is b[5] and a[0] != " " and b[0] != " ")
    return max(gaps[len(gaps) // 2], 0.0) if len(gaps) >= 3 else 0.0


def split_line(line: list[Glyph]) -> list[Word]:
    tracking = line_tracking(line)
    words: list[Word] = []
    run: list[Glyph] = []
    prev = None
    for g in line:
        if g[0] == " ":
            if run:
                words.append(make_word(run, True))
                run = []
            prev = None
            continue
        if prev is not None:
            info = g[5]
            size = info[1]
            # Chaining can put two close lines of a column in one group: a
            # word never steps up or down by more than the line tolerance.
            if (g[1] - prev[3] > min(tracking, MAX_TRACKING * size) + WORD_GAP * size
                    or (prev[5] is not info and prev[5][:2] != info[:2])
                    or abs(g[4] - prev[4]) > LINE_TOLERANCE * size):
                words.append(make_word(run, True))
                run = []
        run.append(g)
        prev = g
    if run:
        words.append(make_word(run, True))
    return words


def turned_words(glyphs: list[Glyph]) -> list[Word]:
    """Text not running left to right is grouped in drawing order: the next
    glyph must touch the last one."""
    words: list[Word] = []
    run: list[Glyph] = []
    for g in glyphs:
        if run:
            prev = run[-1]
            gap = max(g[1] - prev[3], prev[1] - g[3], g[2] - prev[4], prev[2] - g[4])
            if g[0] == " " or gap > WORD_GAP * g[5][1] + 0.5 or prev[5][:2] != g[5][:2]:
                words.append(make_word(run, False))
                run = []
        if g[0] != " ":
            run.append(g)
    if run:
        words.append(make_word(run, False))
    return words


def make_word(run: list[Glyph], upright: bool) -> Word:
    font, size, bold, italic, _ = run[0][5]
    if len(run) == 1:
        text, x0, top, x1, bottom, _ = run[0]
        return Word(text, x0, x1, top, bottom, size, bold, italic, font, upright)
    texts, x0s, tops, x1s, bottoms, _ = zip(*run)
    return Word("".join(texts), min(x0s), max(x1s), min(tops), max(bottoms), size, bold, italic, font, upright)
