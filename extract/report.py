"""Inspection reports and council cover reports: the splitter has told
which a part is, and the layout for that kind reads it (see
``extract/layouts/inspection_report.py`` and ``cover_report.py``)."""
from __future__ import annotations

from .layouts import cover_report, inspection_report
from .model import Document
from .records import DocumentPart, Extraction


def extract_report(doc: Document, part: DocumentPart, part_index: int) -> Extraction:
    return inspection_report.extract(doc, part, part_index)


def extract_cover(doc: Document, part: DocumentPart, part_index: int) -> Extraction:
    return cover_report.extract(doc, part, part_index)
