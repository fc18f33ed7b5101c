"""Glyphs -> words, for engines that hand over single characters (pdfium).

A word ends at a space glyph, a change of font or size, or a gap wider than
the line's own letter spacing plus a share of the font size. Measuring the
gap against the line's typical advance, not a fixed tolerance, keeps
letter-spaced headings whole ("THRESHOLD", not "T HRESHOLD").
"""
from __future__ import annotations

from statistics import median
from typing import NamedTuple

from .geometry import Word

# A gap wider than the line's letter spacing plus this share of the font
# size separates words (a word space is about a quarter of an em).
WORD_GAP = 0.15
# Letter spacing is believed up to this share of the font size; above it the
# line is mostly word gaps (short cells), not tracked text.
MAX_TRACKING = 0.25
# Glyphs whose vertical middles are within this share of the size share a line.
LINE_TOLERANCE = 0.25


class Glyph(NamedTuple):
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    info: tuple  # (font name, printed size, bold, italic, upright), shared per text object


def glyphs_to_words(glyphs: list[Glyph]) -> list[Word]:
    upright = [g for g in glyphs if g.info[4]]
    turned = [g for g in glyphs if not g.info[4]]
    words: list[Word] = []
    for line in upright_lines(upright):
        words += split_line(line)
    words += turned_words(turned)
    return words


def upright_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped by vertical middle, chaining neighbours (a line's
    glyphs differ a little: loose boxes follow each glyph's height), each
    line sorted left to right."""
    lines: list[list[Glyph]] = []
    last = None
    for g in sorted(glyphs, key=lambda g: g.top + g.bottom):
        mid = (g.top + g.bottom) / 2
        if last is not None and mid - last <= max(1.0, LINE_TOLERANCE * g.info[1]):
            lines[-1].append(g)
        else:
            lines.append([g])
        last = mid
    for line in lines:
        line.sort(key=lambda g: g.x0)
    return lines


def split_line(line: list[Glyph]) -> list[Word]:
    gaps = [b.x0 - a.x1 for a, b in zip(line, line[1:])
            if a.info is b.info and not a.text.isspace() and not b.text.isspace()]
    tracking = median(gaps) if len(gaps) >= 3 else 0.0
    words: list[Word] = []
    run: list[Glyph] = []
    for g in line:
        if g.text.isspace():
            flush(run, words, True)
            run = []
            continue
        if run:
            prev = run[-1]
            size = g.info[1]
            limit = min(max(tracking, 0.0), MAX_TRACKING * size) + WORD_GAP * size
            # Chaining can put two close lines of a column in one group:
            # a word never steps up or down by more than the line tolerance.
            shift = abs(g.top + g.bottom - prev.top - prev.bottom) / 2
            if g.x0 - prev.x1 > limit or prev.info[:2] != g.info[:2] or shift > LINE_TOLERANCE * size:
                flush(run, words, True)
                run = []
        run.append(g)
    flush(run, words, True)
    return words


def turned_words(glyphs: list[Glyph]) -> list[Word]:
    """Text not running left to right is grouped in drawing order: the
    next glyph must touch the last one."""
    words: list[Word] = []
    run: list[Glyph] = []
    for g in glyphs:
        if g.text.isspace():
            flush(run, words, False)
            run = []
            continue
        if run:
            prev = run[-1]
            gap = max(g.x0 - prev.x1, prev.x0 - g.x1, g.top - prev.bottom, prev.top - g.bottom)
            if gap > WORD_GAP * g.info[1] + 0.5 or prev.info[:2] != g.info[:2]:
                flush(run, words, False)
                run = []
        run.append(g)
    flush(run, words, False)
    return words


def flush(run: list[Glyph], words: list[Word], upright: bool) -> None:
    if not run:
        return
    font, size, bold, italic, _ = run[0].info
    words.append(Word("".join(g.text for g in run),
                      min(g.x0 for g in run), max(g.x1 for g in run),
                      min(g.top for g in run), max(g.bottom for g in run),
                      size, bold, italic, font, upright))
