"""Reading order: column gutters, the bands they cut a page into, and the
order blocks are read in.

    find_layout (gutter_candidates -> active_runs -> bands_from_gutters)
    -> split_at_gutters (no line crosses a gutter)
    -> reading_key (band by band, column by column, top to bottom)
    -> place_floating / footnotes_last

A gutter is a vertical band of whitespace (or a column rule) that the
words of many rows sit either side of. It holds only over a run of rows
none of which crosses it: a heading or table across both columns ends the
run and is read on its own, full width, in its own band.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..model import BBox, Block, BlockKind
from .geometry import Rect, Segment, Word
from .lines import Line, words_to_lines
from .settings import LayoutSettings


@dataclass(frozen=True, slots=True)
class Gutter:
    x0: float  # the right edge of the column on its left
    x1: float  # the left edge of the column on its right
    top: float
    bottom: float
    ruled: bool = False

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(slots=True)
class Band:
    """A horizontal slice of the page read as one unit; its gutters split it
    into columns read left to right."""

    top: float
    bottom: float
    gutters: list[Gutter] = field(default_factory=list)

    def column_of(self, x: float) -> int:
        return sum(1 for g in self.gutters if g.middle < x)


@dataclass(slots=True)
class PageLayout:
    bands: list[Band] = field(default_factory=list)

    @property
    def gutters(self) -> list[Gutter]:
        return [g for band in self.bands for g in band.gutters]

    def band_index(self, top: float, bottom: float) -> int | None:
        """The column band holding a box's vertical middle; None outside all."""
        mid = (top + bottom) / 2
        return next((i for i, b in enumerate(self.bands) if b.top <= mid <= b.bottom), None)

    def reading_key(self, box: BBox) -> tuple:
        """Sort key: boxes in a column band come after everything above the
        band and before everything below it; inside, column by column."""
        index = self.band_index(box.top, box.bottom)
        if index is None:
            return (box.top, 0, 0, box.top, box.x0)
        band = self.bands[index]
        return (band.top, 1, band.column_of((box.x0 + box.x1) / 2), box.top, box.x0)


# -- finding gutters ----------------------------------------------------------

def gutter_candidates(rows: list[Line], rules: list[Segment],
                      settings: LayoutSettings) -> list[tuple[float, Segment | None]]:
    """x positions worth testing as gutters, the likeliest first: every column
    rule, then the middle of each wide stretch of x that no word covers in
    a window of consecutive rows (columns need not share baselines), ranked
    by how many windows leave it clear."""
    size = 2 * settings.column_min_rows
    min_width = settings.gutter_min_width
    spans = [row_spans(row, min_width) for row in rows]
    clear: list[tuple[float, float]] = []
    for start in range(max(1, len(rows) - size + 1)):
        covered = sorted([span for row in spans[start:start + size] for span in row])
        reach = covered[0][1] if covered else 0.0
        for x0, x1 in covered[1:]:
            if x0 - reach >= min_width:
                clear.append((reach, x0))
            if x1 > reach:
                reach = x1
    # A rounded middle scores by the last stretch rounding to it; each
    # score counts the stretches holding that middle (numpy, same float64
    # comparisons).
    last_middle = {round(m): m for m in [(a + b) / 2 for a, b in clear]}
    score = {}
    if last_middle:
        starts, ends = np.array(clear).T
        middles = np.array(list(last_middle.values()))[:, None]
        counts = ((starts < middles) & (middles < ends)).sum(axis=1)
        score = dict(zip(last_middle, counts.tolist()))
    ranked = sorted(score, key=lambda x: (-score[x], x))
    return [(r.x0, r) for r in rules] + [(float(x), None) for x in ranked]


def row_spans(row: Line, min_width: float) -> list[tuple[float, float]]:
    """A row's word spans, sorted once (a window's sort then merges sorted
    runs), neighbours less than ``min_width`` apart made one span. Merging
    changes no window's stretches: a stretch starts at the first span
    beginning at some x, ends at the furthest end of the spans beginning
    before x, and is kept when at least ``min_width`` wide; no span that
    merging takes away or lengthens can start or end one of those. That
    holds for spans left to right and a positive width (a NaN fails the
    test, so its row is left as it is)."""
    spans = sorted([(w.x0, w.x1) for w in row.words])
    if not min_width > 0 or not all(x0 <= x1 for x0, x1 in spans):
        return spans
    merged = [spans[0]]
    for x0, x1 in spans[1:]:
        last_x0, last_x1 = merged[-1]
        if x0 - last_x1 < min_width:
            merged[-1] = (last_x0, x1 if x1 > last_x1 else last_x1)
        else:
            merged.append((x0, x1))
    return merged


def thin_rects(rects: list[Rect]) -> list[Segment]:
    """Rules painted as hairline-wide filled rectangles, as their centre line."""
    return [Segment((r.x0 + r.x1) / 2, r.top, (r.x0 + r.x1) / 2, r.bottom) for r in rects if r.x1 - r.x0 <= 2]


def column_rules(segments: list[Segment], tables: Sequence[BBox], settings: LayoutSettings) -> list[Segment]:
    """Vertical strokes long enough to divide columns and not part of a table."""
    def in_table(s: Segment) -> bool:
        return any(t.x0 - 2 <= s.x0 <= t.x1 + 2 and t.top - 2 <= s.top and s.bottom <= t.bottom + 2
                   for t in tables)
    return [s for s in segments if s.orientation == "v" and s.bottom - s.top >= settings.column_rule_min_length
            and not in_table(s)]


@dataclass(frozen=True, slots=True, eq=False)
class Item:
    """A row of words, or a table, as a gutter sees it."""

    top: float
    bottom: float
    shapes: Sequence[Word | BBox]  # the row's words, or the table's box
    row: Line | None = None


def blocks_gutter(item: Item, x: float, rule: Segment | None, settings: LayoutSettings) -> bool:
    """Does a row or a table stop a gutter at x? It does if it runs across x,
    or prints on both sides of x with no more than a word space between; a
    rule's gutter also stops where the rule does."""
    if any(s.x0 < x < s.x1 for s in item.shapes):
        return True
    if rule is not None:
        return not rule.top - 2 <= (item.top + item.bottom) / 2 <= rule.bottom + 2
    left = [s.x1 for s in item.shapes if s.x1 <= x]
    right = [s.x0 for s in item.shapes if s.x0 >= x]
    return bool(left and right) and min(right) - max(left) < settings.gutter_min_width


def active_runs(x: float, rule: Segment | None, items: list[Item], settings: LayoutSettings) -> list[Gutter]:
    """The stretches of the page, top to bottom, over which ``x`` is a gutter:
    runs of rows and tables none of which stops it, holding enough rows
    printed either side of it."""
    gutters: list[Gutter] = []
    run: list[Item] = []
    for item in items + [None]:
        if item is not None and not blocks_gutter(item, x, rule, settings):
            run.append(item)
            continue
        for part in split_at_interruptions(run, x):
            gutter = run_to_gutter(x, rule, part, settings)
            if gutter:
                gutters.append(gutter)
        run = []
    return gutters


def split_at_interruptions(run: list[Item], x: float) -> list[list[Item]]:
    """A short heading printed across the page sits on one side of x only,
    but it stands apart: blank beside it, where both columns go on above
    and below, and a gap above it on its own side. It ends one column band
    and starts the next, and is read between them."""
    parts: list[list[Item]] = [[]]
    # Which items print right of x and which left of it, once for the run:
    # every row of the run is tested against all the others.
    right_of = [any(s.x0 >= x for s in it.shapes) for it in run]
    left_of = [any(s.x1 <= x for s in it.shapes) for it in run]
    for item in run:
        if item.row is not None and interrupts(item.row, run, x, right_of, left_of):
            parts += [[]]
        else:
            parts[-1].append(item)
    return [p for p in parts if p]


def interrupts(row: Line, run: list[Item], x: float, right_of: list[bool], left_of: list[bool]) -> bool:
    beyond = right_of if row.x1 <= x else left_of
    across: list[Item] = []
    own: list[Item] = []
    for it, it_beyond in zip(run, beyond):
        if it.row is not row:
            (across if it_beyond else own).append(it)
    margin = row.bottom - row.top
    return (any(it.bottom <= row.top for it in across) and any(it.top >= row.bottom for it in across)
            and not any(it.top < row.bottom + margin and row.top - margin < it.bottom for it in across)
            and not any(row.top - margin < it.bottom <= row.top + 1 for it in own))


def run_to_gutter(x: float, rule: Segment | None, run: list[Item], settings: LayoutSettings) -> Gutter | None:
    """A run makes a gutter when enough rows print on each side of x, side by
    side, each side a column wide; without a rule, the gap must be wide and
    the left column's rows must reach it."""
    rows = [it.row for it in run if it.row is not None]
    left = [r for r in rows if any(w.x1 <= x for w in r.words)]
    right = [r for r in rows if any(w.x0 >= x for w in r.words)]
    if not left or not right:
        return None
    # Balance is weighed only where both sides print: a column that ends
    # early beside a long one is still a column, while side heads spaced
    # down a column of text are far sparser than the text level with them.
    level = sorted((level_rows(left, right), level_rows(right, left)))
    if level[0] < (settings.column_min_rows if rule is None else settings.column_min_rows_ruled):
        return None
    if level[0] < settings.column_balance * level[1]:
        return None
    x0 = max(w.x1 for r in left for w in r.words if w.x1 <= x)
    x1 = min(w.x0 for r in right for w in r.words if w.x0 >= x)
    left_edge = min(r.x0 for r in left)
    right_edge = max(r.x1 for r in right)
    if x0 - left_edge < settings.column_min_width or right_edge - x1 < settings.column_min_width:
        return None
    if rule is None and (x1 - x0 < settings.gutter_min_width or not filled_to_gutter(left, x, left_edge, x0)):
        return None
    return Gutter(x0, x1, min(it.top for it in run), max(it.bottom for it in run), rule is not None)


def level_rows(rows: list[Line], other: list[Line]) -> int:
    """How many of ``rows`` lie level with some of the other side's text."""
    top, bottom = min(r.top for r in other), max(r.bottom for r in other)
    return sum(1 for r in rows if top <= (r.top + r.bottom) / 2 <= bottom)


def filled_to_gutter(left: list[Line], x: float, left_edge: float, gutter_x0: float) -> bool:
    """Columns of running text reach the gutter on most rows; a label column
    ("Date:", "Owner:") beside its values does not."""
    width = gutter_x0 - left_edge
    full = sum(1 for r in left if max(w.x1 for w in r.words if w.x1 <= x) - left_edge >= 0.6 * width)
    return full * 2 >= len(left)


def find_layout(words: list[Word], tables: Sequence[BBox], segments: list[Segment], rects: list[Rect],
                settings: LayoutSettings) -> PageLayout:
    """The page's column bands from its running-text words (asides and page
    furniture left out), the boxes of its tables and its rules."""
    rows = sorted(words_to_lines(words), key=lambda r: r.top)
    items = sorted([Item(r.top, r.bottom, r.words, r) for r in rows] + [Item(t.top, t.bottom, [t]) for t in tables],
                   key=lambda it: it.top)
    rules = column_rules(segments + thin_rects(rects), tables, settings)
    gutters: list[Gutter] = []
    for x, rule in gutter_candidates(rows, rules, settings):
        for g in active_runs(x, rule, items, settings):
            if not any(overlaps(g, other) for other in gutters):
                gutters.append(g)
    return PageLayout(bands_from_gutters(gutters))


def overlaps(a: Gutter, b: Gutter) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.top < b.bottom and b.top < a.bottom


def bands_from_gutters(gutters: list[Gutter]) -> list[Band]:
    """Cut the page where any gutter starts or stops; a slice carries the
    gutters that span it, and neighbouring slices with the same gutters
    are one band."""
    cuts = sorted({g.top for g in gutters} | {g.bottom for g in gutters})
    bands: list[Band] = []
    for top, bottom in zip(cuts, cuts[1:]):
        spanning = sorted((g for g in gutters if g.top <= top and bottom <= g.bottom), key=lambda g: g.x0)
        if not spanning:
            continue
        if bands and bands[-1].bottom == top and bands[-1].gutters == spanning:
            bands[-1].bottom = bottom
        else:
            bands.append(Band(top, bottom, spanning))
    return bands


# -- using the layout ---------------------------------------------------------

def split_at_gutters(lines: list[Line], layout: PageLayout) -> list[Line]:
    """Cut every line that a gutter of its band runs through."""
    out: list[Line] = []
    for line in lines:
        index = layout.band_index(line.top, line.bottom)
        if index is None:
            out.append(line)
            continue
        band = layout.bands[index]
        parts: dict[int, list[Word]] = {}
        for w in line.words:
            parts.setdefault(band.column_of((w.x0 + w.x1) / 2), []).append(w)
        # A line on one side of every gutter is already measured.
        out += [Line(words) for _, words in sorted(parts.items())] if len(parts) > 1 else [line]
    return out


def in_reading_order(lines: list[Line], layout: PageLayout) -> list[Line]:
    return sorted(lines, key=lambda ln: layout.reading_key(ln.bbox))


def order_blocks(blocks: list[Block], layout: PageLayout) -> list[Block]:
    """Body blocks and tables in reading order, small print at the foot of
    the page after them."""
    ordered = sorted(blocks, key=lambda b: layout.reading_key(b.bbox))
    foot = [b for b in ordered if b.kind is BlockKind.FOOTNOTE and at_page_foot(b, ordered)]
    return [b for b in ordered if not any(b is f for f in foot)] + foot


def at_page_foot(note: Block, blocks: list[Block]) -> bool:
    """Nothing but small print printed below the note across its width."""
    box = note.bbox
    return not any(b.kind is not BlockKind.FOOTNOTE and b.bbox.top >= box.bottom
                   and b.bbox.x0 < box.x1 and box.x0 < b.bbox.x1 for b in blocks)


def place_floating(ordered: list[Block], floating: list[Block], in_column: bool = False) -> list[Block]:
    """Asides and stray band lines float beside the text: each goes before the
    first block, in reading order, printed below it (or level and right).
    ``in_column`` (stray lines, printed in the page's top or bottom band): a
    line printed at line spacing under a block of its width ends that
    block's column and goes straight after it, so the last line of a left
    column stays before the right column; any other goes before the first
    block below it that shares its width, so a line at the head of a page's
    right column stays in that column. An aside in the margin shares no
    block's width and keeps to the page's top-down order (a quote running
    on from the page before stays next to its start)."""
    out = list(ordered)
    for block in sorted(floating, key=position):
        above = [i for i, b in enumerate(out) if continues_below(b, block)] if in_column else []
        below = [i for i, b in enumerate(out) if position(b) > position(block)]
        same_column = [i for i in below if overlaps_across(out[i], block)] if in_column else []
        at = max(above, key=lambda i: out[i].bbox.bottom) + 1 if above else (same_column or below or [len(out)])[0]
        out.insert(at, block)
    return out


def continues_below(block: Block, line: Block) -> bool:
    """Is ``line`` printed under ``block``, across its width, no further
    below than a line's height (as the next line of its column would be)?"""
    if not (block.bbox and line.bbox and overlaps_across(block, line)):
        return False
    gap = line.bbox.top - block.bbox.bottom
    return -1.0 <= gap <= line.bbox.bottom - line.bbox.top


def overlaps_across(a: Block, b: Block) -> bool:
    """Whether the two blocks share some of the page's width."""
    return bool(a.bbox and b.bbox and a.bbox.x0 < b.bbox.x1 and b.bbox.x0 < a.bbox.x1)


def position(block: Block) -> tuple[float, float]:
    return (block.bbox.top, block.bbox.x0) if block.bbox else (0.0, 0.0)
