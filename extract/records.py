"""What the extractors find, as printed: raw text with provenance.

Extractors fill these from a ``Document``; the normaliser turns them into
table rows (parsed dates, canonical refs, people). Nothing here is parsed
beyond recognising the structure, so the raw words always survive.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class DocKind(StrEnum):
    COVER_REPORT = "cover_report"
    INSPECTION_REPORT = "inspection_report"
    ACTION_PLAN = "action_plan"
    OTHER = "other"


@dataclass(frozen=True)
class Source:
    """Where an item was read: the file, its page (1-based; None for formats
    without pages) and a locator inside the page or file."""

    path: str
    page: int | None
    locator: str = ""


@dataclass
class RawRecommendation:
    ref_as_written: str
    ref: str  # canonical: R2, R2.1, 1A
    parent_ref: str | None
    level: str  # "headline" | "bullet"
    text: str
    target_date_text: str | None
    impact: str | None
    cost: str | None
    benefits: list[str]
    source: Source


@dataclass
class RawJudgement:
    table: str  # the judgement table's title, e.g. "Assessment of prospects for improvement"
    area: str
    assessment: str
    source: Source


@dataclass
class RawAction:
    seq: int  # 1-based within its response
    text: str
    due_text: str  # as printed, "" when the cell is empty
    progress: str | None
    measures: str | None
    owner_text: str | None  # long-table layouts name an owner per action
    source: Source


@dataclass
class RawResponse:
    ref_as_written: str
    text: str  # the plan's restatement of the recommendation
    stated_target_text: str | None
    responsible_text: str | None  # e.g. "Jim Preston – Director of Maintenance Services"
    sponsor_text: str | None
    actions: list[RawAction]
    source: Source
    heading_ref: str | None = None  # the headline group the entry sits under, e.g. "1" or "R2"
    heading_text: str | None = None


@dataclass
class CountClaim:
    """A document's own statement of how many items there are."""

    what: str  # "recommendations" | "headings" | "points" | "actions"
    count: int
    text: str
    source: Source


@dataclass
class ReportMetadata:
    landlord: str | None = None
    inspecting_body: str | None = None
    title: str | None = None
    published_text: str | None = None
    inspection_dates_text: str | None = None
    scope: list[str] = field(default_factory=list)
    # The financial year a plan says it works to ("2010/11"): its "end of
    # financial year" is the end of that year.
    financial_year_text: str | None = None


@dataclass
class DocumentPart:
    """One document inside a file: a committee pack holds several."""

    kind: DocKind
    page_start: int | None
    page_end: int | None
    title: str | None = None
    # Index range into ``Document.blocks`` (inclusive): formats without pages
    # are split by block, and extractors read only their part's blocks.
    first_block: int = 0
    last_block: int = -1


@dataclass
class Extraction:
    """Everything extracted from one part of one file."""

    source_path: str
    file_type: str
    sha256: str
    part_index: int
    part: DocumentPart
    metadata: ReportMetadata = field(default_factory=ReportMetadata)
    recommendations: list[RawRecommendation] = field(default_factory=list)
    judgements: list[RawJudgement] = field(default_factory=list)
    responses: list[RawResponse] = field(default_factory=list)
    claims: list[CountClaim] = field(default_factory=list)
    review_reasons: list[str] = field(default_factory=list)
    ocr_pages: int = 0  # pages of the part read from their image
    ocr_confidence: float | None = None  # mean word confidence (0-100) over those pages
    unreadable_pages: list[int] = field(default_factory=list)  # text layer undecodable and not OCR'd
    # A plan's opening words and running headers: where a progress update
    # says which version it is ("progress at December 2010").
    opening_text: str = ""
    # Why the file's text could not be read at all (``Document.unreadable_text``).
    unreadable_text: str | None = None
