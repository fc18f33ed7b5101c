"""Tables printed without rules: columns from whitespace that holds across rows.

    text_rows (lines -> line_chunks) -> page_columns -> table_regions
    -> header_lines_above -> region_grid (column_gaps -> place_chunks
    -> merge_continuations) -> is_tabular -> grid_cells

A line splits into chunks where words are further apart than a word space;
a page set in two columns of prose is read column by column; lines of
several chunks, close together (or a blank line apart in the same
columns), make a candidate region; a column gap is
an x range that (almost) no chunk of the region's rows covers. The
evidence test keeps paragraphs, two-column text and bullet lists out: a
table has several rows, several columns, and a column of figures or
mostly short cells.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ..model import BBox, Cell
from .geometry import Word
from .lines import BULLET_RE, Line, cell_text, words_to_lines
from .settings import WhitespaceSettings

NUMERIC_RE = re.compile(r"^[-+–(]?[£$€]?\s?\d[\d,. ]*%?\s?[£$€]?\)?$|^[-–—]$|^n/?a$", re.IGNORECASE)
WORD_RE = re.compile(r"[^\W\d_]{3,}")
CONTINUATION_START_RE = re.compile(r"^[a-z(&]")
ENUMERATOR_RE = re.compile(r"^\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]$", re.IGNORECASE)


@dataclass
class Chunk:
    """Words of one line with no column-sized gap between them."""

    words: list[Word]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1


@dataclass
class TextRow:
    line: Line
    chunks: list[Chunk]


@dataclass
class GridText:
    """A whitespace table before it becomes a ``PageTable``: cell words per
    row and column, and where each column starts."""

    cells: list[list[list[Word]]]
    col_starts: list[float]

    def texts(self) -> list[list[str]]:
        return [[cell_text(ws) if ws else "" for ws in row] for row in self.cells]


def line_chunks(line: Line, settings: WhitespaceSettings) -> list[Chunk]:
    chunks = [Chunk([line.words[0]])]
    if len(line.words) == 1:
        return chunks
    column_gap = settings.chunk_gap_ems * max(line.size, 1.0)
    for prev, w in zip(line.words, line.words[1:]):
        if w.x0 - prev.x1 > column_gap:
            chunks.append(Chunk([w]))
        else:
            chunks[-1].words.append(w)
    return chunks


def table_regions(rows: list[TextRow], settings: WhitespaceSettings) -> list[list[TextRow]]:
    """Runs of vertically close lines holding several multi-chunk lines.
    Single-chunk lines may sit inside a run (wrapped cells, section labels)
    but do not start or end one. A table's sections (or its total row) may
    be set off by a blank line: the run goes on past one when the next line
    of several chunks fits the columns above it."""
    regions: list[list[TextRow]] = []
    current: list[TextRow] = []
    section_start = None  # where lines after a blank line begin, until one shows its columns
    for row in rows:
        above = current[-1].line if current else None
        same_size = above and abs(row.line.size - above.size) <= settings.max_size_step
        gap_ems = (row.line.top - above.bottom) / min(row.line.size, above.size) if same_size else float("inf")
        close = gap_ems <= settings.row_gap_ems
        blank_line = (not close and gap_ems <= settings.section_gap_ems
                      and sum(len(r.chunks) > 1 for r in current) >= settings.min_rows)
        singles_run = 0
        for r in reversed(current):
            if len(r.chunks) > 1:
                break
            singles_run += 1
        if current and ((not close and not blank_line)
                        or (len(row.chunks) == 1 and singles_run >= settings.max_single_lines)):
            regions.append(current)
            current, section_start = [], None
        elif blank_line and section_start is None:
            section_start = len(current)
        if section_start is not None and len(row.chunks) > 1:
            if not fits_columns(row, current[:section_start], settings):
                regions.append(current[:section_start])
                current = []
            section_start = None
        if current or len(row.chunks) > 1:
            current.append(row)
    regions.append(current)
    trimmed = []
    for region in regions:
        while region and len(region[-1].chunks) == 1:
            region.pop()
        if sum(len(r.chunks) > 1 for r in region) >= settings.min_rows:
            trimmed.append(region)
    return trimmed


def fits_columns(row: TextRow, region: list[TextRow], settings: WhitespaceSettings) -> bool:
    """No chunk of ``row`` sits mostly in a column gap of ``region``."""
    gaps = column_gaps(region, settings)
    return all(sum(max(0.0, min(c.x1, g[1]) - max(c.x0, g[0])) for g in gaps) <= (c.x1 - c.x0) / 2
               for c in row.chunks)


def header_lines_above(region: list[TextRow], rows: list[TextRow], settings: WhitespaceSettings) -> list[TextRow]:
    """Lines just above a region printed over its columns but not its first
    (a header naming only the value columns) belong to it."""
    gaps = column_gaps(region, settings)
    if not gaps:
        return region
    start = next(i for i, r in enumerate(rows) if r is region[0])
    right_edge = max(c.x1 for r in region for c in r.chunks)
    added: list[TextRow] = []
    for row in reversed(rows[max(0, start - settings.max_single_lines):start]):
        below = (added or region)[0]
        if below.line.top - row.line.bottom > settings.row_gap_ems * row.line.size:
            break
        if any(c.x0 < gaps[0][1] - 1 or c.x1 > right_edge + row.line.size for c in row.chunks):
            break
        added.insert(0, row)
    return added + region


def column_gaps(rows: list[TextRow], settings: WhitespaceSettings) -> list[tuple[float, float]]:
    """X ranges left blank by nearly every multi-chunk row: the gaps
    between columns, left to right."""
    multi = [r for r in rows if len(r.chunks) > 1]
    gaps = uncovered_ranges(multi, int(len(multi) * settings.gap_crossing_share), settings.min_gap_width)
    # A gap with text after it on one row only splits a cell, not a column.
    ends = [g[0] for g in gaps[1:]] + [float("inf")]
    return [g for g, end in zip(gaps, ends)
            if sum(any(g[1] <= c.x0 < end for c in r.chunks) for r in multi) >= 2]


def uncovered_ranges(rows: list[TextRow], allowed: int, min_width: float) -> list[tuple[float, float]]:
    """X ranges, between the rows' leftmost and rightmost text, that at
    most ``allowed`` rows print on."""
    x0 = min(c.x0 for r in rows for c in r.chunks)
    x1 = max(c.x1 for r in rows for c in r.chunks)
    # Chunks add one at their first point and take it back after their
    # last: the running sum is the coverage, in time linear in the width.
    steps = [0] * (int(x1 - x0) + 3)
    for r in rows:
        for c in r.chunks:
            steps[int(c.x0 - x0)] += 1
            steps[int(c.x1 - x0) + 1] -= 1
    gaps, start = [], None
    for x, n in enumerate(itertools.accumulate(steps[:-1])):
        if n <= allowed:
            start = x if start is None else start
        elif start is not None:
            if x - start >= min_width:
                gaps.append((x0 + start, x0 + x))
            start = None
    return gaps


def page_columns(words: list[Word], rows: list[TextRow], settings: WhitespaceSettings) -> list[list[Word]]:
    """The page's text columns, when a gutter runs down it with prose on
    both sides: a table set in one column of two is read within its column,
    not with the prose beside it. A wide table's own column gaps have no
    prose beside them and split nothing."""
    if len(rows) < settings.min_rows:
        return [words]
    gutters = uncovered_ranges(rows, int(len(rows) * settings.gap_crossing_share), settings.min_gap_width)
    for left, right in sorted(gutters, key=lambda g: g[0] - g[1]):
        middle = (left + right) / 2
        if is_prose([c for r in rows for c in r.chunks if c.x1 <= middle], settings) and \
                is_prose([c for r in rows for c in r.chunks if c.x0 >= middle], settings):
            return [[w for w in words if (w.x0 + w.x1) / 2 < middle],
                    [w for w in words if (w.x0 + w.x1) / 2 >= middle]]
    return [words]


def is_prose(chunks: list[Chunk], settings: WhitespaceSettings) -> bool:
    # Words, not leader dots: "Total . . . . ." is a table's row label.
    long = sum(sum(any(ch.isalpha() for ch in w.text) for w in c.words) >= settings.prose_chunk_words
               for c in chunks)
    return long >= settings.prose_share * len(chunks) and long >= settings.min_rows


def place_chunks(row: TextRow, gaps: list[tuple[float, float]], settings: WhitespaceSettings) -> list[list[Word]]:
    """Words of one line into columns: a chunk goes to the column it starts
    in (a title spanning columns to its first), but a chunk is split at a
    word gap wider than a word space that falls in a column gap (column
    heads set close together); a title's word spaces are narrower."""
    cells: list[list[Word]] = [[] for _ in range(len(gaps) + 1)]
    for chunk in row.chunks:
        col = column_of(chunk.words[0], gaps)
        for prev, w in zip([None, *chunk.words], chunk.words):
            if prev is not None and w.x0 - prev.x1 >= settings.split_gap_ems * w.size \
                    and any(prev.x1 < g[1] and w.x0 > g[0] for g in gaps):
                col = max(col, column_of(w, gaps))
            cells[col].append(w)
    return cells


def column_of(w: Word, gaps: list[tuple[float, float]]) -> int:
    centre = (w.x0 + min(w.x1, w.x0 + 3 * w.size)) / 2
    return sum(1 for g in gaps if centre >= (g[0] + g[1]) / 2)


def merge_continuations(cells: list[list[list[Word]]]) -> list[list[list[Word]]]:
    """A line carries on the cells of the row above (a wrapped label or
    cell) when its first column is empty and every cell holds a word
    (figures and codes such as "C2" make a row of their own), or when
    it fills the first column alone and reads on from it (lower case or an
    opening bracket; a capitalised one is a section label). Above the first
    line of figures a line filling a column the line above left empty
    starts a header row of its own: the line above is a title spanning
    columns, which joined to this line would sit in one column's cell."""
    figures_from = next((i for i, line_cells in enumerate(cells)
                         if any(ws and NUMERIC_RE.match(" ".join(w.text for w in ws)) for ws in line_cells[1:])), 0)
    merged: list[list[list[Word]]] = []
    for index, line_cells in enumerate(cells):
        texts = [" ".join(w.text for w in ws) for ws in line_cells if ws]
        wrapped_label = (line_cells[0] and len(texts) == 1 and CONTINUATION_START_RE.match(texts[0]))
        wrapped_text = not line_cells[0] and all(WORD_RE.search(t) for t in texts)
        if wrapped_text and index < figures_from:
            wrapped_text = all(above for above, ws in zip(cells[index - 1], line_cells) if ws)
        if merged and (wrapped_label or wrapped_text):
            for target, extra in zip(merged[-1], line_cells):
                target.extend(extra)
        else:
            merged.append([list(ws) for ws in line_cells])
    return merged


def is_tabular(grid: GridText, settings: WhitespaceSettings) -> bool:
    """Evidence of a table rather than prose, two-column text or a list:
    enough rows and filled columns, not a column of bullets or enumerators
    beside text, and either a column of figures or cells mostly short."""
    texts = grid.texts()
    n_cols = len(grid.col_starts)
    filled_cols = [c for c in range(n_cols) if sum(bool(row[c]) for row in texts) >= 2]
    if len(texts) < settings.min_rows or len(filled_cols) < 2:
        return False
    first = [row[0] for row in texts if row[0]]
    if len(filled_cols) == 2 and first and all(BULLET_RE.match(t) or ENUMERATOR_RE.match(t) for t in first):
        return False
    if any(sum(bool(NUMERIC_RE.match(row[c])) for row in texts if row[c])
           >= settings.numeric_column_share * sum(bool(row[c]) for row in texts) for c in filled_cols[1:]):
        return True
    values = [t for row in texts for t in row if t]
    short = sum(len(t.split()) <= settings.short_cell_words for t in values)
    return short >= settings.short_cell_share * len(values) and len(filled_cols) >= settings.min_text_columns


def region_grid(region: list[TextRow], settings: WhitespaceSettings) -> GridText | None:
    gaps = column_gaps(region, settings)
    if not gaps:
        return None
    cells = merge_continuations([place_chunks(r, gaps, settings) for r in region])
    x0 = min(c.x0 for r in region for c in r.chunks)
    return GridText(cells, [x0] + [g[1] for g in gaps])


def text_rows(words: list[Word], settings: WhitespaceSettings) -> list[TextRow]:
    return [TextRow(line, line_chunks(line, settings)) for line in words_to_lines(words)]


def find_whitespace_grids(words: list[Word], settings: WhitespaceSettings) -> list[tuple[BBox, GridText]]:
    found = []
    regions = []
    page_rows = text_rows(words, settings)
    columns = page_columns(words, page_rows, settings)
    for column in columns:
        rows = page_rows if len(columns) == 1 else text_rows(column, settings)
        regions += [header_lines_above(region, rows, settings) for region in table_regions(rows, settings)]
    for region in regions:
        grid = region_grid(region, settings)
        if grid is not None and is_tabular(grid, settings):
            bbox = region[0].line.bbox
            for r in region[1:]:
                bbox = bbox.union(r.line.bbox)
            found.append((bbox, grid))
    return found


def grid_cells(grid: GridText, page: int) -> list[list[Cell]]:
    """Cells with their text; empty columns (a gap split off nothing) are
    dropped."""
    texts = grid.texts()
    keep = [c for c in range(len(grid.col_starts)) if any(row[c] for row in texts)]
    return [[Cell(row[c], r, i, page, None) for i, c in enumerate(keep)] for r, row in enumerate(texts)]
