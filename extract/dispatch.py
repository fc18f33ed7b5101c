"""One call from a read document to everything extracted from it: split the
file into its documents, then hand each to the extractor for its kind."""
from __future__ import annotations

from .model import Document
from .records import DocKind, DocumentPart, Extraction
from .report import extract_cover, extract_report
from .segment import split_document


def extract_document(doc: Document) -> list[Extraction]:
    return [extract_part(doc, part, i) for i, part in enumerate(split_document(doc))]


def extract_part(doc: Document, part: DocumentPart, part_index: int) -> Extraction:
    if part.kind is DocKind.INSPECTION_REPORT:
        return extract_report(doc, part, part_index)
    if part.kind is DocKind.COVER_REPORT:
        return extract_cover(doc, part, part_index)
    if part.kind is DocKind.ACTION_PLAN:
        return extract_action_plan(doc, part, part_index)
    return Extraction(source_path=doc.source_path, file_type=doc.file_type, sha256=doc.sha256,
                      part_index=part_index, part=part)


def extract_action_plan(doc: Document, part: DocumentPart, part_index: int) -> Extraction:
    # The plan extractor is optional at import time so that reports can be
    # read while it is missing or broken; the gap is flagged, not hidden.
    try:
        from .plan import extract_plan
    except ImportError as exc:
        out = Extraction(source_path=doc.source_path, file_type=doc.file_type, sha256=doc.sha256,
                         part_index=part_index, part=part)
        out.review_reasons.append(f"action plan not extracted: no plan extractor available ({exc})")
        return out
    return extract_plan(doc, part, part_index)
