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
from .plan_reading import read_plan


def score(doc: Document, part: DocumentPart) -> float:
    """The recommendations the long tables give, one per row group."""
    blocks = part_blocks(doc, part)
    groups, _ = read_long_tables(blocks, column_maps(blocks), set())
    return float(len(groups))


def extract(doc: Document, part: DocumentPart, part_index: int) -> Extraction:
    return read_plan(doc, part, part_index, with_entries=False)
