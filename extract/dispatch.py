"""One call from a read document to everything extracted from it: split the
file into its documents, then hand each to the extractor for its kind."""
from __future__ import annotations

import re

from .model import BlockKind, Document
from .plan import extract_plan
from .records import DocKind, DocumentPart, Extraction
from .parts import collapse, in_part, part_blocks, without_running_lines
from .report import extract_cover, extract_report
from .model import BlockKind
from .report_metadata import landlord_from_furniture, landlord_named_in
from .segment import split_document

# "... INSPECTION – <LANDLORD> ACTION PLAN ..." in a plan's title.
_PLAN_TITLE_LANDLORD = re.compile(
    r"(?:^|[–—-]|\bINSPECTION\b)\s*(?P<name>[A-Z][\w&'’ ]{1,60}?)\s+(?:SNI\s+)?ACTION\s+PLAN\b", re.I)


def extract_document(doc: Document) -> list[Extraction]:
    extractions = [extract_part(doc, part, i) for i, part in enumerate(split_document(doc))]
    for extraction in extractions:
        record_page_quality(doc, extraction)
    return extractions


def record_page_quality(doc: Document, extraction: Extraction) -> None:
    """How much of the part was read by OCR and how surely, and which pages'
    text could not be decoded at all: the quality gate sends both for review."""
    part = extraction.part
    in_part = [p for p in doc.pages if part.page_start is not None
               and part.page_start <= p.number <= (part.page_end or part.page_start)]
    extraction.unreadable_pages = [p.number for p in in_part if p.text_layer == "unreadable" and not p.ocr]
    pages = [p for p in in_part if p.ocr]
    extraction.ocr_pages = len(pages)
    confidences = [p.ocr_confidence for p in pages if p.ocr_confidence is not None]
    extraction.ocr_confidence = round(sum(confidences) / len(confidences), 1) if confidences else None
    extraction.unreadable_text = doc.unreadable_text  # what the reader doubted, for the quality gate
    extraction.review_reasons[:0] = doc.review_reasons


def extract_part(doc: Document, part: DocumentPart, part_index: int) -> Extraction:
    if part.kind is DocKind.INSPECTION_REPORT:
        return extract_report(doc, part, part_index)
    if part.kind is DocKind.COVER_REPORT:
        return extract_cover(doc, part, part_index)
    if part.kind is DocKind.ACTION_PLAN:
        extraction = extract_plan(doc, part, part_index)
        if extraction.metadata.landlord is None:
            extraction.metadata.landlord = plan_landlord(doc, part)
        extraction.opening_text = opening_text(doc, part)
        return extraction
    return Extraction(source_path=doc.source_path, file_type=doc.file_type, sha256=doc.sha256,
                      part_index=part_index, part=part)


def plan_landlord(doc: Document, part: DocumentPart) -> str | None:
    """Plans name their landlord in the running footer ("X | ... Action Plan"),
    in the title ("... INSPECTION – X ACTION PLAN") or in their opening prose
    ("X's response", "X Housing Association will ..."); pairing a plan with
    its report needs it."""
    if name := landlord_from_furniture(doc, part):
        return name
    opening = without_running_lines(part_blocks(doc, part))[:15]
    for block in opening:
        if m := _PLAN_TITLE_LANDLORD.search(collapse(block.text)):
            name = m["name"].strip(" –-")
            if not re.search(r"\b(?:audit|commission|inspection|notice|short|improvement|our)\b", name, re.I):
                return name.title() if name.isupper() else name
    return landlord_named_in([b for b in opening if b.kind is not BlockKind.TABLE])


def opening_text(doc: Document, part: DocumentPart) -> str:
    """The words a plan opens with and its running headers, where it states its version."""
    opening = [b for b in part_blocks(doc, part)[:15] if b.kind is not BlockKind.TABLE]
    running = [b for b in doc.furniture if in_part(b, part)]
    lines = dict.fromkeys(collapse(b.text) for b in opening + running)  # headers repeat on every page
    return "\n".join(lines)[:2000]
