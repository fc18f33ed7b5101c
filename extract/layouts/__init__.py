"""Layouts as strategies: one module per way a plan or report is laid out.

Every layout module offers ``score(doc, part) -> float`` (how much of the
part it can read: entries, row groups, headlines, counts; 0 when it sees
none of its own structure) and ``extract(doc, part, part_index) ->
Extraction``. ``best_layout`` asks them and the best-scoring one reads the
part; on a tie the earlier in the list wins.

Plan layouts: ``entry_tables`` (a ref-bearing paragraph, its header and an
action table with a due column), ``status_cells`` (the same with small
tables whose action cells carry their own status line), ``long_table`` (one
table with a ref or recommendation column). Report layouts:
``inspection_report`` and ``cover_report``. ``entries`` and
``plan_reading`` are the grammar and reading the plan layouts share.

May import: the extract modules beside this package (model, records,
lexicon, refs, parts, columns, action_rows, long_rows, list_items,
report_metadata, restated); never acplans.normalize, acplans.compare or the
top-level acplans modules.
"""
from __future__ import annotations

from types import ModuleType

from ..model import Document
from ..records import DocumentPart
from . import cover_report, entry_tables, inspection_report, long_table, status_cells

PLAN_LAYOUTS: tuple[ModuleType, ...] = (entry_tables, status_cells, long_table)
REPORT_LAYOUTS: tuple[ModuleType, ...] = (inspection_report, cover_report)


def best_layout(doc: Document, part: DocumentPart, layouts: tuple[ModuleType, ...]) -> ModuleType:
    return max(layouts, key=lambda layout: layout.score(doc, part))
