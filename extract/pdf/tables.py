"""Tables from a page's geometry, whichever engine read it.

    content_to_edges -> merge_edges -> with_implied_sides -> edges_to_intersections
    -> intersections_to_cells -> cells_to_tables -> grid_to_page_table
    then whitespace.find_whitespace_grids on the words left over, and both
    again on text turned 90 degrees (rotated.turn_content).

pdfplumber's table functions are pure: they take edges from any source, so
the same grid finding serves every engine.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from operator import attrgetter, itemgetter

import numpy as np
from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

from ..model import BBox, Cell
from .geometry import PageContent, Word
from .lines import Line, lines_text, words_to_lines
from .rotated import reading_turn, turn_content, unturn_bbox
from .settings import TableSettings
from .table_sides import implied_sides, row_rule_ends
from .whitespace import NUMERIC_RE, GridText, find_whitespace_grids, grid_cells
from .wordfix import join_touching


@dataclass
class PageTable:
    """A table as found on one page, before stitching across pages."""

    page: int
    bbox: BBox
    rows: list[list[Cell]]
    col_edges: list[float]


def _edge(x0: float, top: float, x1: float, bottom: float, orientation: str | None, kind: str) -> dict:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top, "orientation": orientation, "object_type": kind}


def content_to_edges(content: PageContent, settings: TableSettings) -> list[dict]:
    """Every rule on the page as pdfplumber edges: stroked segments, the
    sides of stroked rectangles, and rectangles thin enough to be rules
    themselves (word processors paint rules as filled strips, some as
    zero-width boxes). A filled box is a cell's shading, not its border:
    its sides would cut cells in two. Diagonal segments have no orientation
    and are left out later."""
    edges = [_edge(s.x0, s.top, s.x1, s.bottom, s.orientation, "line_edge") for s in content.segments]
    for r in content.rects:
        width, height = r.x1 - r.x0, r.bottom - r.top
        if min(width, height) <= settings.rule_max_thickness:
            if width >= height:
                mid = (r.top + r.bottom) / 2
                edges.append(_edge(r.x0, mid, r.x1, mid, "h", "rect_edge"))
            else:
                mid = (r.x0 + r.x1) / 2
                edges.append(_edge(mid, r.top, mid, r.bottom, "v", "rect_edge"))
        elif r.stroked:
            edges += [_edge(r.x0, r.top, r.x1, r.top, "h", "rect_edge"),
                      _edge(r.x0, r.bottom, r.x1, r.bottom, "h", "rect_edge"),
                      _edge(r.x0, r.top, r.x0, r.bottom, "v", "rect_edge"),
                      _edge(r.x1, r.top, r.x1, r.bottom, "v", "rect_edge")]
    return edges


def _long_enough(edges: list[dict], min_length: float) -> list[dict]:
    return [e for e in edges if e["orientation"] in ("h", "v")
            and e["width" if e["orientation"] == "h" else "height"] >= min_length]


def table_edges(content: PageContent, settings: TableSettings) -> list[dict]:
    edges = _long_enough(content_to_edges(content, settings), settings.edge_min_length_prefilter)
    vertical = [e for e in edges if e["orientation"] == "v"]
    horizontal = [e for e in edges if e["orientation"] == "h"]
    merged = merge_edges(vertical + horizontal, settings.snap_tolerance, settings.snap_tolerance,
                         settings.join_tolerance, settings.join_tolerance)
    return _long_enough(merged, settings.edge_min_length)


def with_implied_sides(edges: list[dict], words: list[Word], settings: TableSettings) -> list[dict]:
    """``edges`` and a vertical edge down each open side of a table whose
    row rules end past its column rules (``table_sides``)."""
    vertical = [e for e in edges if e["orientation"] == "v"]
    horizontal = [e for e in edges if e["orientation"] == "h"]
    ends = row_rule_ends(horizontal, vertical, settings.snap_tolerance)
    return edges + [_edge(end.x, end.top, end.x, end.bottom, "v", "implied_edge")
                    for end in implied_sides(ends, vertical, words, settings.snap_tolerance, settings.row_band_max_ems)]


def find_grids(content: PageContent, settings: TableSettings) -> list[list[tuple]]:
    """Each ruled table on the page as its list of cell boxes."""
    edges = with_implied_sides(table_edges(content, settings), content.words, settings)
    intersections = edges_to_intersections(edges, settings.intersection_tolerance, settings.intersection_tolerance)
    return cells_to_tables(intersections_to_cells(intersections))


def grid_rows(cells: list[tuple]) -> list[list[tuple | None]]:
    """Cell boxes into rows, one slot per distinct column start (None where a
    spanning cell covers it), as pdfplumber's ``Table.rows``."""
    columns = sorted({c[0] for c in cells})
    rows = []
    for _, row_cells in itertools.groupby(sorted(cells, key=itemgetter(1, 0)), itemgetter(1)):
        by_x = {c[0]: c for c in row_cells}
        rows.append([by_x.get(x) for x in columns])
    return rows


def words_outside(words: list[Word], boxes: list[BBox], slack: float) -> list[Word]:
    """The words whose centre is in none of ``boxes`` (grown by ``slack``)."""
    if not boxes:
        return words
    inside = centres_in_boxes(words, boxes, slack).any(axis=0).tolist()
    return [w for w, is_in in zip(words, inside) if not is_in]


def grid_to_page_table(cells: list[tuple], in_table: list[Word], page: int, settings: TableSettings) -> PageTable:
    """The table a grid's cells make of ``in_table``, the words whose centre
    lies in the grid (``centres_in_boxes`` decides it for all a page's grids
    at once)."""
    bbox = grid_bbox(cells)
    slack = settings.cell_slack
    columns = sorted({c[0] for c in cells})
    if len(columns) == 1:
        # Rules between rows only: the columns are in the whitespace.
        aligned = find_whitespace_grids(in_table, settings.whitespace)
        if len(aligned) == 1:
            return whitespace_page_table(bbox, aligned[0][1], page)
    # Each word's centre once: every row and cell box is tested against them.
    centred = [((w.x0 + w.x1) / 2, (w.top + w.bottom) / 2, w) for w in in_table]
    rows: list[list[Cell]] = []
    col_edges: list[float] = []
    for r_index, row in enumerate(grid_rows(cells)):
        boxes = [BBox(*box) if box else None for box in row]
        row_top = min(b.top for b in boxes if b) - slack
        row_bottom = max(b.bottom for b in boxes if b) + slack
        in_row = [c for c in centred if row_top <= c[1] <= row_bottom]
        slots: list[list[Word]] = [[] for _ in boxes]
        for c_index, box in enumerate(boxes):
            if box is None:
                continue
            left, right, top, bottom = box.x0 - slack, box.x1 + slack, box.top - slack, box.bottom + slack
            in_box = [w for cx, cy, w in in_row if left <= cx <= right and top <= cy <= bottom]
            spanned = [x for x in columns[c_index + 1:] if x < box.x1 - slack]
            for start, part in split_at_column_gaps(in_box, spanned, settings.whitespace.chunk_gap_ems):
                slots[columns.index(start) if start in columns else c_index] = part
            if r_index == 0:
                col_edges.append(round(box.x0))
        for line_slots in unruled_rows(slots):
            rows.append([Cell(lines_text(lines), len(rows), c_index, page, box)
                         for c_index, (lines, box) in enumerate(zip(line_slots, boxes))])
    return PageTable(page, bbox, rows, col_edges)


def unruled_rows(slots: list[list[Word]]) -> list[list[list[Line]]]:
    """The lines of each cell, split into several table rows where a ruled
    row holds several (rules round a block of figures, none between its
    rows): the cells' lines sit level with each other, and a column of
    figures fills nearly every line. Text wrapped beside a single figure
    fails this and stays one row."""
    lines = [words_to_lines(ws) for ws in slots]
    if not any(ws and max(w.top for w in ws) - min(w.top for w in ws) > ws[0].size for ws in slots):
        return [lines]  # every cell one line high: nothing to split
    figures = max((len(ls) for ls in lines if ls and all(NUMERIC_RE.match(ln.text) for ln in ls)), default=0)
    if figures < 2:
        # A split needs two levels at least, and figures on 0.8 of them:
        # tested first, as it is cheap and settles most rows.
        return [lines]
    levels: list[float] = []
    for line in sorted([ln for ls in lines for ln in ls], key=_top):
        if not levels or line.top - levels[-1] > line.size * 0.6:
            levels.append(line.top)
    if len(levels) < 2 or figures < 0.8 * len(levels):
        return [lines]
    rows: list[list[list[Line]]] = [[[] for _ in slots] for _ in levels]
    for c_index, ls in enumerate(lines):
        for line in ls:
            level = min(range(len(levels)), key=lambda i: abs(levels[i] - line.top))
            rows[level][c_index].append(line)
    return rows


_top = attrgetter("top")


def split_at_column_gaps(words: list[Word], boundaries: list[float],
                         gap_ems: float) -> list[tuple[float | None, list[Word]]]:
    """A cell spanning several columns holds one value per column when
    its rule is missing (ruled header, unruled body): split its words at
    each column start that every line leaves as a column-sized gap. A
    title spanning columns has only word spaces there and stays whole."""
    if not boundaries:
        return [(None, words)]
    lines = words_to_lines(words)
    cuts = [x for x in boundaries
            if all(is_gap_at(line.words, x, gap_ems) for line in lines)
            and any(separates(line.words, x) for line in lines)]
    parts: list[tuple[float | None, list[Word]]] = [(None, [])]
    for x in cuts:
        parts.append((x, []))
    for w in words:
        index = sum(1 for x in cuts if (w.x0 + w.x1) / 2 >= x)
        parts[index][1].append(w)
    return [(start, part) for start, part in parts if part or start is None]


def separates(words: list[Word], x: float) -> bool:
    return words[0].x1 <= x <= words[-1].x0


def is_gap_at(words: list[Word], x: float, gap_ems: float) -> bool:
    left = [w for w in words if w.x1 <= x]
    right = [w for w in words if w.x0 >= x]
    if len(left) + len(right) < len(words):
        return False
    if not left or not right:
        return True
    return right[0].x0 - left[-1].x1 > gap_ems * right[0].size


def whitespace_page_table(bbox: BBox, grid: GridText, page: int) -> PageTable:
    rows = grid_cells(grid, page)
    return PageTable(page, bbox, rows, [round(x) for x in grid.col_starts])


def upright_lines(words: list[Word]) -> list[Line]:
    """The upright words in lines: what touching glyphs are joined on."""
    return words_to_lines([w for w in words if w.upright])


def find_tables(content: PageContent, words: list[Word], settings: TableSettings) -> list[PageTable]:
    return find_tables_on(content, words, upright_lines(words), settings)


def find_tables_on(content: PageContent, words: list[Word], lines: list[Line],
                   settings: TableSettings) -> list[PageTable]:
    """The page's tables, top to bottom, with cell text from ``words``
    (``lines`` their ``upright_lines``, which the caller may reuse): ruled
    grids first, then tables aligned by whitespace in what is left; text
    turned 90 degrees is read in its own frame."""
    upright = join_touching(lines, settings.touching_join_ems)
    turned = [w for w in words if not w.upright]
    ruled, rest = ruled_tables(content, upright, turned, settings)
    aligned = [whitespace_page_table(bbox, grid, content.number)
               for bbox, grid in find_whitespace_grids(rest, settings.whitespace)]
    tables = ruled + aligned
    if sum(len(w.text) for w in turned) >= settings.min_turned_glyphs and (turn := reading_turn(turned)):
        frame = turn_content(content, turned, turn, settings.turned_join_ems)
        for table in find_tables(frame, frame.words, settings):
            if not any(cell.text for row in table.rows for cell in row):
                continue  # a grid of the page's upright text, seen empty from the turned text's side
            table.bbox = unturn_bbox(table.bbox, turn, content.width, content.height)
            tables.append(table)
    return sorted(tables, key=lambda t: (t.bbox.top, t.bbox.x0))


def ruled_tables(content: PageContent, upright: list[Word], turned: list[Word],
                 settings: TableSettings) -> tuple[list[PageTable], list[Word]]:
    """Grids holding upright text that are whole tables, not rules round
    part of one (those are left to the whitespace reader); and the upright
    words outside them."""
    grids = find_grids(content, settings)
    if not grids:
        return [], upright
    boxes = [grid_bbox(cells) for cells in grids]
    # Which word centres each grid holds, worked out once for all the tests
    # below: they all use the same slack (a centre within the box grown by the slack).
    inside = centres_in_boxes(upright, boxes, settings.cell_slack)
    turned_inside = centres_in_boxes(turned, boxes, settings.cell_slack)
    tables = []
    kept = np.zeros(len(upright), dtype=bool)
    for index, (cells, box) in enumerate(zip(grids, boxes)):
        in_others = np.delete(inside, index, axis=0).any(axis=0).tolist()
        outside_other_grids = [w for w, is_in in zip(upright, in_others) if not is_in]
        n_turned, n_upright = int(turned_inside[index].sum()), int(inside[index].sum())
        if not n_turned > n_upright and not is_fragment(box, outside_other_grids, settings):
            in_table = [w for w, is_in in zip(upright, inside[index].tolist()) if is_in]
            tables.append(grid_to_page_table(cells, in_table, content.number, settings))
            kept |= inside[index]
    return tables, [w for w, is_kept in zip(upright, kept.tolist()) if not is_kept] if tables else upright


def centres_in_boxes(words: list[Word], boxes: list[BBox], slack: float) -> np.ndarray:
    """One row per box: whether each word's centre lies in it, grown by
    ``slack`` (float64: the same comparisons as in Python)."""
    if not words:
        return np.zeros((len(boxes), 0), dtype=bool)
    cx = np.array([(w.x0 + w.x1) / 2 for w in words])
    cy = np.array([(w.top + w.bottom) / 2 for w in words])
    return np.array([(b.x0 - slack <= cx) & (cx <= b.x1 + slack) & (b.top - slack <= cy) & (cy <= b.bottom + slack)
                     for b in boxes])


def grid_bbox(cells: list[tuple]) -> BBox:
    return BBox(min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))


def is_fragment(box: BBox, words: list[Word], settings: TableSettings) -> bool:
    """Rules round part of a bigger table (a rule under a spanning header,
    a box round one block of figures): its lines run on past the rules,
    close beside them, as a table's own lines never do."""
    inside = beside = 0
    for w in words:
        if not box.top <= (w.top + w.bottom) / 2 <= box.bottom:
            continue
        if box.x0 <= (w.x0 + w.x1) / 2 <= box.x1:
            inside += 1
        elif box.x0 - settings.fragment_reach_ems * w.size <= w.x1 and w.x0 <= box.x1 + settings.fragment_reach_ems * w.size:
            beside += 1
    return beside > settings.fragment_share * inside
