"""Report layout: a council cover report presenting an inspection to a
committee. What it gives is its own count of the recommendations, headings
and actions ("29 recommendations grouped under six headings") and what it
says about the inspection.
"""
from __future__ import annotations

import re

from ..model import Block, BlockKind, Document
from ..parts import SKIPPED_KINDS, collapse, part_blocks, source_of, without_running_lines
from ..records import CountClaim, DocumentPart, Extraction, ReportMetadata
from ..report_metadata import INSPECTION_OF, inspecting_body, inspection_dates, published_text

_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}
_NUMBER = (r"\d{1,3}|(?:" + "|".join(_TENS) + r")(?:[\s-](?:" + "|".join(list(_NUMBER_WORDS)[1:10])
           + r"))?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)))
# "29 recommendations", "six key recommendations", "the 6 headings"; not
# "pages 1 to 37 of the Action Plan" nor "Appendix 2 - Action Plan".
_COUNT = re.compile(
    rf"(?<![\d.,£])\b(?P<n>(?i:{_NUMBER}))\b(?![.,]\d)\s+"
    r"(?:(?!(?:of|the|to|and|or|in|on|at|for|by|with|from)\b)[a-z-]+\s+){0,2}?"
    r"(?P<what>recommendations?|actions?|headings?|points?(?=\s+for\s+action))\b")
_NOT_A_COUNT = re.compile(r"\b(?:appendix|appendices|page|pages|paragraph|section|table|item|annex)\s*$", re.I)


def word_to_number(word: str) -> int | None:
    word = word.lower().replace("-", " ").strip()
    if word.isdigit():
        return int(word)
    parts = word.split()
    if len(parts) == 1:
        return _NUMBER_WORDS.get(parts[0], _TENS.get(parts[0]))
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _NUMBER_WORDS:
        return _TENS[parts[0]] + _NUMBER_WORDS[parts[1]]
    return None


def read_count_claims(blocks: list[Block], path: str) -> list[CountClaim]:
    """"There were 29 recommendations grouped under 6 headings" -> 29
    recommendations, 6 headings; "21 points for action" -> 21 points;
    numbers written as words count too."""
    claims: list[CountClaim] = []
    for block in blocks:
        if block.kind in SKIPPED_KINDS or block.kind is BlockKind.TABLE:
            continue
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9])", collapse(block.text)):
            for m in _COUNT.finditer(sentence):
                count = word_to_number(m["n"])
                if count is None or _NOT_A_COUNT.search(sentence[:m.start()]):
                    continue
                what = m["what"].lower()
                what = what if what.endswith("s") else what + "s"
                claims.append(CountClaim(what=what, count=count, text=sentence,
                                         source=source_of(path, block)))
    return claims


# -- the layout ---------------------------------------------------------------

def score(doc: Document, part: DocumentPart) -> float:
    """The counts the part states."""
    return float(len(read_count_claims(without_running_lines(part_blocks(doc, part)), doc.source_path)))


def extract(doc: Document, part: DocumentPart, part_index: int) -> Extraction:
    out = Extraction(doc.source_path, doc.file_type, doc.sha256, part_index, part)
    blocks = without_running_lines(part_blocks(doc, part))
    out.claims = read_count_claims(blocks, doc.source_path)
    meta = ReportMetadata()
    meta.title = part.title or (collapse(blocks[0].text) if blocks else None)
    for block in blocks:
        if meta.landlord is None and (m := INSPECTION_OF.search(collapse(block.text))):
            meta.landlord = m["name"]
    meta.inspecting_body = inspecting_body(blocks)
    meta.published_text = published_text([], blocks)
    meta.inspection_dates_text = inspection_dates(blocks)
    out.metadata = meta
    return out
