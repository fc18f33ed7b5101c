"""Read an inspection report (and a council cover report) into raw records.

Each step is a small function whose result can be looked at on its own:

    blocks = part_blocks(doc, part)
    section = find_recommendation_section(blocks)
    groups = blocks_to_recommendation_groups(section)
    rows = [r for g in groups for r in group_to_recommendations(g, doc.source_path)]

Nothing depends on one report's wording or layout: headlines are found by
their ``R<n>`` / ``Recommendation <n>`` refs, the section by its heading
words, judgement tables by their header words or judgement phrases, and the
bullets, benefits, ratings and deadline by the grammar of the sentences the
Audit Commission uses around them.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .model import Block, BlockKind, Document
from .refs import canonical_ref
from .records import (CountClaim, DocumentPart, Extraction, RawJudgement,
                      RawRecommendation, ReportMetadata, Source)

SKIPPED_KINDS = (BlockKind.FOOTNOTE, BlockKind.ASIDE,
                 BlockKind.RUNNING_HEADER, BlockKind.RUNNING_FOOTER)
MONTHS = ("january|february|march|april|may|june|july|august|september|october|"
          "november|december")
RATING_WORDS = "high|medium|low"

_SECTION_HEADING = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:our\s+|summary\s+of\s+|key\s+)?recommendations\s*:?$", re.I)
# A sub-heading that only says "Recommendation" (the report prints one above
# every headline) is layout, not content.
_SUBHEADING = re.compile(r"^recommendations?\s*:?$", re.I)
# "R1 Provide ...", "R1. Provide", "Recommendation R1", "Recommendation 1:
# Provide ...", or the ref alone on its line.
_HEADLINE = re.compile(
    r"^(?P<ref>(?:recommendation\s*)?R\s?(?P<n1>\d{1,2})|recommendation\s+(?P<n2>\d{1,2}))"
    r"(?![\d.]\d)(?:\s*[.:)\-–]\s*|\s+|$)(?P<rest>.*)$", re.I | re.S)
_ENUMERATOR = re.compile(
    r"^(?:[•◦▪·●\uf0b7*-]|\(?[a-z]\)|\(?[ivx]{1,4}\)|\d{1,2}[.)])\s+(?=\S)", re.I)
_BENEFITS_INTRO = re.compile(
    r"\b(?:the\s+)?expected\s+benefits?\s+of\s+(?:this|the)\s+recommendation\s+"
    r"(?:is|are|will\s+be|include)\s*:?\s*(?P<inline>.*)$", re.I | re.S)
_IMPACT = re.compile(rf"\b(?P<v>{RATING_WORDS})\s+impact\b|\bimpact\s*(?:is|will\s+be|:)\s*(?P<w>{RATING_WORDS})\b", re.I)
_COST = re.compile(rf"\b(?P<v>{RATING_WORDS})\s+costs?\b|\bcosts?\s*(?:is|are|will\s+be|:)\s*(?P<w>{RATING_WORDS})\b", re.I)
_DATE_WORDS = re.compile(
    rf"\b(?:{MONTHS}|\d{{4}}|end\s+of|quarter|spring|summer|autumn|winter|financial\s+year|"
    rf"months?|weeks?)\b", re.I)
_DEADLINE_LABEL = re.compile(
    r"\b(?:target\s+date|deadline|timescale|completion\s+date)\s*[:\-–]\s*(?P<when>[^.;\n]+)", re.I)
_SHOULD_BE = re.compile(r"\b(?:should|must|needs?\s+to|is\s+to)\s+be\b(?P<tail>[^.]*)", re.I)
_WHEN_IMMEDIATE = re.compile(r"\b(?P<when>immediately|as\s+soon\s+as\s+possible|without\s+delay)\b", re.I)
_WHEN_BY = re.compile(r"\b(?:by|before|no\s+later\s+than)\s+(?P<when>.+)$", re.I)
_WHEN_WITHIN = re.compile(r"\b(?P<when>within\s+.+)$", re.I)
_JUDGEMENT_HEADER = re.compile(r"^(?:assessment|judge?ment|score|rating|grade)s?$", re.I)
_JUDGEMENT_PHRASE = re.compile(
    r"(?:strengths|weaknesses)\s+(?:significantly\s+)?outweigh|strengths\s+and\s+weaknesses\s+"
    r"(?:are\s+)?(?:in\s+)?balanced?|(?:excellent|promising|uncertain|poor)\s+prospects|"
    r"^(?:excellent|good|fair|poor|adequate|outstanding|inadequate)\b|\bstars?\b|^[★*]{1,3}$", re.I)
_CAPTION = re.compile(r"^(?:table|figure)\s+\d+\b", re.I)
_MONTH_YEAR = re.compile(rf"^(?:{MONTHS})\s+\d{{4}}$", re.I)
_INSPECTION_DATES = re.compile(
    r"\bdates?\s+of\s+(?:the\s+)?inspection\s*:?\s*(?P<when>[^\n]+?)\.?$"
    rf"|\binspected\s+(?:on|between|from)\s+(?P<when2>\d[^.]*?\b(?:{MONTHS})\b,?\s+\d{{4}})", re.I)
_PUBLISHED = re.compile(rf"\bpublished\s+(?:in\s+)?(?P<when>(?:{MONTHS})\s+\d{{4}})", re.I)
_SCOPE_INTRO = re.compile(r"\bscope\b[^.]*\b(?:includes?|covers?|covered|focused\s+on)\b"
                          r"[^.]*\b(?:following|these)\b", re.I)
_LANDLORD_SUFFIX = (r"(?:Limited|Ltd|plc|Housing\s+Association|Housing\s+Trust|Trust|Group|Homes|"
                    r"Housing|Association|Council|Partnership|Society)")
_ORG_NAME = re.compile(rf"^[A-Z][\w&'’.\- ]{{1,80}}?\b{_LANDLORD_SUFFIX}$")
_INSPECTION_OF = re.compile(
    rf"\b(?i:inspection\s+(?:report\s+)?(?:of|for|into)\s+(?:the\s+)?)"
    rf"(?P<name>[A-Z][\w&'’\-]*(?:\s+[A-Z][\w&'’\-]*)*\s+{_LANDLORD_SUFFIX}(?:\s+Limited)?)")
# "<Landlord Limited>: short notice inspection report" as a title line.
_NAME_BEFORE_TITLE = re.compile(
    rf"^(?P<name>[A-Z][\w&'’.\- ]{{1,80}}?\b{_LANDLORD_SUFFIX})\s*[:|–—-]\s+.*\b(?i:inspection|report)\b")
_BODIES = ("Audit Commission", "Housing Inspectorate", "Tenant Services Authority",
           "Homes and Communities Agency", "Regulator of Social Housing")
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
    r"(?P<what>recommendations?|actions?|headings?)\b")
_NOT_A_COUNT = re.compile(r"\b(?:appendix|appendices|page|pages|paragraph|section|table|item|annex)\s*$", re.I)


# -- the part's blocks --------------------------------------------------------

def part_blocks(doc: Document, part: DocumentPart) -> list[Block]:
    """The part's body blocks without furniture the reader left in the body
    (text conversions keep running heads as lines of their own)."""
    blocks = doc.blocks[part.first_block:part.last_block + 1] if part.last_block >= 0 else []
    repeated = repeated_lines(blocks)
    return [b for b in blocks if _furniture_key(b) not in repeated]


def repeated_lines(blocks: list[Block]) -> set[str]:
    """Short unpunctuated lines printed three times or more, page numbers
    aside, are running heads. Sentences recur too ("The expected benefits
    of this recommendation are:") but end in punctuation."""
    counts = Counter(_furniture_key(b) for b in blocks
                     if b.kind is BlockKind.PARAGRAPH and len(b.text.split()) <= 12
                     and not re.search(r"[.:;?!]$", b.text.strip()))
    return {key for key, n in counts.items() if n >= 3 and key}


def _furniture_key(block: Block) -> str:
    return re.sub(r"\d+", "#", collapse(block.text)).lower() if block.kind is BlockKind.PARAGRAPH else ""


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def source_of(path: str, block: Block) -> Source:
    return Source(path, block.page, block.locator)


# -- recommendations ----------------------------------------------------------

@dataclass
class RecommendationGroup:
    """One headline and everything printed under it up to the next one."""

    ref_as_written: str
    ref: str
    headline: Block
    text: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class GroupContents:
    bullets: list[tuple[str, str, Block]]  # text, enumerator as printed ("a)", "" for glyphs), block
    benefits: list[str]
    statements: list[str]  # the sentences after the bullets: ratings, deadline


def find_recommendation_section(blocks: list[Block]) -> list[Block]:
    """The blocks under the first "Recommendations" heading that holds a
    headline, up to the next heading of the same rank. Without such a
    heading the whole part is searched, as some reports list them bare."""
    for i, block in enumerate(blocks):
        if block.kind is not BlockKind.HEADING or not _SECTION_HEADING.match(collapse(block.text)):
            continue
        end = next((j for j in range(i + 1, len(blocks)) if ends_section(block, blocks[j])),
                   len(blocks))
        section = blocks[i + 1:end]
        if any(headline_match(b) for b in section):
            return section
    return blocks


def ends_section(section_heading: Block, block: Block) -> bool:
    if block.kind is not BlockKind.HEADING:
        return False
    text = collapse(block.text)
    if _SUBHEADING.match(text) or headline_match(block) or _SECTION_HEADING.match(text):
        return False
    if section_heading.font_size and block.font_size:
        return block.font_size >= section_heading.font_size - 0.5
    if section_heading.level is not None and block.level is not None:
        return block.level <= section_heading.level
    return True


def headline_match(block: Block) -> re.Match | None:
    if block.kind in SKIPPED_KINDS or block.kind is BlockKind.TABLE:
        return None
    return _HEADLINE.match(collapse(block.text))


def blocks_to_recommendation_groups(section: list[Block]) -> list[RecommendationGroup]:
    groups: list[RecommendationGroup] = []
    pending_sentence = False
    for block in section:
        if block.kind in SKIPPED_KINDS:
            continue
        match = headline_match(block)
        if match:
            number = match["n1"] or match["n2"]
            rest = collapse(match["rest"])
            groups.append(RecommendationGroup(
                ref_as_written=collapse(match["ref"]), ref=canonical_ref(f"R{number}"),
                headline=block, text=rest))
            pending_sentence = not rest
            continue
        if not groups:
            continue
        group = groups[-1]
        if block.kind is BlockKind.HEADING and _SUBHEADING.match(collapse(block.text)):
            continue
        if pending_sentence and block.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING):
            # The ref stood on its own line; the sentence is the next line.
            group.text = collapse(block.text)
            pending_sentence = False
            continue
        if continues_headline(group, block):
            group.text = f"{group.text} {collapse(block.text)}"
            continue
        group.blocks.append(block)
    return groups


def continues_headline(group: RecommendationGroup, block: Block) -> bool:
    """A headline sentence cut by a page break goes on in a paragraph that
    starts in lower case before any bullet."""
    return (not group.blocks and block.kind is BlockKind.PARAGRAPH and bool(group.text)
            and not re.search(r"[.:;]$", group.text) and block.text[:1].islower())


def split_group(group: RecommendationGroup) -> GroupContents:
    """Sort a group's blocks into bullets, the benefits list and the closing
    sentences. Bullets stop at the benefits or rating sentences."""
    bullets: list[tuple[str, str, Block]] = []
    benefits: list[str] = []
    statements: list[str] = []
    state = "bullets"
    for block in group.blocks:
        if block.kind is BlockKind.HEADING or block.kind is BlockKind.TABLE:
            continue
        text = collapse(block.text)
        intro = _BENEFITS_INTRO.search(text)
        if intro:
            state = "benefits"
            benefits.extend(split_inline_list(intro["inline"]))
            continue
        listed = block.kind is BlockKind.LIST_ITEM or bool(_ENUMERATOR.match(text))
        if listed and state == "bullets":
            bullets.append((strip_enumerator(text), enumerator_of(text), block))
        elif listed and state == "benefits":
            benefits.append(clean_item(strip_enumerator(text)))
        elif text[:1].islower() and state == "bullets" and bullets:
            # A bullet carried over a page break.
            first, marker, first_block = bullets[-1]
            bullets[-1] = (f"{first} {text}", marker, first_block)
        elif text[:1].islower() and state == "benefits" and benefits:
            benefits[-1] = clean_item(f"{benefits[-1]} {text}")
        else:
            state = "statements"
            statements.append(text)
    return GroupContents([(clean_item(t), m, b) for t, m, b in bullets], benefits, statements)


def split_inline_list(text: str) -> list[str]:
    return [clean_item(t) for t in re.split(r";\s*(?:and\s+|or\s+)?", text) if clean_item(t)]


def strip_enumerator(text: str) -> str:
    return _ENUMERATOR.sub("", text, count=1)


def enumerator_of(text: str) -> str:
    """A bullet's own numbering ("a)", "(ii)", "3."); glyphs number nothing."""
    m = _ENUMERATOR.match(text)
    return m.group(0).strip() if m and re.search(r"[\w]", m.group(0)) else ""


def clean_item(text: str) -> str:
    """A list item as the gold keeps it: whitespace collapsed and the list
    punctuation ("; and", ";", ".") taken off its end."""
    text = collapse(text)
    return re.sub(r"\s*(?:[;,]\s*(?:and|or)|[;,.])\s*$", "", text).strip()


def parse_rating(text: str) -> tuple[str | None, str | None]:
    """"will have high impact with low costs" -> ("high", "low")."""
    impact = _IMPACT.search(text)
    cost = _COST.search(text)
    return (_rating_value(impact), _rating_value(cost))


def _rating_value(match: re.Match | None) -> str | None:
    return (match["v"] or match["w"]).lower() if match else None


def parse_deadline_text(text: str) -> str | None:
    """The deadline as printed: "This should be carried out by June 2011." ->
    "June 2011"; "... immediately." -> "immediately"; "by the end of March
    2011" -> "the end of March 2011"; "within six months" kept whole."""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        label = _DEADLINE_LABEL.search(sentence)
        if label:
            return clean_item(label["when"])
        should = _SHOULD_BE.search(sentence)
        if not should:
            continue
        tail = should["tail"]
        if imm := _WHEN_IMMEDIATE.search(tail):
            return imm["when"]
        for pattern in (_WHEN_BY, _WHEN_WITHIN):
            found = pattern.search(tail)
            if found and _DATE_WORDS.search(found["when"]):
                return clean_item(found["when"])
    return None


def group_to_recommendations(group: RecommendationGroup, path: str) -> list[RawRecommendation]:
    contents = split_group(group)
    closing = " ".join(contents.statements)
    impact, cost = parse_rating(closing)
    deadline = parse_deadline_text(closing)
    headline = RawRecommendation(
        ref_as_written=group.ref_as_written, ref=group.ref, parent_ref=None, level="headline",
        text=group.text, target_date_text=deadline, impact=impact, cost=cost,
        benefits=contents.benefits, source=source_of(path, group.headline))
    rows = [headline]
    for k, (text, marker, block) in enumerate(contents.bullets, start=1):
        rows.append(RawRecommendation(
            ref_as_written=marker,
            ref=f"{group.ref}.{k}", parent_ref=group.ref, level="bullet", text=text,
            target_date_text=deadline, impact=impact, cost=cost, benefits=[],
            source=source_of(path, block)))
    return rows


def recommendation_review_reasons(section_found: bool, groups: list[RecommendationGroup],
                                  rows: list[RawRecommendation]) -> list[str]:
    reasons = []
    if section_found and not groups:
        reasons.append("a Recommendations section was found but no R-numbered recommendation in it")
    numbers = [int(g.ref[1:]) for g in groups]
    if numbers and numbers != list(range(1, len(numbers) + 1)):
        reasons.append(f"recommendation refs are not R1..R{len(numbers)} in order: "
                       + ", ".join(g.ref for g in groups))
    for row in rows:
        if row.level != "headline":
            continue
        if row.target_date_text is None:
            reasons.append(f"{row.ref}: no deadline found")
        if not row.text:
            reasons.append(f"{row.ref}: headline has no text")
        bullets = [r for r in rows if r.parent_ref == row.ref]
        if row.text.rstrip().endswith(":") and not bullets:
            reasons.append(f"{row.ref}: headline introduces a list but no bullets were found")
    return reasons


# -- judgements -----------------------------------------------------------------

def is_judgement_table(block: Block) -> bool:
    table = block.table
    if table is None or table.n_cols < 2:
        return False
    header = [h for h in table.header if h.strip()]
    if header and _JUDGEMENT_HEADER.match(collapse(header[-1])):
        return True
    lasts = [r.cells[-1].text for r in table.rows if r.cells and r.cells[-1].text.strip()]
    return bool(lasts) and sum(1 for t in lasts if _JUDGEMENT_PHRASE.search(collapse(t))) > len(lasts) / 2


def table_caption(blocks: list[Block], index: int) -> str | None:
    """The caption printed right before a table ("Table 1 Assessment")."""
    for block in reversed(blocks[max(0, index - 3):index]):
        if block.kind in SKIPPED_KINDS:
            continue
        text = collapse(block.text)
        if _CAPTION.match(text) or (block.kind is BlockKind.HEADING and len(text) < 120):
            return text
        return None
    return None


def tables_to_judgements(blocks: list[Block], path: str) -> list[RawJudgement]:
    rows: list[RawJudgement] = []
    for i, block in enumerate(blocks):
        if block.kind is not BlockKind.TABLE or not is_judgement_table(block):
            continue
        title = table_caption(blocks, i) or collapse(block.table.header[0])
        for row in block.table.rows:
            texts = [collapse(t) for t in row.texts]
            filled = [t for t in texts if t]
            if len(filled) < 2:
                continue
            cell = row.cells[0]
            rows.append(RawJudgement(
                table=title, area=filled[0], assessment=filled[-1],
                source=Source(path, cell.page if cell.page is not None else block.page,
                              cell.locator or block.locator)))
    return rows


# -- metadata -------------------------------------------------------------------

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
    """Report footers name the landlord before a bar: "X | ... report"."""
    lines = [b.text for b in doc.furniture if in_part(b, part)]
    names = [collapse(line.split("|", 1)[0]) for line in lines
             if "|" in line and re.search(r"inspection|report", line.split("|", 1)[1], re.I)]
    return Counter(names).most_common(1)[0][0] if names else None


def in_part(block: Block, part: DocumentPart) -> bool:
    if part.page_start is None or block.page is None:
        return True
    return part.page_start <= block.page <= (part.page_end or block.page)


def landlord_from_text(front: list[Block], blocks: list[Block]) -> str | None:
    for block in front:
        text = collapse(block.text)
        if _ORG_NAME.match(text) and len(text.split()) <= 8 and not re.search(
                r"inspection|commission|report", text, re.I):
            return text
    for block in front + blocks[:60]:
        text = collapse(block.text)
        if m := _INSPECTION_OF.search(text) or _NAME_BEFORE_TITLE.match(text):
            return m["name"]
    return None


def inspecting_body(blocks: list[Block]) -> str | None:
    text = " ".join(b.text for b in blocks)
    counts = {body: len(re.findall(re.escape(body), text, re.I)) for body in _BODIES}
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


# -- count claims -----------------------------------------------------------------

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
    recommendations, 6 headings; numbers written as words count too."""
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


# -- entry points -------------------------------------------------------------------

def _extraction(doc: Document, part: DocumentPart, part_index: int) -> Extraction:
    return Extraction(source_path=doc.source_path, file_type=doc.file_type, sha256=doc.sha256,
                      part_index=part_index, part=part)


def extract_report(doc: Document, part: DocumentPart, part_index: int) -> Extraction:
    out = _extraction(doc, part, part_index)
    blocks = part_blocks(doc, part)
    section = find_recommendation_section(blocks)
    section_found = section is not blocks
    groups = blocks_to_recommendation_groups(section)
    for group in groups:
        out.recommendations.extend(group_to_recommendations(group, doc.source_path))
    out.review_reasons.extend(recommendation_review_reasons(section_found, groups, out.recommendations))
    if not groups and not section_found:
        out.review_reasons.append("no Recommendations section and no R-numbered recommendations found")
    out.judgements = tables_to_judgements(blocks, doc.source_path)
    out.metadata = read_metadata(doc, part, blocks)
    return out


def extract_cover(doc: Document, part: DocumentPart, part_index: int) -> Extraction:
    out = _extraction(doc, part, part_index)
    blocks = part_blocks(doc, part)
    out.claims = read_count_claims(blocks, doc.source_path)
    meta = ReportMetadata()
    meta.title = part.title or (collapse(blocks[0].text) if blocks else None)
    for block in blocks:
        if meta.landlord is None and (m := _INSPECTION_OF.search(collapse(block.text))):
            meta.landlord = m["name"]
    meta.inspecting_body = inspecting_body(blocks)
    meta.published_text = published_text([], blocks)
    meta.inspection_dates_text = inspection_dates(blocks)
    out.metadata = meta
    return out
