"""Plan layout: one long table with a ref or recommendation column and
several rows per recommendation, going on over page breaks with or without
a repeated header.
"""
from __future__ import annotations

from ..action_rows import column_maps
from ..long_rows import read_long_tables
from ..model import Document
from ..parts import part_blocks
from ..records import DocumentPart, Extraction
from .plan_reading import entry_tables_of, plan_entries, read_plan


def score(doc: Document, part: DocumentPart) -> float:
    """The recommendations the long tables no entry owns give, one per row
    group (a table with a recommendation column under an entry is that
    entry's action table)."""
    blocks = part_blocks(doc, part)
    cmaps = column_maps(blocks)
    groups, _ = read_long_tables(blocks, cmaps, set(entry_tables_of(plan_entries(blocks, cmaps), cmaps)))
    return float(len(groups))


def extract(doc: Document, part: DocumentPart, part_index: int) -> Extraction:
    return read_plan(doc, part, part_index, with_entries=False)
