"""Reading a plan part once its layout is known: entries with the action
tables they own, and long tables no entry owns (an entries plan may carry
a summary table; a long-table plan has no entries at all).
"""
from __future__ import annotations

import re

from ..action_rows import cells_to_rows, column_maps, rows_to_actions, to_raw_actions
from ..columns import PLAN_ROLES, ColumnMap, Role, is_long_table
from ..long_rows import long_responses, read_long_tables
from ..model import Block, BlockKind, Document
from ..parts import collapse, part_blocks, without_running_lines
from ..records import DocumentPart, Extraction
from .cover_report import read_count_claims
from .entries import Entry, entry_response, find_entries, ref_shape


def owns_rows(cmap: ColumnMap) -> bool:
    """A table an entry can own: not a long table with refs of its own."""
    return not (is_long_table(cmap) and cmap.has(Role.REF))


def is_plan_table(cmap: ColumnMap) -> bool:
    return owns_rows(cmap) and any(map(cmap.has, PLAN_ROLES))


def plan_entries(blocks: list[Block], cmaps: dict[int, ColumnMap]) -> list[Entry]:
    """The entries of a plan. Numbered paragraphs before the first entry
    with a plan table (a covering report's sections, its summary of the
    recommendations) are not entries, nor are those numbered in another
    scheme than the entries with tables."""
    entries = find_entries(blocks)
    with_tables = [e for e in entries if any(is_plan_table(cmaps[id(t)]) for t in e.tables())]
    if with_tables:
        entries = entries[entries.index(with_tables[0]):]
    shapes = {ref_shape(e.ref_as_written) for e in with_tables}
    return [e for e in entries if ref_shape(e.ref_as_written) in shapes]


def entry_tables_of(entries: list[Entry], cmaps: dict[int, ColumnMap]) -> dict[int, Entry]:
    """The entry owning each table, by the id of its block."""
    return {id(t): e for e in entries for t in e.tables() if owns_rows(cmaps[id(t)])}


def read_plan(doc: Document, part: DocumentPart, part_index: int, *, with_entries: bool) -> Extraction:
    blocks = part_blocks(doc, part)
    out = Extraction(doc.source_path, doc.file_type, doc.sha256, part_index, part)
    path = doc.source_path
    cmaps = column_maps(blocks)
    entries = plan_entries(blocks, cmaps) if with_entries else []
    owner_of = entry_tables_of(entries, cmaps)
    responses_by_entry = {id(e): entry_response(e, path) for e in entries}
    long_groups, read = read_long_tables(blocks, cmaps, set(owner_of))

    for b in blocks:
        if b.kind is not BlockKind.TABLE or id(b) in read:
            continue
        cmap, entry = cmaps[id(b)], owner_of.get(id(b))
        if not cmap.has(Role.ACTION):
            if entry is not None or cmap.has(Role.DUE):
                out.review_reasons.append(
                    f"table on page {b.page} ({b.locator}): no action column among headers {b.table.header}")
            continue
        if entry is None:
            out.review_reasons.append(
                f"table on page {b.page} ({b.locator}): actions with no recommendation entry before them")
            continue
        resp = responses_by_entry[id(entry)]
        resp.actions.extend(to_raw_actions(rows_to_actions(cells_to_rows(b), cmap), path))
        for k, a in enumerate(resp.actions, start=1):
            a.seq = k

    for e in entries:
        resp = responses_by_entry[id(e)]
        if not resp.actions:
            out.review_reasons.append(f"entry {e.ref_as_written} (page {e.block.page}): no actions found")
        out.responses.append(resp)
    responses, reasons = long_responses(long_groups, path)
    out.responses.extend(responses)
    out.review_reasons.extend(reasons)
    intro = introduction(blocks)
    out.claims = read_count_claims(intro, path)
    out.metadata.financial_year_text = stated_financial_year(intro)
    return out


# "the financial year 2010/11", "our 2010/11 financial year", "FY 2010-11".
_FINANCIAL_YEAR = re.compile(
    r"\b(?:financial\s+year|FY)\s+(?P<a>(?:19|20)\d\d\s?[/–-]\s?(?:19|20)?\d\d)\b"
    r"|\b(?P<b>(?:19|20)\d\d\s?[/–-]\s?(?:19|20)?\d\d)\s+financial\s+year\b", re.I)


def stated_financial_year(blocks: list[Block]) -> str | None:
    """The financial year a plan's introduction says it works to, as printed."""
    for block in blocks:
        if m := _FINANCIAL_YEAR.search(collapse(block.text)):
            return m["a"] or m["b"]
    return None


def introduction(blocks: list[Block]) -> list[Block]:
    """The prose before a plan's first table, where it says what it holds
    ("This plan sets out 23 actions"); counts inside entries are not claims."""
    first_table = next((i for i, b in enumerate(blocks) if b.kind is BlockKind.TABLE), len(blocks))
    return without_running_lines(blocks[:first_table])
