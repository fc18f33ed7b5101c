"""Normalised documents of one run -> the extracted tables and the inspections.

Everything that spans documents happens here, once: a file given twice is
kept once, documents are paired into inspections (each document row then
names its inspection, the copy it duplicates and its plan version), a plan
given without its report lends its restatements as the inspection's
recommendations, and owners and sponsors named across documents become one
people table.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from acplans.schemas.bundle import Tables
from acplans.schemas.rows import DocumentRow, PersonRow

from .build import CountClaim, NormalisedDocument
from .content_pairing import pair_by_content
from .pairing import InspectionGroup, group_documents
from .people import PeopleDirectory, parse_person, person_id


@dataclass
class NormalisedBatch:
    """What the comparator is given: the tables without matches and findings,
    each inspection with every document in it (copies included), the count
    claims documents make and the inspection visits, by report doc_id."""

    tables: Tables
    inspections: list[InspectionGroup] = field(default_factory=list)
    claims: list[CountClaim] = field(default_factory=list)
    inspection_windows: dict[str, tuple[date, date]] = field(default_factory=dict)


def normalise_batch(docs: Iterable[NormalisedDocument], unreadable: Iterable[DocumentRow] = ()) -> NormalisedBatch:
    """The run's tables from its normalised documents and the rows of files
    that could not be read (which pair with nothing)."""
    unique: dict[str, NormalisedDocument] = {}
    for doc in docs:
        unique.setdefault(doc.document.doc_id, doc)  # the same file given twice
    kept = list(unique.values())
    unread = {row.doc_id: row for row in unreadable}  # ids come from paths: one row per path
    tables = Tables(
        documents=[d.document for d in kept] + list(unread.values()),
        recommendations=[r for d in kept for r in d.recommendations],
        judgements=[j for d in kept for j in d.judgements],
        responses=[r for d in kept for r in d.responses],
        actions=[a for d in kept for a in d.actions],
        people=build_people(kept),
    )
    fingerprints = {d.document.doc_id: plan_fingerprint(d) for d in kept}
    groups = pair_by_content(group_documents(tables.documents, fingerprints), tables.documents,
                             tables.recommendations, tables.responses)
    tables.documents = annotate_documents(tables.documents, groups)
    tables.inspections = [g.row for g in groups]
    for group in groups:
        plan = unique.get(group.row.plan_doc_id or "")
        if group.row.report_doc_id is None and plan is not None:
            tables.recommendations += plan.restated_recommendations
    return NormalisedBatch(
        tables=tables, inspections=groups, claims=[c for d in kept for c in d.claims],
        inspection_windows={d.document.doc_id: d.inspection_window for d in kept if d.inspection_window})


def plan_fingerprint(doc: NormalisedDocument) -> str | None:
    """Digest of what a plan commits to (refs, action words, due texts,
    statuses), equal for two copies of it read from different files."""
    if not doc.actions:
        return None
    items = sorted("|".join((a.ref, " ".join(a.text.lower().split()), " ".join(a.due_text.lower().split()),
                             a.status)) for a in doc.actions)
    return hashlib.sha1("\n".join(items).encode()).hexdigest()


def annotate_documents(documents: list[DocumentRow], groups: list[InspectionGroup]) -> list[DocumentRow]:
    """Each document row with its inspection, the copy it duplicates and its plan version
    (its version_date and version_label were read by the normaliser)."""
    notes: dict[str, dict] = {}
    for group in groups:
        version_of = {doc_id: n for n, doc_id in enumerate(group.versions, start=1)}
        for doc_id in group.doc_ids:
            original = group.duplicate_of.get(doc_id)
            notes[doc_id] = dict(inspection_id=group.row.inspection_id, duplicate_of=original,
                                 version=version_of.get(original or doc_id))
    return [replace(d, **notes[d.doc_id]) if d.doc_id in notes else d for d in documents]


def build_people(docs: list[NormalisedDocument]) -> list[PersonRow]:
    directory = PeopleDirectory()
    for doc in docs:
        for response, as_sponsor, text in doc.mentions:
            directory.add(parse_person(text), response_id=response.response_id, as_sponsor=as_sponsor,
                          doc_id=response.doc_id, source_path=response.source_path, page=response.page)
    return [PersonRow(person_id=person_id(p.key), name=p.name, roles=p.roles, is_post=p.name is None,
                      as_owner=p.as_owner, as_sponsor=p.as_sponsor, doc_id=p.doc_id,
                      source_path=p.source_path, page=p.page)
            for p in directory.people.values()]
