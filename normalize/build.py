"""Extractions -> table rows: canonical refs, parsed dates, people, quality gate.

``normalise_extraction`` is a plain function of one ``Extraction`` and gives
everything later stages need from it, so no stage after this one reads an
``Extraction``; whatever spans documents is built in ``normalize.crossdoc``.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import PurePath

from acplans.extract.lexicon import YEAR_RE
from acplans.extract.records import DocKind, Extraction, RawResponse
from acplans.schemas.rows import ActionRow, DocumentRow, DocumentStatus, JudgementRow, RecommendationRow, ResponseRow

from .dates import DateSpan, find_dates, parse_deadline, parse_due
from .people import parse_person
from .relative_dates import relative_deadline
from .refs import canonical_ref, parent_of, sequence_gaps
from .versions import read_stamp

# Below this share of parsed due texts a plan goes to a person for review.
MIN_DUE_PARSE_RATE = 0.6
# Below this mean word confidence an OCR'd page misreads words often enough
# that a person should compare the tables with the scan.
MIN_OCR_CONFIDENCE = 80.0


@dataclass(frozen=True)
class CountClaim:
    """A document's own statement of how many items there are, for the comparator to check."""

    doc_id: str
    what: str  # "recommendations", "headings", "points" or "actions"
    count: int
    text: str
    source_path: str
    page: int | None = None


@dataclass
class NormalisedDocument:
    document: DocumentRow
    recommendations: list[RecommendationRow] = field(default_factory=list)
    judgements: list[JudgementRow] = field(default_factory=list)
    responses: list[ResponseRow] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    # Owners/sponsors as read, for the people table (response_id, sponsor?, text).
    mentions: list[tuple[ResponseRow, bool, str]] = field(default_factory=list)
    claims: list[CountClaim] = field(default_factory=list)
    # A report's first and last day of the inspection visit, from its own words.
    inspection_window: tuple[date, date] | None = None
    # A plan's restatements as recommendations: they stand in for the report's
    # when the plan is given without it, which only pairing can tell.
    restated_recommendations: list[RecommendationRow] = field(default_factory=list)


def make_doc_id(sha256: str, part_index: int) -> str:
    return f"{sha256[:12]}-{part_index}"


def unreadable_doc_id(source_path: str) -> str:
    """Id of a file that could not be read: from its path, because byte-identical
    unreadable files (two empty downloads) are still two files to report."""
    return f"unread-{hashlib.sha256(source_path.encode()).hexdigest()[:12]}"


def unreadable_document_row(source_path: str, reason: str, sha256: str | None) -> DocumentRow:
    """The documents row of a file that could not be read; ``sha256`` is None
    when not even its bytes could be."""
    return DocumentRow(doc_id=unreadable_doc_id(source_path), source_path=source_path,
                       source_name=PurePath(source_path).name, file_type=None, part=0,
                       doc_kind=None, status=DocumentStatus.ERROR, error=reason, needs_review=True,
                       review_reasons=[reason], sha256=sha256)


def prevailing_year(extraction: Extraction) -> int | None:
    """The year a document's dates mostly name: fills dates printed without
    one ("1st August", "end of July"). Not the year the document belongs to
    (``compare.pairing.document_year``): a plan written in 2010 may mostly
    promise 2011."""
    texts = [a.due_text for r in extraction.responses for a in r.actions]
    texts += [r.stated_target_text or "" for r in extraction.responses]
    texts += [r.target_date_text or "" for r in extraction.recommendations]
    texts += [extraction.metadata.published_text or "", extraction.metadata.inspection_dates_text or ""]
    years = Counter(int(y) for t in texts for y in YEAR_RE.findall(t or ""))
    return years.most_common(1)[0][0] if years else None


def normalise_extraction(ex: Extraction) -> NormalisedDocument:
    doc_id = make_doc_id(ex.sha256, ex.part_index)
    year = prevailing_year(ex)
    # A plan's own financial year fixes what its "end of financial year" means.
    own_year = next(iter(find_dates(f"FY {ex.metadata.financial_year_text}")), None) \
        if ex.metadata.financial_year_text else None
    fy_start = own_year.start if own_year else None
    rec_seen: Counter = Counter()
    recs = []
    published = next(iter(find_dates(ex.metadata.published_text)), None)
    for raw_rec in ex.recommendations:
        rec_seen[raw_rec.ref] += 1
        suffix = f"#{rec_seen[raw_rec.ref]}" if rec_seen[raw_rec.ref] > 1 else ""
        recs.append(recommendation_row(doc_id, raw_rec, suffix, published))
    judgements = [JudgementRow(doc_id, j.table, j.area, j.assessment, j.source.path, j.source.page)
                  for j in ex.judgements]
    result = NormalisedDocument(document_row(ex, doc_id), recs, judgements)
    result.claims = [CountClaim(doc_id, c.what, c.count, c.text, c.source.path, c.source.page) for c in ex.claims]
    if ex.part.kind is DocKind.INSPECTION_REPORT:
        result.inspection_window = inspection_window(ex.metadata.inspection_dates_text)
    # A bare number is the report's headline R<n> unless the plan numbers
    # in a scheme of its own, which shows in letters after the number ("1A").
    own_scheme = any(re.fullmatch(r"\d+[A-Z]", canonical_ref(r.ref_as_written) or "") for r in ex.responses)
    r_scheme = not own_scheme or bool(recs)
    seen: Counter = Counter()
    entries: list[tuple[ResponseRow, RawResponse]] = []
    for raw in ex.responses:
        ref = canonical_ref(raw.ref_as_written, r_scheme=r_scheme) or raw.ref_as_written.strip()
        seen[ref] += 1
        response_id = f"{doc_id}:{ref}" + (f"#{seen[ref]}" if seen[ref] > 1 else "")
        row = response_row(doc_id, response_id, ref, raw)
        result.responses.append(row)
        entries.append((row, raw))
        if raw.responsible_text:
            result.mentions.append((row, False, raw.responsible_text))
        if raw.sponsor_text:
            result.mentions.append((row, True, raw.sponsor_text))
        for action in raw.actions:
            parsed = parse_due(action.due_text, default_year=year, reference=fy_start)
            owner = parse_person(action.owner_text)
            result.actions.append(ActionRow(
                doc_id=doc_id, action_id=f"{response_id}/{action.seq}", response_id=response_id, ref=ref,
                seq=action.seq, text=action.text, due_text=action.due_text or "",
                due_date=parsed.due_date, due_date_start=parsed.due_date_start,
                due_precision=parsed.precision, status=parsed.status, progress=action.progress,
                measures=action.measures, owner_name=owner.name, owner_role=owner.role,
                source_path=action.source.path, page=action.source.page))
            if action.owner_text:
                result.mentions.append((row, False, action.owner_text))
    if ex.part.kind is DocKind.ACTION_PLAN:
        result.restated_recommendations = restated_recommendations(doc_id, entries)
    apply_quality_gate(result, ex)
    return result


def inspection_window(inspection_dates_text: str | None) -> tuple[date, date] | None:
    """The inspection's first and last day, from the dates the report prints."""
    spans = find_dates(inspection_dates_text) if inspection_dates_text else []
    if not spans:
        return None
    return min(s.start for s in spans), max(s.end for s in spans)


def recommendation_row(doc_id: str, raw, id_suffix: str = "", published: DateSpan | None = None) -> RecommendationRow:
    """A report's recommendation; a deadline relative to the report ("within
    three months of publication") is counted from ``published``."""
    deadline = parse_deadline(raw.target_date_text)
    if deadline.due_date is None and (relative := relative_deadline(raw.target_date_text, published)):
        deadline = replace(deadline, due_date=relative.end, due_date_start=relative.start,
                           precision=relative.precision)
    return RecommendationRow(
        doc_id=doc_id, rec_id=f"{doc_id}:{raw.ref}{id_suffix}", ref=raw.ref, ref_as_written=raw.ref_as_written,
        parent_ref=raw.parent_ref, level=raw.level, text=raw.text, target_date_text=raw.target_date_text,
        target_date=deadline.due_date, target_date_precision=deadline.precision,
        impact=raw.impact, cost=raw.cost, benefits=list(raw.benefits), derived_from="report",
        source_path=raw.source.path, page=raw.source.page)


def response_row(doc_id: str, response_id: str, ref: str, raw: RawResponse) -> ResponseRow:
    stated = parse_deadline(raw.stated_target_text)
    owner = parse_person(raw.responsible_text)
    sponsor = parse_person(raw.sponsor_text)
    return ResponseRow(
        doc_id=doc_id, response_id=response_id, ref=ref, ref_as_written=raw.ref_as_written,
        text=raw.text, stated_target_date_text=raw.stated_target_text, stated_target_date=stated.due_date,
        owner_name=owner.name, owner_role=owner.role, sponsor_name=sponsor.name, sponsor_role=sponsor.role,
        action_count=len(raw.actions), source_path=raw.source.path, page=raw.source.page)


def document_row(ex: Extraction, doc_id: str) -> DocumentRow:
    meta = ex.metadata
    title, name = meta.title or ex.part.title, ex.source_path.rsplit("/", 1)[-1]
    stamp = (read_stamp(title, ex.opening_text, name, meta.published_text)
             if ex.part.kind is DocKind.ACTION_PLAN else None)
    return DocumentRow(
        doc_id=doc_id, source_path=ex.source_path, source_name=ex.source_path.rsplit("/", 1)[-1],
        file_type=ex.file_type, part=ex.part_index, doc_kind=ex.part.kind.value,
        page_start=ex.part.page_start, page_end=ex.part.page_end, landlord=meta.landlord,
        title=meta.title or ex.part.title, published=meta.published_text,
        inspection_dates=meta.inspection_dates_text, status=DocumentStatus.OK,
        review_reasons=list(ex.review_reasons), sha256=ex.sha256, page=ex.part.page_start,
        ocr_pages=ex.ocr_pages, ocr_confidence=ex.ocr_confidence,
        version_date=stamp.day if stamp else None, version_label=stamp.label if stamp else None)


def apply_quality_gate(result: NormalisedDocument, ex: Extraction) -> None:
    """Record gaps, repeats and the date parse rate; flag for review when the
    extraction looks incomplete, a scan was read doubtfully, or pages' text
    layer could not be decoded at all. Low confidence never passes silently."""
    doc = result.document
    reasons = doc.review_reasons
    # The reason for the status first: the run's summary names it.
    if ex.unreadable_text:
        doc.status = DocumentStatus.UNREADABLE_TEXT
        reasons.insert(0, ex.unreadable_text)
    elif ex.part.kind is DocKind.OTHER:
        doc.status = DocumentStatus.EMPTY
        reasons.insert(0, "read, but no inspection report, action plan or covering report found in it")
    if doc.ocr_confidence is not None and doc.ocr_confidence < MIN_OCR_CONFIDENCE:
        reasons.append(f"{doc.ocr_pages} pages read by OCR with a mean confidence of "
                       f"{doc.ocr_confidence:.0f}%: check the text against the scan")
    if lost := ex.unreadable_pages:
        reasons.append("text layer unreadable (needs OCR) on page " + ", ".join(map(str, lost)))
    if ex.part.kind is DocKind.INSPECTION_REPORT:
        refs = [r.ref for r in result.recommendations]
        if not refs:
            reasons.append("no recommendations found in an inspection report")
            _found_nothing(doc)
    elif ex.part.kind is DocKind.ACTION_PLAN:
        refs = [r.ref for r in result.responses]
        if not refs:
            reasons.append("no plan entries found in an action plan")
            _found_nothing(doc)
        for response in result.responses:
            if response.action_count == 0:
                reasons.append(f"entry {response.ref} has no actions")
        due = [a for a in result.actions if a.due_text.strip()]
        if due:
            parsed = sum(1 for a in due if a.due_date is not None or a.status != "planned")
            doc.due_parse_rate = round(parsed / len(due), 3)
            if doc.due_parse_rate < MIN_DUE_PARSE_RATE:
                reasons.append(f"only {doc.due_parse_rate:.0%} of due texts could be read as dates")
    else:
        refs = []
    doc.ref_gaps, doc.ref_repeats = sequence_gaps(refs)
    if doc.ref_gaps:
        reasons.append("gaps in the ref sequence: " + ", ".join(doc.ref_gaps))
    if doc.ref_repeats:
        reasons.append("refs repeated: " + ", ".join(doc.ref_repeats))
    doc.needs_review = bool(reasons)


def _found_nothing(doc: DocumentRow) -> None:
    if doc.status == DocumentStatus.OK:
        doc.status = DocumentStatus.EMPTY


def restated_recommendations(doc_id: str, entries: list[tuple[ResponseRow, RawResponse]]) -> list[RecommendationRow]:
    """A plan's restatements as recommendations (headline headings and their
    entries), marked as derived from the plan."""
    rows: list[RecommendationRow] = []
    headlines: dict[str, RecommendationRow] = {}
    for response, raw_response in entries:
        head_ref = canonical_ref(raw_response.heading_ref) if raw_response.heading_ref else parent_of(response.ref)
        if head_ref and head_ref != response.ref and head_ref not in headlines:
            headlines[head_ref] = RecommendationRow(
                doc_id=doc_id, rec_id=f"{doc_id}:{head_ref}", ref=head_ref, ref_as_written=raw_response.heading_ref,
                parent_ref=None, level="headline", text=raw_response.heading_text or "",
                derived_from="plan", source_path=response.source_path, page=response.page)
            rows.append(headlines[head_ref])
        if any(r.ref == response.ref for r in rows):
            continue
        rows.append(RecommendationRow(
            doc_id=doc_id, rec_id=f"{doc_id}:{response.ref}", ref=response.ref,
            ref_as_written=response.ref_as_written, parent_ref=head_ref if head_ref != response.ref else None,
            level="bullet" if head_ref and head_ref != response.ref else "headline", text=response.text,
            target_date_text=response.stated_target_date_text, target_date=response.stated_target_date,
            derived_from="plan", source_path=response.source_path, page=response.page))
    return rows
