"""Plan layout: per-recommendation blocks. A ref-bearing paragraph under a
group heading, a header of target date and responsible people, then a
table of actions with a due-date column.
"""
from __future__ import annotations

from ..action_rows import column_maps
from ..columns import Role
from ..model import Document
from ..parts import part_blocks
from ..records import DocumentPart, Extraction
from .plan_reading import is_plan_table, plan_entries, read_plan


def entries_by_due_column(doc: Document, part: DocumentPart) -> tuple[int, int]:
    """(entries whose action tables have a due column, entries whose action
    tables have none): the two entry layouts' scores."""
    blocks = part_blocks(doc, part)
    cmaps = column_maps(blocks)
    with_due = without_due = 0
    for entry in plan_entries(blocks, cmaps):
        tables = [cmaps[id(t)] for t in entry.tables() if is_plan_table(cmaps[id(t)])]
        if any(c.has(Role.DUE) for c in tables):
            with_due += 1
        elif any(c.has(Role.ACTION) for c in tables):
            without_due += 1
    return with_due, without_due


def score(doc: Document, part: DocumentPart) -> float:
    return float(entries_by_due_column(doc, part)[0])


def extract(doc: Document, part: DocumentPart, part_index: int) -> Extraction:
    return read_plan(doc, part, part_index, with_entries=True)
