"""Action plans: the landlord's entries answering each recommendation, and
the actions, dates, owners and progress printed in their tables.

The layouts a plan may take are recognised from what the document says,
never from which file it is; each is a strategy in ``extract/layouts`` and
the best-scoring one reads the part.
"""
from __future__ import annotations

from .layouts import PLAN_LAYOUTS, best_layout
from .model import Document
from .records import DocumentPart, Extraction


def extract_plan(doc: Document, part: DocumentPart, part_index: int) -> Extraction:
    return best_layout(doc, part, PLAN_LAYOUTS).extract(doc, part, part_index)
