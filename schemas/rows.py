"""Row types of every Parquet table acplans writes: the single source of truth.

Each table is a dataclass; each field's annotation gives its Arrow type and
its ``doc`` metadata its entry in the data dictionary (``docs/schema.md`` is
generated from here). ``schemas.tables`` derives the Arrow schemas from these
classes, so a column is added, renamed or documented in exactly one place.

Every row carries provenance: ``source_path`` and ``page`` (1-based; null for
formats with no pages, where ``locator`` says where in the file).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

# The reader registry declares the formats; it imports only the standard
# library, so this leaf package still pulls in no reader.
from acplans.extract.formats import InputFormat
from .findings import KIND_NAMES, SEVERITIES

SCHEMA_VERSION = "1.1.0"

# Shared by several enumerated columns, so the columns cannot drift apart.
PRECISIONS = ("day", "month", "quarter", "year")
ACTION_STATUSES = ("completed", "ongoing", "planned")
# How an action changed since the previous version of its plan (action_history.change).
VERSION_CHANGES = ("first", "same", "changed", "due_date_moved", "due_date_earlier", "completed",
                   "status_regressed", "status_changed", "dropped")
HIGH_MEDIUM_LOW = ("high", "medium", "low")


def col(doc: str, default=None, *, allowed: tuple[str, ...] | None = None, unique: bool = False, **kw):
    """A column with its data-dictionary text.

    ``allowed`` lists the only values the column may hold (null aside, when
    nullable); ``unique`` marks the table's id column. ``schemas.tables``
    enforces both before anything is written.
    """
    metadata = {"doc": doc}
    if allowed is not None:
        metadata["allowed"] = allowed
    if unique:
        metadata["unique"] = True
    if "default_factory" in kw:
        return field(metadata=metadata, default_factory=kw["default_factory"])
    return field(metadata=metadata, default=default)


class DocumentStatus(StrEnum):
    """What reading a document gave, so that no empty result passes for success."""

    OK = "ok"  # read, and an inspection report, action plan or covering report found in it
    EMPTY = "empty"  # read, but nothing of an inspection document found
    UNREADABLE_TEXT = "unreadable_text"  # read, but its text does not decode and OCR could not help
    ERROR = "error"  # could not be read at all; see error


@dataclass
class DocumentRow:
    """One row per document part read: a file, or one document inside a committee pack."""

    doc_id: str = col("Stable id of one document part: content hash of the file plus part number "
                      "(a hash of the path for a file that could not be read).", unique=True)
    source_path: str = col("Path of the file as given to `acplans run`.")
    source_name: str = col("File name.")
    file_type: str | None = col(f"Input format the file was read as: {', '.join(InputFormat)}; "
                                "null when the file could not be identified.",
                               allowed=tuple(f.value for f in InputFormat))
    part: int = col("0-based index of the document inside its file (a committee pack holds several).", 0)
    doc_kind: str | None = col("cover_report, inspection_report, action_plan or other.",
                              allowed=("cover_report", "inspection_report", "action_plan", "other"))
    page_start: int | None = col("First page of the part (1-based).")
    page_end: int | None = col("Last page of the part (1-based).")
    landlord: str | None = col("Landlord the document is about.")
    title: str | None = col("Title as printed.")
    published: str | None = col("Publication month or date as printed.")
    inspection_dates: str | None = col("Dates of the inspection as printed (reports).")
    status: str = col("ok: read and an inspection document found in it; empty: read, but no report, plan "
                      "or recommendation found (not an inspection document, or nothing recognised); "
                      "unreadable_text: the text layer does not decode (unmapped glyphs, garbage, no text "
                      "and no OCR), see review_reasons; error: the file could not be read, see error.",
                      "ok", allowed=tuple(s.value for s in DocumentStatus))
    error: str | None = col("One-line reason when status is error.")
    needs_review: bool = col("True when extraction looks incomplete; see review_reasons.", False)
    review_reasons: list[str] = col("Why a person should check this document.", default_factory=list)
    ref_gaps: list[str] = col("Refs missing from an otherwise continuous sequence (R1..Rn, R2.1..R2.k).",
                              default_factory=list)
    ref_repeats: list[str] = col("Refs that occur more than once.", default_factory=list)
    due_parse_rate: float | None = col("Share of non-empty due texts that parsed to a date or a status.")
    sha256: str | None = col("SHA-256 of the file's bytes; null when they could not be read.")
    ocr_pages: int = col("Pages of the part read by OCR from their image (scans).", 0)
    ocr_confidence: float | None = col("Mean OCR word confidence (0-100) over those pages; "
                                       "null when none was OCR'd.")
    inspection_id: str | None = col("Inspection the document belongs to (copies included); null when it "
                                    "pairs with none. Count plans or actions once by joining on the "
                                    "documents where duplicate_of is null.")
    duplicate_of: str | None = col("doc_id of the copy compared when this document is another copy of "
                                   "it (the same document inside a pack and alone, or as PDF and DOCX); "
                                   "its rows are kept but left out of the comparison.")
    version: int | None = col("1-based position of a plan among the versions of its inspection's plan, "
                              "oldest first (a copy has its original's); null for other documents.")
    version_date: date | None = col("Date the plan version reports progress at (or was published), "
                                    "from version_label; null when it states none.")
    version_label: str | None = col("Words the version was read from: 'progress at December 2010', "
                                    "'Version 3', a dated file name, or the publication date.")
    page: int | None = col("Provenance: same as page_start.")


@dataclass
class RecommendationRow:
    """One row per recommendation the inspector made, headlines and their bullets, read from the
    report (or from the plan's restatement when no report was given)."""

    doc_id: str = col("Document the recommendation was read from.")
    rec_id: str = col("Stable id: doc_id + ref.", unique=True)
    ref: str = col("Canonical ref: R2 (headline), R2.1 (bullet), or a plan's own scheme such as 1A.")
    ref_as_written: str | None = col("Ref as printed.")
    parent_ref: str | None = col("Headline ref of a bullet; null for a headline.")
    level: str = col("headline or bullet.", "headline", allowed=("headline", "bullet"))
    text: str = col("Full text as printed, whitespace collapsed, hyphenation removed.", "")
    target_date_text: str | None = col("Deadline as printed: 'immediately', 'June 2011'.")
    target_date: date | None = col("Deadline as a date (month -> last day); null when it names no date.")
    target_date_precision: str | None = col("day, month, quarter or year.", allowed=PRECISIONS)
    impact: str | None = col("high, medium or low.", allowed=HIGH_MEDIUM_LOW)
    cost: str | None = col("high, medium or low.", allowed=HIGH_MEDIUM_LOW)
    benefits: list[str] = col("Expected benefits listed under the recommendation.", default_factory=list)
    derived_from: str = col("report, or plan when no report was given and the plan's restatement is used.",
                            "report", allowed=("report", "plan"))
    source_path: str = col("Provenance: file.", "")
    page: int | None = col("Provenance: 1-based page.")


@dataclass
class JudgementRow:
    """One row per judgement in an inspection report's judgement tables."""

    doc_id: str = col("Inspection report document.")
    judgement_table: str = col("Title of the judgement table.", "")
    area: str = col("Service area or question judged.", "")
    assessment: str = col("Judgement as printed, e.g. 'Weaknesses outweigh strengths'.", "")
    source_path: str = col("Provenance: file.", "")
    page: int | None = col("Provenance: 1-based page.")


@dataclass
class ResponseRow:
    """One row per action-plan entry answering a recommendation."""

    doc_id: str = col("Action plan document.")
    response_id: str = col("Stable id: doc_id + ref + position.", unique=True)
    ref: str = col("Canonical ref the entry answers (R2.1; 6.4 -> R6.4; R1. -> R1; 1A kept).")
    ref_as_written: str | None = col("Ref as printed.")
    text: str = col("The plan's restatement of the recommendation.", "")
    stated_target_date_text: str | None = col("Deadline the plan says the inspector set, as printed.")
    stated_target_date: date | None = col("That deadline as a date.")
    owner_name: str | None = col("Person responsible.")
    owner_role: str | None = col("Role of the person responsible, or the post when no name is given.")
    sponsor_name: str | None = col("Executive sponsor.")
    sponsor_role: str | None = col("Role of the executive sponsor.")
    action_count: int = col("Number of actions under the entry.", 0)
    source_path: str = col("Provenance: file.", "")
    page: int | None = col("Provenance: 1-based page.")


@dataclass
class ActionRow:
    """One row per action listed under an action-plan entry."""

    doc_id: str = col("Action plan document.")
    action_id: str = col("Stable id: response_id + seq.", unique=True)
    response_id: str = col("Entry the action belongs to.")
    ref: str = col("Canonical ref of that entry.")
    seq: int = col("1-based position within the entry.", 1)
    text: str = col("Action as printed.", "")
    due_text: str = col("The 'by' text as printed, always kept ('' when the cell is empty).", "")
    due_date: date | None = col("Latest date the due text commits to; null when it names none.")
    due_date_start: date | None = col("Start of the interval when the due text names a month, quarter or range.")
    due_precision: str | None = col("day, month, quarter or year.", allowed=PRECISIONS)
    status: str = col("completed, ongoing or planned.", "planned", allowed=ACTION_STATUSES)
    progress: str | None = col("Progress reported in the plan.")
    measures: str | None = col("How the plan says success will be known.")
    owner_name: str | None = col("Owner named on the action itself (long-table layouts).")
    owner_role: str | None = col("Role or post named on the action itself.")
    source_path: str = col("Provenance: file.", "")
    page: int | None = col("Provenance: 1-based page.")


@dataclass
class PersonRow:
    """One row per person (or post) named as owner or sponsor of a response."""

    person_id: str = col("Stable id from the normalised name (or post).", unique=True)
    name: str | None = col("Person's name; null for a post named without a person.")
    roles: list[str] = col("Every role title the person is given.", default_factory=list)
    is_post: bool = col("True when only a post is named.", False)
    as_owner: list[str] = col("response_ids the person owns.", default_factory=list)
    as_sponsor: list[str] = col("response_ids the person sponsors.", default_factory=list)
    doc_id: str = col("Document the person was first read from.", "")
    source_path: str = col("Provenance: file.", "")
    page: int | None = col("Provenance: page of first mention.")


@dataclass
class InspectionRow:
    """One row per inspection: a report, the plan that answers it and any cover report."""

    inspection_id: str = col("Stable id of a report and the plan that answers it, from the content of "
                             "the documents compared (their sha256s): copies or other files in the "
                             "same run do not change it.", unique=True)
    landlord: str | None = col("Landlord inspected.")
    report_doc_id: str | None = col("Inspection report document, if given.")
    plan_doc_id: str | None = col("Action plan document, if given.")
    cover_doc_id: str | None = col("Council cover report, if given.")
    plan_versions: list[str] = col("Every version of the plan compared, oldest first; the last is "
                                   "plan_doc_id, the one compared with the report.", default_factory=list)
    source_path: str = col("Provenance: file of the report (or plan).", "")
    page: int | None = col("Provenance: first page of the report (or plan).")


@dataclass
class MatchRow:
    """One row per recommendation matched to the response that answers it."""

    inspection_id: str = col("Inspection.")
    rec_id: str = col("Recommendation.")
    response_id: str = col("Response that answers it.")
    method: str = col("ref, headline (a headline's response covers its bullets) or text.",
                      allowed=("ref", "headline", "text"))
    score: float = col("1.0 for a ref match; text similarity otherwise.", 1.0)
    source_path: str = col("Provenance: file of the response.", "")
    page: int | None = col("Provenance: page of the response.")


@dataclass
class FindingRow:
    """One row per problem found when checking a plan against its report."""

    inspection_id: str | None = col("Inspection the finding belongs to.")
    doc_id: str | None = col("Document the finding is about.")
    kind: str = col(", ".join(KIND_NAMES[:-1]) + f" or {KIND_NAMES[-1]} (defined in schemas/findings.py).",
                    "", allowed=KIND_NAMES)
    severity: str = col("high, medium or low (rules in docs/findings.md).", "low", allowed=SEVERITIES)
    ref: str | None = col("Canonical ref concerned.")
    rec_id: str | None = col("Recommendation concerned.")
    response_id: str | None = col("Response concerned.")
    action_id: str | None = col("Action concerned.")
    message: str = col("Plain-English sentence quoting both sides and their pages.", "")
    source_path: str = col("Provenance: file of the item concerned.", "")
    page: int | None = col("Provenance: page of the item concerned.")


@dataclass
class CoverageRow:
    """One row per recommendation of an inspection: whether and how the plan answers it, as the
    comparator judges it (rules in docs/findings.md)."""

    inspection_id: str = col("Inspection.")
    rec_id: str = col("Recommendation.")
    ref: str = col("Canonical ref of the recommendation.")
    is_point: bool = col("True for what a plan must answer: a bullet, or a headline without bullets. "
                         "Coverage is counted over points.", True)
    answered: bool = col("True when the plan answers it (see answered_by).", False)
    answered_by: str | None = col("own_entry (an entry matched by ref or wording), headline (the entry "
                                  "for its headline covers this bullet) or points (a headline whose every "
                                  "bullet is answered); null when unanswered.",
                                  allowed=("own_entry", "headline", "points"))
    response_ids: list[str] = col("Responses that answer it, its own or its headline's.",
                                  default_factory=list)
    bullets: int = col("Number of bullets under a headline; 0 for a bullet.", 0)
    bullets_answered: int = col("How many of those bullets are answered.", 0)
    late_actions: int = col("Actions under those responses that are late (see action_checks.late).", 0)
    undated_actions: int = col("Actions under those responses that name no date (action_checks.undated).", 0)
    findings: int = col("Findings about the recommendation, its own entries or their actions; those about "
                        "a headline's entry count on the headline.", 0)
    source_path: str = col("Provenance: file of the recommendation.", "")
    page: int | None = col("Provenance: page of the recommendation.")


@dataclass
class ActionCheckRow:
    """One row per action of an inspection's plan: the comparator's verdict on its timing."""

    inspection_id: str = col("Inspection.")
    action_id: str = col("Action.")
    response_id: str = col("Entry the action belongs to.")
    ref: str = col("Canonical ref of that entry.")
    rec_id: str | None = col("Recommendation whose deadline binds the action: the earliest dated one its "
                             "entry answers; null when none has a dated deadline.")
    deadline: date | None = col("That recommendation's deadline.")
    earliest_due: date | None = col("Earliest date the action could be done: start of its interval, else "
                                    "its due date.")
    late: bool = col("True when earliest_due is after the deadline (the action_after_deadline rule): an "
                     "action that only overlaps the deadline is not late.", False)
    undated: bool = col("True when the action names no date at all, completed or not (no_due_date is "
                        "raised only for those not completed).", False)
    source_path: str = col("Provenance: file of the action.", "")
    page: int | None = col("Provenance: page of the action.")


@dataclass
class ActionHistoryRow:
    """One row per action per plan version: an action followed across successive versions of a plan."""

    inspection_id: str = col("Inspection.")
    history_id: str = col("Identity of the action across versions: the action_id of its first version.")
    version: int = col("1-based plan version (documents.version).", 1)
    doc_id: str = col("Plan version document.")
    action_id: str | None = col("The action in this version; null when it is absent from it (dropped).")
    ref: str = col("Canonical ref of the entry the action belongs to in this version (or the last one "
                   "that held it).")
    text: str = col("Action as printed in this version (or the last one that held it).", "")
    due_date: date | None = col("Due date in this version.")
    status: str | None = col("completed, ongoing or planned in this version; null when absent.",
                             allowed=ACTION_STATUSES)
    owner: str | None = col("Owner named on the action, else on its entry, in this version.")
    progress: str | None = col("Progress reported in this version.")
    change: str = col("Since the previous version: first (its first version), same, changed (wording, "
                      "owner or progress only), due_date_moved (later), due_date_earlier, completed, "
                      "status_regressed (completed before, not now), status_changed, or dropped (absent "
                      "from this version).", "first", allowed=VERSION_CHANGES)
    days_moved: int | None = col("Days the due date moved since the previous version (positive: later).")
    past_deadline: bool = col("True when this version's due date is after the recommendation's deadline "
                              "(the action_checks.late rule, latest version only).", False)
    match_score: float | None = col("Similarity with the action it continues (1.0 identical wording); "
                                    "null on its first version.")
    source_path: str = col("Provenance: file of the version.", "")
    page: int | None = col("Provenance: page of the action in this version.")


TABLES: dict[str, type] = {
    "documents": DocumentRow,
    "recommendations": RecommendationRow,
    "judgements": JudgementRow,
    "responses": ResponseRow,
    "actions": ActionRow,
    "people": PersonRow,
    "inspections": InspectionRow,
    "matches": MatchRow,
    "findings": FindingRow,
    "coverage": CoverageRow,
    "action_checks": ActionCheckRow,
    "action_history": ActionHistoryRow,
}
