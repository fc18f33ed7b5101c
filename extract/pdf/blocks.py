"""Running text on one page: words -> lines -> segments -> blocks.

    drop_reference_marks -> words_to_lines -> lines_to_segments
    -> segments_to_blocks (asides; lines cut at column gutters and read in
       column order into headings, list items, footnotes, paragraphs)
"""
from __future__ import annotations

import bisect
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from operator import attrgetter

from ..model import Block, BlockKind
from .columns import PageLayout, in_reading_order, split_at_gutters
from .geometry import Word
from .lines import BULLET_RE, Line, clean_text, join_lines

# Footnote reference marks printed as small raised roman numerals, digits or daggers.
MARK_RE = re.compile(r"^(?:[ivxlc]{1,6}|\d{1,2}|[*†‡§])$")
# A mark is set against the word it annotates: no wider gap than this, in
# the annotated word's ems.
MARK_MAX_GAP_EMS = 0.5
FOOTNOTE_START_RE = re.compile(r"^(?:[ivxlc]{1,6}|\d{1,2}|[*†‡§])\s+\S")


def drop_reference_marks(words: list[Word]) -> list[Word]:
    """Remove raised footnote reference marks ("iv", "2") printed against
    larger text: left in, they split lines and pollute sentences. A small
    number a column gap away from larger text is a table value, not a mark."""
    candidates = [w for w in words if w.upright and MARK_RE.match(w.text)]
    if not candidates:  # nothing shaped like a mark: no neighbours to look up
        return words
    by_top = sorted(words, key=_top)
    tops = [w.top for w in by_top]
    tallest = max([w.bottom - w.top for w in words], default=0.0)
    # Text turned 90 degrees comes glyph by glyph: a lone "l" is no mark.
    marks = {id(w) for w in candidates if is_raised_mark(w, by_top, tops, tallest)}
    return [w for w in words if id(w) not in marks] if marks else words


_top = attrgetter("top")
_top_left = attrgetter("top", "x0")


def is_raised_mark(w: Word, by_top: list[Word], tops: list[float], tallest: float) -> bool:
    # Only words whose top lies within one word height above w can overlap it vertically.
    start = bisect.bisect_left(tops, w.top - tallest)
    end = bisect.bisect_left(tops, w.bottom)
    neighbours = [o for o in by_top[start:end] if o is not w and o.size > w.size + 0.3
                  and o.top < w.bottom and w.top < o.bottom
                  and max(w.x0 - o.x1, o.x0 - w.x1) <= o.size * MARK_MAX_GAP_EMS]
    return any(o.top > w.top + 0.8 for o in neighbours)


def lines_to_segments(lines: list[Line]) -> list[Line]:
    """Split a visual line where a wide gap or a change of typeface separates
    two things printed side by side (a pull quote beside a heading)."""
    segments = []
    for line in lines:
        current = [line.words[0]]
        split = False
        for prev, w in zip(line.words, line.words[1:]):
            gap = w.x0 - prev.x1
            wide = 3 * w.size  # max(18.0, 3 * w.size) without the call: every word passes here
            if gap > (wide if wide > 18.0 else 18.0) or (gap > 6 and w.italic != prev.italic):
                segments.append(Line(current))
                current = [w]
                split = True
            else:
                current.append(w)
        # Most lines are one segment: the line already measured is that segment.
        segments.append(Line(current) if split else line)
    return sorted(segments, key=_top_left)


def dominant_size(lines: list[Line]) -> float:
    # Characters per exact size first, rounded after: a page has a handful
    # of sizes and hundreds of words. Rounded sizes still come in the order
    # their first word does, which settles a tie as rounding each word would.
    exact: dict[float, int] = {}
    for line in lines:
        for w in line.words:
            exact[w.size] = exact.get(w.size, 0) + len(w.text)
    counts = Counter()
    if all(size == size for size in exact):
        for size, chars in exact.items():
            counts[round(size, 1)] += chars
    else:  # a NaN size: each word's rounding is a key of its own
        for line in lines:
            for w in line.words:
                counts[round(w.size, 1)] += len(w.text)
    return counts.most_common(1)[0][0] if counts else 10.0


def line_block(line: Line, page: int) -> Block:
    return Block(BlockKind.PARAGRAPH, clean_text(line.text), page, line.bbox, line.size, line.bold,
                 confidence=mean_confidence(line.words))


def segments_to_blocks(lines: list[Line], body_size: float, page: int,
                       layout: PageLayout) -> tuple[list[Block], list[Block]]:
    """Group lines into blocks: the body's headings (larger or bold), list
    items (bullet glyph), footnotes (smaller, starting with a mark) and
    paragraphs in reading order; and apart, asides (a column in a different
    typeface)."""
    asides = [ln for ln in lines if is_aside(ln, body_size)]
    body = [ln for ln in lines if not is_aside(ln, body_size)]
    body = in_reading_order(split_at_gutters(body, layout), layout)
    return group_lines(body, body_size, page), group_asides(asides, page)


def is_aside(line: Line, body_size: float) -> bool:
    return line.italic and line.size >= body_size - 0.5


def group_asides(lines: list[Line], page: int) -> list[Block]:
    blocks: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if blocks and abs(blocks[-1][-1].x0 - line.x0) < 20 and line.top - blocks[-1][-1].bottom < line.size * 1.6:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return [make_block(BlockKind.ASIDE, group, page) for group in blocks]


def line_kind(line: Line, body_size: float) -> BlockKind:
    text = line.text
    if BULLET_RE.match(text):
        return BlockKind.LIST_ITEM
    if is_small_print(line, body_size):
        return BlockKind.FOOTNOTE
    if line.size > body_size + 0.6 or (line.bold and len(text) < 120 and not text.endswith((".", ";", ","))):
        return BlockKind.HEADING
    return BlockKind.PARAGRAPH


def is_small_print(line: Line, body_size: float) -> bool:
    """Footnotes: clearly smaller than the body; a marked one ("iv The ...")
    may be only a little smaller."""
    if line.bold:
        return False
    if line.size <= body_size * 0.85:
        return True
    return line.size <= body_size * 0.96 and bool(FOOTNOTE_START_RE.match(line.text))


def group_lines(lines: list[Line], body_size: float, page: int) -> list[Block]:
    groups: list[tuple[BlockKind, list[Line]]] = []
    for line in lines:
        kind = line_kind(line, body_size)
        if groups and continues(groups[-1], line, kind, body_size):
            groups[-1][1].append(line)
        else:
            groups.append((kind, [line]))
    return [make_block(kind, group, page) for kind, group in groups]


def continues(group: tuple[BlockKind, list[Line]], line: Line, kind: BlockKind, body_size: float) -> bool:
    """Does ``line`` carry on the block ``group`` started?"""
    gkind, glines = group
    last = glines[-1]
    gap = line.top - last.bottom
    spacing = max(last.size, line.size)
    if gap > spacing * 0.9 or gap < -spacing:
        return False
    if gkind is BlockKind.HEADING:
        return kind is BlockKind.HEADING and abs(line.size - last.size) < 0.3 and line.bold == last.bold
    if gkind is BlockKind.FOOTNOTE:
        return is_small_print(line, body_size) and not FOOTNOTE_START_RE.match(line.text)
    if kind in (BlockKind.LIST_ITEM, BlockKind.FOOTNOTE):
        return False
    if abs(line.size - last.size) > 0.3:
        return False
    if kind is BlockKind.HEADING and gkind is not BlockKind.HEADING and line.bold != last.bold:
        return False
    # A line printed left of the block's text edge starts a new numbered
    # paragraph ("26 To rise ...", the number hangs in the margin).
    first = glines[0]
    # A list item's wrapped lines never start left of its bullet: a line
    # that does is the paragraph after the list.
    if gkind is BlockKind.LIST_ITEM and line.x0 < first.x0 - 0.5 * line.size:
        return False
    text_edge = min(ln.x0 for ln in glines[1:]) if len(glines) > 1 else first.x0
    if line.x0 < text_edge - 8 and re.match(r"^\d+\s", line.text):
        return False
    return True


def make_block(kind: BlockKind, lines: list[Line], page: int) -> Block:
    bbox = lines[0].bbox
    for ln in lines[1:]:
        bbox = bbox.union(ln.bbox)
    text = join_lines([ln.text for ln in lines])
    level = None
    if kind is BlockKind.LIST_ITEM:
        level = 2 if lines[0].words[0].text in "◦○▫-–" else 1
        text = BULLET_RE.sub("", text)
    sizes = [ln.size for ln in lines]
    return Block(kind, text, page, bbox, statistics.median(sizes), all(ln.bold for ln in lines), level,
                 confidence=mean_confidence(w for ln in lines for w in ln.words))


def mean_confidence(words: Iterable[Word]) -> float | None:
    confidences = [w.confidence for w in words if w.confidence is not None]
    return round(statistics.fmean(confidences), 1) if confidences else None
