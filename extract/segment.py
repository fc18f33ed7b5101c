"""Split a file into the documents it holds: a council cover report, the
inspection report, the landlord's action plan.

A committee pack staples several documents together, each keeping its own
running footer and often its own page orientation, so the pages are first
grouped into *runs* sharing footer wording and orientation. A run whose
furniture names what it is ("... inspection report", "... Action Plan",
"agenda pack") takes that kind whole. Otherwise every page is scored from
what it says (committee vocabulary, inspection vocabulary, action tables)
and pages too vague to call (title pages, blank pages) join the part that
follows them. Formats without pages are scored by heading-delimited
sections of blocks instead.

The structural signs are the extractors' own: report headlines, the
recommendations heading and judgement tables as the inspection-report
layout finds them, plan tables by the column roles plans are read by.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .columns import Role, role_of_header
from .layouts.inspection_report import JUDGEMENT_HEADER, headline_match, opens_recommendations
from .model import Block, BlockKind, Document
from .parts import fold_case
from .records import DocKind, DocumentPart

KINDS = (DocKind.COVER_REPORT, DocKind.INSPECTION_REPORT, DocKind.ACTION_PLAN)

# A unit's own words must reach this score, and beat the runner-up by the
# margin, before it is called; weaker units take a neighbour's kind.
DECISIVE_SCORE = 3.0
DECISIVE_MARGIN = 1.5
FILE_FURNITURE_WEIGHT = 3.0

_FURNITURE_KIND = (
    (DocKind.ACTION_PLAN, re.compile(r"action\s+plan|improvement\s+plan", re.I)),
    (DocKind.INSPECTION_REPORT, re.compile(r"inspection\s+report|audit\s+commission", re.I)),
    (DocKind.COVER_REPORT, re.compile(
        r"agenda|committee|\bpanel\b|cabinet|\bcouncil\b|scrutiny|board\s+meeting", re.I)),
)

# (pattern, weight): each pattern counts once per unit, however often it occurs.
_COVER_WORDS = [
    (r"report\s+author", 4), (r"executive\s+member", 4), (r"lead\s+officer", 3),
    (r"portfolio\s+holder", 3), (r"cabinet\s+member", 3), (r"wards?\s+affected", 3),
    (r"agenda\s+item", 3), (r"members\s+are\s+(?:asked|requested|invited)", 3),
    (r"recommendations?\s+to\s+(?:members|the\s+(?:panel|committee|cabinet|board))", 3),
    (r"background\s+papers", 2), (r"(?:financial|legal|staffing)\b[^.\n]{0,40}\bimplications", 2),
    (r"\bappendix\s+\d", 1), (r"summary\s+and\s+recommendations?", 2),
    (r"\b(?:committee|panel|cabinet)\b", 1),
]
_REPORT_WORDS = [
    (r"inspection\s+report", 2), (r"dates?\s+of\s+(?:the\s+)?inspection", 2),
    (r"(?:strengths|weaknesses)\s+(?:significantly\s+)?outweigh", 2),
    (r"strengths\s+and\s+weaknesses\s+(?:are\s+)?in\s+balance", 2),
    (r"prospects\s+for\s+improvement", 1.5), (r"\bwe\s+(?:found|have\s+assessed)\b", 1.5),
    (r"key\s+lines\s+of\s+enquiry", 1.5), (r"expected\s+benefits?\s+of\s+this\s+recommendation", 3),
    (r"scope\s+of\s+(?:the|this)\s+inspection", 2), (r"audit\s+commission", 1),
    (r"(?:high|medium|low)\s+impact\s+with\s+(?:high|medium|low)\s+costs?", 3),
]
_PLAN_WORDS = [
    (r"action\s+plan", 1), (r"\bresponsible\s*:", 2), (r"executive\s+sponsor", 2),
    (r"progress\s+(?:to\s+date|made)", 1.5), (r"key\s+actions", 2),
]
# The patterns are lower case and search case-folded text (parts.fold_case):
# without re.IGNORECASE the regex engine skips ahead to each pattern's first
# word, which makes scoring a page several times faster.
_COVER_RE = [(re.compile(p), w) for p, w in _COVER_WORDS]
_REPORT_RE = [(re.compile(p), w) for p, w in _REPORT_WORDS]
_PLAN_RE = [(re.compile(p), w) for p, w in _PLAN_WORDS]

_NUMBERED_PARA = re.compile(r"^\d{1,2}\.\d{1,2}\s+\S")
_NUMBERED_CAPS_HEADING = re.compile(r"^\d{1,2}\.?\s+[A-Z][A-Z ,&()'-]{3,}$")
_PLAN_TITLE = re.compile(r"\baction\s+plan\b", re.I)
# Header roles only an action plan's tables carry (a ref or recommendation
# column is printed in reports too).
_PLAN_COLUMN_ROLES = frozenset(Role) - {Role.REF, Role.RECOMMENDATION}


@dataclass
class Unit:
    """A page, or for formats without pages a heading-led run of blocks."""

    first_block: int
    last_block: int
    page: int | None = None
    signature: str = ""
    furniture_kind: DocKind | None = None
    scores: dict[DocKind, float] = field(default_factory=dict)
    kind: DocKind | None = None


def split_document(doc: Document) -> list[DocumentPart]:
    units = page_units(doc) if doc.pages else section_units(doc)
    # Without pages one file-wide set of furniture cannot say where documents
    # change, so it only leans every unit towards the kind it names.
    file_kind = None if doc.pages else furniture_kind([b.text for b in doc.furniture])
    for unit in units:
        blocks = doc.blocks[unit.first_block:unit.last_block + 1] if unit.first_block >= 0 else []
        unit.scores = score_blocks(blocks)
        if file_kind is not None:
            unit.scores[file_kind] += FILE_FURNITURE_WEIGHT
    assign_kinds(units)
    return units_to_parts(doc, units)


# -- units --------------------------------------------------------------------

def page_units(doc: Document) -> list[Unit]:
    spans: dict[int, list[int]] = {}
    for i, block in enumerate(doc.blocks):
        if block.page is not None:
            spans.setdefault(block.page, []).append(i)
    furniture_by_page: dict[int, list[str]] = {}
    for block in doc.furniture:
        furniture_by_page.setdefault(block.page, []).append(block.text)
    units = []
    for page in doc.pages:
        idx = spans.get(page.number, [])
        furniture = furniture_by_page.get(page.number, [])
        units.append(Unit(
            first_block=idx[0] if idx else -1, last_block=idx[-1] if idx else -2,
            page=page.number,
            signature=f"{page.orientation}|{furniture_signature(page.running_footer)}",
            furniture_kind=furniture_kind(furniture)))
    return units


def section_units(doc: Document) -> list[Unit]:
    """Without pages, a heading is where a new document can begin, so the
    sections between headings are the units."""
    starts = [0] + [i for i, b in enumerate(doc.blocks)
                    if i and b.kind is BlockKind.HEADING
                    and doc.blocks[i - 1].kind is not BlockKind.HEADING]
    bounds = zip(starts, starts[1:] + [len(doc.blocks)])
    return [Unit(first_block=a, last_block=b - 1) for a, b in bounds if b > a]


def furniture_signature(lines: list[str]) -> str:
    """Footer wording with page numbers taken out, so every page of one
    document shares it and a stapled-on document does not."""
    words = []
    for line in lines:
        text = re.sub(r"\bpage\b|\bof\b\s*$|\d+", " ", line, flags=re.I)
        text = re.sub(r"\s+", " ", text).strip(" |-–").lower()
        if text:
            words.append(text)
    return " / ".join(sorted(words))


def furniture_kind(lines: list[str]) -> DocKind | None:
    """The one kind the running heads and footers name, if exactly one."""
    named = set()
    for line in lines:
        for kind, pattern in _FURNITURE_KIND:
            if pattern.search(line):
                named.add(kind)
                break
    return named.pop() if len(named) == 1 else None


# -- scoring ------------------------------------------------------------------

def score_blocks(blocks: list[Block]) -> dict[DocKind, float]:
    text = fold_case("\n".join(b.text for b in blocks if b.kind is not BlockKind.TABLE))
    scores = {
        DocKind.COVER_REPORT: _pattern_score(_COVER_RE, text),
        DocKind.INSPECTION_REPORT: _pattern_score(_REPORT_RE, text),
        DocKind.ACTION_PLAN: _pattern_score(_PLAN_RE, text),
    }
    numbered = sum(1 for b in blocks if _NUMBERED_PARA.match(b.text))
    caps = sum(1 for b in blocks if b.kind is BlockKind.HEADING and _NUMBERED_CAPS_HEADING.match(b.text))
    scores[DocKind.COVER_REPORT] += min(numbered, 6) * 0.5 + min(caps, 2) * 1.5
    for block in blocks:
        if opens_recommendations(block):
            scores[DocKind.INSPECTION_REPORT] += 2
        if block.kind is not BlockKind.HEADING and headline_match(block):
            scores[DocKind.INSPECTION_REPORT] += 1
        if block.kind is BlockKind.HEADING and _PLAN_TITLE.search(block.text):
            scores[DocKind.ACTION_PLAN] += 3
        if block.table is not None:
            header = [h for h in block.table.header if h.strip()]
            if header and JUDGEMENT_HEADER.match(header[-1].strip()):
                scores[DocKind.INSPECTION_REPORT] += 3
            elif sum(1 for h in header if role_of_header(h) in _PLAN_COLUMN_ROLES) >= 2:
                scores[DocKind.ACTION_PLAN] += 4
    return scores


def _pattern_score(patterns, folded_text: str) -> float:
    return sum(weight for pattern, weight in patterns if pattern.search(folded_text))


def decisive_kind(scores: dict[DocKind, float]) -> DocKind | None:
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    if not ranked:
        return None
    (best, top), second = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0.0)
    if top >= DECISIVE_SCORE and top - second >= DECISIVE_MARGIN:
        return best
    return None


# -- deciding -------------------------------------------------------------------

def assign_kinds(units: list[Unit]) -> None:
    for run in runs_of(units):
        named = {u.furniture_kind for u in run}
        if len(named) == 1 and None not in named:
            for unit in run:
                unit.kind = unit.furniture_kind
        else:
            for unit in run:
                unit.kind = decisive_kind(unit.scores)
    fill_undecided(units)
    absorb_islands(units)


def runs_of(units: list[Unit]) -> list[list[Unit]]:
    runs: list[list[Unit]] = []
    for unit in units:
        if runs and runs[-1][-1].signature == unit.signature and unit.signature:
            runs[-1].append(unit)
        else:
            runs.append([unit])
    return runs


def fill_undecided(units: list[Unit]) -> None:
    """Units too vague to call sit between two decided ones. Title pages open
    the document after them, but back matter closes the one before: where
    the footer or orientation changes inside the gap, that is the cut;
    without such a change the gap opens the following document."""
    decided = [i for i, u in enumerate(units) if u.kind is not None]
    if not decided:
        for unit in units:
            unit.kind = DocKind.OTHER
        return
    for unit in units[:decided[0]]:
        unit.kind = units[decided[0]].kind
    for unit in units[decided[-1] + 1:]:
        unit.kind = units[decided[-1]].kind
    for a, b in zip(decided, decided[1:]):
        cut = next((k for k in range(a + 1, b + 1)
                    if units[k].signature != units[k - 1].signature), a + 1)
        for k in range(a + 1, b):
            units[k].kind = units[a].kind if k < cut else units[b].kind


def absorb_islands(units: list[Unit]) -> None:
    """One unit of another kind inside a stretch of one kind is a page that
    quotes the other document (a report page citing the action plan), not a
    document of its own, unless its furniture says otherwise."""
    for i in range(1, len(units) - 1):
        before, unit, after = units[i - 1], units[i], units[i + 1]
        if before.kind == after.kind != unit.kind and unit.furniture_kind != unit.kind:
            unit.kind = before.kind


def units_to_parts(doc: Document, units: list[Unit]) -> list[DocumentPart]:
    parts: list[DocumentPart] = []
    groups: list[list[Unit]] = []
    for unit in units:
        if groups and groups[-1][-1].kind == unit.kind:
            groups[-1].append(unit)
        else:
            groups.append([unit])
    for group in groups:
        first = min((u.first_block for u in group if u.first_block >= 0), default=0)
        last = max((u.last_block for u in group if u.last_block >= 0), default=-1)
        part = DocumentPart(
            kind=group[0].kind,
            page_start=group[0].page, page_end=group[-1].page,
            first_block=first, last_block=last)
        part.title = part_title(doc, part)
        parts.append(part)
    if not parts:
        parts.append(DocumentPart(kind=DocKind.OTHER, page_start=None, page_end=None))
    return parts


_TITLE_WORDS = re.compile(r"inspection|action\s+plan|report|improvement\s+plan", re.I)


def part_title(doc: Document, part: DocumentPart) -> str | None:
    """The document's name as its running footer gives it ("Landlord | Short
    notice inspection report"), else the first titled line near its start."""
    if part.page_start is not None:
        footers = [b.text for b in doc.furniture
                   if b.page is not None and part.page_start <= b.page <= (part.page_end or b.page)
                   and b.kind is BlockKind.RUNNING_FOOTER and "|" in b.text]
        if footers:
            common = max(set(footers), key=footers.count)
            return common.split("|", 1)[1].strip()
    blocks = doc.blocks[part.first_block:part.last_block + 1][:12]
    for block in blocks:
        if block.kind in (BlockKind.HEADING, BlockKind.PARAGRAPH) \
                and len(block.text.split()) >= 3 and _TITLE_WORDS.search(block.text):
            return re.sub(r"\s+", " ", block.text).strip()
    headings = [b.text for b in blocks if b.kind is BlockKind.HEADING]
    return headings[0].strip() if headings else None
