"""What an inspection report (or a cover report) says about itself: the
landlord, the inspecting body, title, publication and inspection dates, and
the service areas in scope."""
from __future__ import annotations

import re
from collections import Counter

from .lexicon import MONTHS_FULL
from .list_items import clean_item, strip_enumerator
from .model import Block, BlockKind, Document
from .parts import SKIPPED_KINDS, collapse, fold_case, in_part
from .records import DocumentPart, ReportMetadata

_MONTH_YEAR = re.compile(rf"^(?:{MONTHS_FULL})\s+\d{{4}}$", re.I)
_INSPECTION_DATES = re.compile(
    r"\bdates?\s+of\s+(?:the\s+)?inspection\s*:?\s*(?P<when>[^\n]+?)\.?$"
    rf"|\binspected\s+(?:on|between|from)\s+(?P<when2>\d[^.]*?\b(?:{MONTHS_FULL})\b,?\s+\d{{4}})", re.I)
_PUBLISHED = re.compile(rf"\bpublished\s+(?:in\s+)?(?P<when>(?:{MONTHS_FULL})\s+\d{{4}})", re.I)
_SCOPE_INTRO = re.compile(r"\bscope\b[^.]*\b(?:includes?|covers?|covered|focused\s+on)\b"
                          r"[^.]*\b(?:following|these)\b", re.I)
_LANDLORD_SUFFIX = (r"(?:Limited|Ltd|plc|Housing\s+Association|Housing\s+Trust|Trust|Group|Homes|"
                    r"Housing|Association|Council|Partnership|Society)")
_ORG_NAME = re.compile(rf"^[A-Z][\w&'’.\- ]{{1,80}}?\b{_LANDLORD_SUFFIX}$")
# "inspection of X Housing Association": the landlord a report or cover report is about.
INSPECTION_OF = re.compile(
    rf"\b(?i:inspection\s+(?:report\s+)?(?:of|for|into)\s+(?:the\s+)?)"
    rf"(?P<name>[A-Z][\w&'’\-]*(?:\s+[A-Z][\w&'’\-]*)*\s+{_LANDLORD_SUFFIX}(?:\s+Limited)?)")
# An organisation named inside a sentence: capitalised words ending in a
# landlord's suffix, not an inspecting body.
_ORG_IN_TEXT = re.compile(
    rf"(?<![\w’'])(?!(?:The|This|Our|An?|Audit|Tenant\s+Services)\b)(?P<name>[A-Z][\w&'’\-]*(?:\s+[A-Z][\w&'’\-]*){{0,7}}"
    rf"\s+{_LANDLORD_SUFFIX}(?:\s+Limited)?)\b")
# "<Landlord Limited>: short notice inspection report" as a title line.
_NAME_BEFORE_TITLE = re.compile(
    rf"^(?P<name>[A-Z][\w&'’.\- ]{{1,80}}?\b{_LANDLORD_SUFFIX})\s*[:|–—-]\s+.*\b(?i:inspection|report)\b")
_BODIES = ("Audit Commission", "Housing Inspectorate", "Tenant Services Authority",
           "Homes and Communities Agency", "Regulator of Social Housing")


def read_metadata(doc: Document, part: DocumentPart, blocks: list[Block]) -> ReportMetadata:
    meta = ReportMetadata()
    front = front_matter(blocks)
    meta.landlord = landlord_from_furniture(doc, part) or landlord_from_text(front, blocks)
    meta.inspecting_body = inspecting_body(blocks)
    meta.title = report_title(front)
    meta.published_text = published_text(front, blocks)
    meta.inspection_dates_text = inspection_dates(blocks)
    meta.scope = scope_areas(blocks)
    return meta


def front_matter(blocks: list[Block]) -> list[Block]:
    """The title pages: blocks before the first table or numbered paragraph,
    or the first three pages."""
    pages = sorted({b.page for b in blocks if b.page is not None})
    if pages:
        return [b for b in blocks if b.page is not None and b.page < pages[0] + 3
                and b.kind is not BlockKind.TABLE]
    front = []
    for block in blocks[:20]:
        if block.kind is BlockKind.TABLE or re.match(r"^\d+\s+\S", block.text):
            break
        front.append(block)
    return front


def landlord_from_furniture(doc: Document, part: DocumentPart) -> str | None:
    """Report and plan footers name the landlord before a bar: "X | ... report", "X | Action plan"."""
    lines = [b.text for b in doc.furniture if in_part(b, part)]
    names = [collapse(line.split("|", 1)[0]) for line in lines
             if "|" in line and re.search(r"inspection|report|plan\b", line.split("|", 1)[1], re.I)]
    return Counter(names).most_common(1)[0][0] if names else None


def landlord_from_text(front: list[Block], blocks: list[Block]) -> str | None:
    for block in front:
        text = collapse(block.text)
        if _ORG_NAME.match(text) and len(text.split()) <= 8 and not re.search(
                r"inspection|commission|report", text, re.I):
            return text
    for block in front + blocks[:60]:
        text = collapse(block.text)
        if m := INSPECTION_OF.search(text) or _NAME_BEFORE_TITLE.match(text):
            return m["name"]
    return None


# "Tamar Living's response to ...", "Northfield Homes' action plan": a
# capitalised name owning the document. Sentence openers ("This", "Our") are no name.
# The name is bounded to eight words, so a long run of capitalised words costs
# linear time, not quadratic.
_OWNER_OF_DOCUMENT = re.compile(
    r"(?<![\w’'])(?P<name>[A-Z][\w&\-]*(?:\s+(?:[A-Z][\w&\-]*|of|and|&)){0,7}?)(?:['’]s|s['’])\s+"
    r"(?:(?:draft|revised|updated|full|formal)\s+)?(?:response|action\s+plan|improvement\s+plan|plan\b)")
_NOT_A_LANDLORD = re.compile(r"^(?:this|our|the|its|their|audit\s+commission|commission|inspector)\b", re.I)


def landlord_named_in(blocks: list[Block]) -> str | None:
    """The landlord a plan names in its opening prose: an organisation by its
    legal or sector suffix ("X Limited", "X Housing Association", "X Homes"),
    or a name owning the plan ("X's response")."""
    for block in blocks:
        text = collapse(block.text)
        if (m := _OWNER_OF_DOCUMENT.search(text)) and not _NOT_A_LANDLORD.match(m["name"]):
            return m["name"]
        if m := _ORG_IN_TEXT.search(text):
            return m["name"]
    return None


def inspecting_body(blocks: list[Block]) -> str | None:
    text = fold_case(" ".join(b.text for b in blocks))
    counts = {body: text.count(body.lower()) for body in _BODIES}
    best = max(counts, key=counts.get)
    return best if counts[best] else None


def report_title(front: list[Block]) -> str | None:
    for block in front:
        text = collapse(block.text)
        if re.search(r"\binspection\b", text, re.I) and len(text.split()) >= 3:
            return text
    return None


def published_text(front: list[Block], blocks: list[Block]) -> str | None:
    for block in front:
        if _MONTH_YEAR.match(collapse(block.text)):
            return collapse(block.text)
    for block in blocks:
        if m := _PUBLISHED.search(collapse(block.text)):
            return m["when"]
    return None


def inspection_dates(blocks: list[Block]) -> str | None:
    for block in blocks:
        if m := _INSPECTION_DATES.search(collapse(block.text)):
            return collapse(m["when"] or m["when2"])
    return None


def scope_areas(blocks: list[Block]) -> list[str]:
    """The list printed after "The scope includes the following service areas"."""
    for i, block in enumerate(blocks):
        if block.kind is BlockKind.LIST_ITEM or not _SCOPE_INTRO.search(collapse(block.text)):
            continue
        items = []
        for later in blocks[i + 1:]:
            if later.kind in SKIPPED_KINDS:
                continue
            if later.kind is not BlockKind.LIST_ITEM or re.match(r"^\d+\s", later.text):
                break
            items.append(clean_item(strip_enumerator(later.text)))
        if items:
            return items
    return []
