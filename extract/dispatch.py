"""One call from a read document to everything extracted from it: split the
file into its documents, then hand each to the extractor for its kind."""
from __future__ import annotations

import re

from .model import Document
from .plan import extract_plan
from .records import DocKind, DocumentPart, Extraction
from .parts import collapse, part_blocks, without_running_lines
from .report import extract_cover, extract_report
from .report_metadata import landlord_from_furniture
from .segment import split_document

# "... INSPECTION – <LANDLORD> ACTION PLAN ..." in a plan's title.
_PLAN_TITLE_LANDLORD = re.compile(
    r"(?:^|[–—-]|\bINSPECTION\b)\s*(?P<name>[A-Z][\w&'’ ]{1,60}?)\s+(?:SNI\s+)?ACTION\s+PLAN\b", re.I)


def extract_document(doc: Document) -> list[Extraction]:
    extractions = [extract_part(doc, part, i) for i, part in enumerate(split_document(doc))]
    for extraction in extractions:  # what the reader doubted, for the quality gate
        extraction.unreadable_text = doc.unreadable_text
        extraction.review_reasons[:0] = doc.review_reasons
    return extractions


def extract_part(doc: Document, part: DocumentPart, part_index: int) -> Extraction:
    if part.kind is DocKind.INSPECTION_REPORT:
        return extract_report(doc, part, part_index)
    if part.kind is DocKind.COVER_REPORT:
        return extract_cover(doc, part, part_index)
    if part.kind is DocKind.ACTION_PLAN:
        extraction = extract_plan(doc, part, part_index)
        if extraction.metadata.landlord is None:
            extraction.metadata.landlord = plan_landlord(doc, part)
        return extraction
    return Extraction(source_path=doc.source_path, file_type=doc.file_type, sha256=doc.sha256,
                      part_index=part_index, part=part)


def plan_landlord(doc: Document, part: DocumentPart) -> str | None:
    """Plans name their landlord in the running footer ("X | ... Action Plan")
    or in the title ("... INSPECTION – X ACTION PLAN"); pairing a plan with
    its report needs it."""
    if name := landlord_from_furniture(doc, part):
        return name
    for block in without_running_lines(part_blocks(doc, part))[:15]:
        if m := _PLAN_TITLE_LANDLORD.search(collapse(block.text)):
            name = m["name"].strip(" –-")
            if not re.search(r"\b(?:audit|commission|inspection|notice|short)\b", name, re.I):
                return name.title() if name.isupper() else name
    return None
