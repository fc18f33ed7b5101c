"""Report layout: an Audit Commission inspection report. Headline
recommendations found by their ``R<n>`` / ``Recommendation <n>`` refs under
a "Recommendations" heading (or bare), each with its bullets, benefits,
ratings and deadline read from the grammar of the sentences around them;
judgement tables found by their header words or judgement phrases.

    blocks = report_blocks(doc, part)
    section = find_recommendation_section(blocks)
    groups = blocks_to_recommendation_groups(section)
    rows = [r for g in groups for r in group_to_recommendations(g, doc.source_path)]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..list_items import clean_item, enumerator_of, is_marked_item, split_inline_list, strip_enumerator
from ..lexicon import MONTHS_FULL
from ..model import Block, BlockKind, Document
from ..parts import SKIPPED_KINDS, collapse, part_blocks, source_of, without_running_lines
from ..records import DocumentPart, Extraction, RawJudgement, RawRecommendation, Source
from ..refs import canonical_ref
from ..report_metadata import read_metadata

RATING_WORDS = "high|medium|low"

SECTION_HEADING = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:our\s+|summary\s+of\s+|key\s+)?recommendations\s*:?$", re.I)
# A sub-heading that only says "Recommendation" (the report prints one above
# every headline) is layout, not content.
_SUBHEADING = re.compile(r"^recommendations?\s*:?$", re.I)
# "R1 Provide ...", "R1. Provide", "Recommendation R1", "Recommendation 1:
# Provide ...", or the ref alone on its line; not a plan's group heading
# "R2 Audit Commission recommendation".
_HEADLINE = re.compile(
    r"^(?P<ref>(?:recommendation\s*)?R\s?(?P<n1>\d{1,2})|recommendation\s+(?P<n2>\d{1,2}))"
    r"(?![\d.]\d)(?!\s*audit\b)(?:\s*[.:)\-–]\s*|\s+|$)(?P<rest>.*)$", re.I | re.S)
_BENEFITS_INTRO = re.compile(
    r"\b(?:the\s+)?expected\s+benefits?\s+of\s+(?:this|the)\s+recommendation\s+"
    r"(?:is|are|will\s+be|include)\s*:?\s*(?P<inline>.*)$", re.I | re.S)
_IMPACT = re.compile(rf"\b(?P<v>{RATING_WORDS})\s+impact\b|\bimpact\s*(?:is|will\s+be|:)\s*(?P<w>{RATING_WORDS})\b", re.I)
_COST = re.compile(rf"\b(?P<v>{RATING_WORDS})\s+costs?\b|\bcosts?\s*(?:is|are|will\s+be|:)\s*(?P<w>{RATING_WORDS})\b", re.I)
_DATE_WORDS = re.compile(
    rf"\b(?:{MONTHS_FULL}|\d{{4}}|end\s+of|quarter|spring|summer|autumn|winter|financial\s+year|"
    rf"months?|weeks?|years?)\b", re.I)
_DEADLINE_LABEL = re.compile(
    r"\b(?:target\s+date|deadline|timescale|completion\s+date)\s*[:\-–]\s*(?P<when>[^.;\n]+)", re.I)
_SHOULD_BE = re.compile(
    r"\b(?:should|must|needs?\s+to|is\s+to|(?:expect|want|ask)(?:s|ed)?\s+(?:this|these|it|them|\w+)\s+to)\s+be\b"
    r"(?P<tail>[^.]*)", re.I)
_WHEN_IMMEDIATE = re.compile(r"\b(?P<when>immediately|as\s+soon\s+as\s+possible|without\s+delay)\b", re.I)
_WHEN_BY = re.compile(r"\b(?:by|before|no\s+later\s+than)\s+(?P<when>.+)$", re.I)
_WHEN_WITHIN = re.compile(r"\b(?P<when>within\s+.+)$", re.I)
JUDGEMENT_HEADER = re.compile(r"^(?:assessment|judge?ment|score|rating|grade)s?$", re.I)
_JUDGEMENT_PHRASE = re.compile(
    r"(?:strengths|weaknesses)\s+(?:significantly\s+)?outweigh|strengths\s+and\s+weaknesses\s+"
    r"(?:are\s+)?(?:in\s+)?balanced?|(?:excellent|promising|uncertain|poor)\s+prospects|"
    r"^(?:excellent|good|fair|poor|adequate|outstanding|inadequate)\b|\bstars?\b|^[★*]{1,3}$", re.I)
_CAPTION = re.compile(r"^(?:table|figure)\s+\d+\b", re.I)


def report_blocks(doc: Document, part: DocumentPart) -> list[Block]:
    return without_running_lines(part_blocks(doc, part))


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
        if not opens_recommendations(block):
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
    if _SUBHEADING.match(text) or headline_match(block) or SECTION_HEADING.match(text):
        return False
    if section_heading.font_size and block.font_size:
        return block.font_size >= section_heading.font_size - 0.5
    if section_heading.level is not None and block.level is not None:
        return block.level <= section_heading.level
    return True


def opens_recommendations(block: Block) -> bool:
    """A heading over the report's recommendations ("Recommendations",
    "5 Our recommendations")."""
    return block.kind is BlockKind.HEADING and bool(SECTION_HEADING.match(collapse(block.text)))


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
        listed = block.kind is BlockKind.LIST_ITEM or is_marked_item(text)
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
    if header and JUDGEMENT_HEADER.match(collapse(header[-1])):
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


# -- the layout ---------------------------------------------------------------

def score(doc: Document, part: DocumentPart) -> float:
    """The headline recommendations and judgement tables the part prints."""
    blocks = report_blocks(doc, part)
    groups = blocks_to_recommendation_groups(find_recommendation_section(blocks))
    return float(len(groups) + sum(1 for b in blocks if b.kind is BlockKind.TABLE and is_judgement_table(b)))


def extract(doc: Document, part: DocumentPart, part_index: int) -> Extraction:
    out = Extraction(doc.source_path, doc.file_type, doc.sha256, part_index, part)
    blocks = report_blocks(doc, part)
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
