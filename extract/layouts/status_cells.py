"""Plan layout: per-recommendation blocks whose small action tables have no
due column; each action cell ends with the line saying where it stands
("Completed June 2010", "In progress"), which ``split_status_line`` takes
off as the action's due text.
"""
from __future__ import annotations

from ..model import Document
from ..records import DocumentPart, Extraction
from .entry_tables import entries_by_due_column
from .plan_reading import read_plan


def score(doc: Document, part: DocumentPart) -> float:
    return float(entries_by_due_column(doc, part)[1])


def extract(doc: Document, part: DocumentPart, part_index: int) -> Extraction:
    # The entries are found as in ``entry_tables``; rows_to_actions reads the
    # status line from the cell of every table without a due column.
    return read_plan(doc, part, part_index, with_entries=True)
