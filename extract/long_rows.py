"""Long plan tables: one table with a ref or recommendation column and
several rows per recommendation, perhaps going on over several table parts.

Rows are grouped into one response per recommendation, the ref carried
down over rows that leave it empty and over the table's page breaks until
a heading.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .action_rows import PlanRow, cells_to_rows, clean_cell, rows_to_actions, to_raw_actions
from .columns import CELL_REF_RE, ColumnMap, Role, is_long_table, map_columns
from .model import Block, BlockKind
from .records import RawResponse, Source
from .restated import split_restated_deadline


def split_cell_ref(text: str) -> tuple[str | None, str]:
    """"R2.1 Produce ..." / "1A" / "2" -> (ref as written, the rest)."""
    first = text.strip().split("\n", 1)
    m = CELL_REF_RE.match(first[0])
    if not m:
        return None, text.strip()
    rest = " ".join(x for x in ((m[2] or "").strip(), first[1].strip() if len(first) > 1 else "") if x)
    return m[1], rest


@dataclass
class LongGroup:
    ref: str | None
    text: str
    page: int | None
    locator: str
    rows: list[PlanRow] = field(default_factory=list)


def group_long_rows(rows: list[PlanRow], cmap: ColumnMap, carry: LongGroup | None) -> list[LongGroup]:
    """Rows -> one group per recommendation, the ref carried down over rows
    (and from a previous table part, ``carry``) that leave it empty."""
    groups: list[LongGroup] = []
    current = carry
    for row in rows:
        ref, text = None, ""
        if cmap.has(Role.REF):
            ref = split_cell_ref(row.get(cmap.cols(Role.REF)))[0]
        rec = row.get(cmap.cols(Role.RECOMMENDATION))
        if rec:
            rec_ref, text = split_cell_ref(rec)
            ref = ref or rec_ref
        starts_new = (ref and (current is None or ref != current.ref)) or (
            not ref and text and (current is None or text != current.text))
        if starts_new or current is None:
            current = LongGroup(ref, text, row.page, row.locator)
            groups.append(current)
        elif text and not current.text:
            current.text = text
        current.rows.append(row)
    return groups


def _long_response(group: LongGroup, cmap: ColumnMap, path: str) -> RawResponse:
    actions = to_raw_actions(rows_to_actions(group.rows, cmap), path)
    owners = {a.owner_text for a in actions if a.owner_text}
    text, stated = split_restated_deadline(group.text.replace("\n", " "))
    return RawResponse(
        ref_as_written=group.ref or "", text=text, stated_target_text=stated,
        # One owner for every action is the entry's owner too.
        responsible_text=owners.pop() if len(owners) == 1 else None, sponsor_text=None,
        actions=actions, source=Source(path, group.page, group.locator))


def _as_continuation(block: Block, previous: ColumnMap | None) -> list[PlanRow] | None:
    """A table part with no header of its own that follows a long table of
    the same width (Word and text files repeat no header after a break):
    its first "header" line is a body row."""
    table = block.table
    if previous is None or len(table.header) != len(previous.roles):
        return None
    if map_columns(table.header).roles == previous.roles:
        return None  # the header repeated: a new part, read as a table
    head = PlanRow([clean_cell(h) for h in table.header], block.page, f"{block.locator}/r0")
    return [head] + cells_to_rows(block)


def read_long_tables(blocks: list[Block], cmaps: dict[int, ColumnMap],
                     entry_tables: set[int]) -> tuple[list[tuple[LongGroup, ColumnMap]], set[int]]:
    """The row groups of every long table among ``blocks`` that no entry
    owns, and the ids of the table blocks read (long tables and their
    continuations). A long table may go on in another table part (a
    repeated header, or none, after a page break): the ref carries over
    until a heading."""
    long_map: ColumnMap | None = None
    carry: LongGroup | None = None
    groups: list[tuple[LongGroup, ColumnMap]] = []
    read: set[int] = set()

    def add_rows(rows: list[PlanRow], cmap: ColumnMap) -> None:
        nonlocal carry
        for g in group_long_rows(rows, cmap, carry):
            if g is not carry:
                groups.append((g, cmap))
            carry = g

    for b in blocks:
        if b.kind is not BlockKind.TABLE:
            if b.kind is BlockKind.HEADING:
                long_map, carry = None, None
            continue
        cont = _as_continuation(b, long_map)
        if cont is not None:
            add_rows(cont, long_map)
            read.add(id(b))
            continue
        cmap = cmaps[id(b)]
        if is_long_table(cmap) and id(b) not in entry_tables:
            if long_map is None or long_map.roles != cmap.roles:
                carry = None
            long_map = cmap
            add_rows(cells_to_rows(b), cmap)
            read.add(id(b))
            continue
        long_map = None
    return groups, read


def long_responses(groups: list[tuple[LongGroup, ColumnMap]], path: str) -> tuple[list[RawResponse], list[str]]:
    """One response per row group, and the review reasons they raise."""
    responses, reasons = [], []
    for g, cmap in groups:
        resp = _long_response(g, cmap, path)
        if not resp.ref_as_written:
            reasons.append(f"long table row group on page {g.page} ({g.locator}): no ref")
        if not resp.actions:
            reasons.append(f"entry {resp.ref_as_written} (page {g.page}): no actions found")
        responses.append(resp)
    return responses, reasons
