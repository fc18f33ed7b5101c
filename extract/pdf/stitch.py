"""Per-page tables into logical tables: a table that runs over a page break
is one ``Table``, its repeated header dropped and a row cut by the break
joined."""
from __future__ import annotations

import re
from collections.abc import Iterable

from ..lexicon import ENUMERATOR
from ..model import Block, BlockKind, Cell, Row, Table
from .lines import join_lines
from .tables import PageTable

ENUMERATOR_RE = re.compile(rf"^(?:{ENUMERATOR})\s")


def stitch_tables(pages: Iterable[tuple[list[Block], dict[int, PageTable]]]) -> list[Block]:
    """``pages`` gives each page's blocks in reading order and, for each table
    block (by ``id``), the table found on that page. A table that starts a
    page with the same columns as the table that ended the previous page is
    its continuation."""
    blocks: list[Block] = []
    open_table: tuple[Block, PageTable] | None = None
    for page_blocks, found in pages:
        for block in page_blocks:
            if block.kind is not BlockKind.TABLE:
                blocks.append(block)
                if block.kind not in (BlockKind.ASIDE, BlockKind.FOOTNOTE):
                    open_table = None
                continue
            pt = found[id(block)]
            if open_table and is_continuation(open_table[1], pt):
                extend_table(open_table[0], pt)
                open_table = (open_table[0], pt)
                continue
            header = [c.text for c in pt.rows[0]] if pt.rows else []
            block.table = Table(header=header, rows=[Row(cells, pt.page) for cells in pt.rows[1:]],
                                pages=[pt.page])
            block.text = "\t".join(header)
            blocks.append(block)
            open_table = (block, pt)
    return blocks


def is_continuation(prev: PageTable, cur: PageTable) -> bool:
    if cur.page != prev.page + 1 or not cur.rows or not prev.rows:
        return False
    if len(cur.rows[0]) != len(prev.rows[0]):
        return False
    return all(abs(a - b) < 4 for a, b in zip(prev.col_edges, cur.col_edges))


def extend_table(block: Block, cur: PageTable) -> None:
    table = block.table
    rows = cur.rows
    if [norm_header(c.text) for c in rows[0]] == [norm_header(h) for h in table.header]:
        rows = rows[1:]
    if rows and table.rows and is_split_row(rows[0], table.rows):
        for cell, extra in zip(table.rows[-1].cells, rows[0]):
            if extra.text:
                cell.text = join_split_cell(cell.text, extra.text)
        rows = rows[1:]
    offset = len(table.rows) + 1
    for i, cells in enumerate(rows):
        for cell in cells:
            cell.row = offset + i
        table.rows.append(Row(cells, cur.page))
    table.pages.append(cur.page)


def norm_header(text: str) -> str:
    return re.sub(r"\W+", "", text.lower().replace("’", "'"))


def is_split_row(cells: list[Cell], earlier: list[Row]) -> bool:
    """A row continued from the previous page: every filled cell starts in
    lower case, as a sentence cut at the break does; or the table numbers
    its rows ("i)", "2.") and this row carries no number."""
    filled = [c.text for c in cells if c.text.strip()]
    if not filled:
        return False
    if all(re.match(r"^[a-z]", t) for t in filled):
        return True
    numbered = [bool(ENUMERATOR_RE.match(r.cells[0].text)) for r in earlier if r.cells and r.cells[0].text]
    return (sum(numbered) >= 1 and numbered[-1]
            and not ENUMERATOR_RE.match(cells[0].text) and not cells[0].text[:1].isdigit())


def join_split_cell(before: str, after: str) -> str:
    """The continuation's first paragraph finishes the cut one; any further
    paragraphs stay paragraphs."""
    if not before:
        return after
    first, *rest = after.split("\n")
    return "\n".join([join_lines([before, first]), *rest])
