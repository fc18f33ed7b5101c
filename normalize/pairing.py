"""Grouping documents into inspections: a report, the plan that answers it, and
the council cover report that presents them.

Documents are paired by landlord, compared on the significant words of its
name, because the three documents of one inspection rarely spell it alike
("Home Group Limited", "Home Group", "Home Housing Group"). Parts of one file
(a committee pack holding a cover report, the report and the plan) always
belong together, whatever names they print.

Within an inspection, plans that state different versions (a progress date,
a version number: ``normalize.versions``) are successive versions of one
plan, oldest first; plans with the same stamp or the same actions are copies,
and every copy but the one compared names it in ``duplicate_of``.

Pairing judges nothing: it says which rows belong to one inspection, which
both the normaliser (a plan given without its report stands in for the
report's recommendations) and the comparator need, so it runs once, here.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from acplans.extract.lexicon import YEAR_RE
from acplans.schemas.rows import DocumentRow, InspectionRow

from .versions import VersionStamp, recorded_stamp

KINDS = ("inspection_report", "action_plan", "cover_report")

# Words that describe the legal form or sector of a landlord rather than
# which landlord it is. "Home", "Homes" and place names are kept: they are
# often the only distinctive word.
_GENERIC_NAME_WORDS = frozenset({
    "the", "and", "of", "limited", "ltd", "plc", "group", "housing", "association",
    "trust", "society", "cic", "llp", "company", "co",
})


@dataclass
class InspectionGroup:
    """An inspection and every document that belongs to it.

    ``doc_ids`` includes further copies of the report or plan (the same
    document sent as a separate file and inside a committee pack, or as PDF
    and DOCX); the row names the copy whose rows are compared, and
    ``duplicate_of`` maps each other copy to it. ``stamps`` holds the version
    stamp of every plan that states one.
    """

    row: InspectionRow
    doc_ids: tuple[str, ...]
    duplicate_of: dict[str, str] = field(default_factory=dict)
    stamps: dict[str, VersionStamp] = field(default_factory=dict)

    @property
    def versions(self) -> list[str]:
        """Plan doc_ids compared, oldest version first; the last is the row's plan."""
        return list(self.row.plan_versions)


def landlord_key(name: str | None) -> frozenset[str] | None:
    """Significant words of a landlord's name, or None when there is no name."""
    if not name:
        return None
    words = re.findall(r"[a-z0-9]+", name.lower().replace("&", " and "))
    significant = frozenset(w for w in words if w not in _GENERIC_NAME_WORDS)
    # A name made only of generic words ("Housing Association") is its own key.
    return significant or frozenset(words) or None


def document_year(doc: DocumentRow) -> int | None:
    """Year a document belongs to, from what it prints or, failing that, its file name."""
    for text in (doc.published, doc.inspection_dates, doc.title, doc.source_name):
        match = YEAR_RE.search(text or "")
        if match:
            return int(match.group(1))
    return None


def inspection_id(compared: list[DocumentRow]) -> str:
    """Id from the content (sha256 and part) of the report and plan versions
    compared, so copies, a cover report and unrelated files given in the same
    run leave it unchanged."""
    keys = sorted(f"{d.sha256 or d.doc_id}:{d.part}" for d in compared)
    return f"insp-{hashlib.sha1(chr(10).join(keys).encode()).hexdigest()[:16]}"


def _copy_rank(doc: DocumentRow, pack_sizes: dict[str, int], order: int):
    # The copy compared is the one most likely to be read completely:
    # readable, not flagged for review, then a file of its own over a part
    # cut out of a pack. Only document fields decide, so callers grouping the
    # same documents before and after extraction get the same choice.
    return (doc.status != "ok", doc.needs_review, pack_sizes[doc.source_path] > 1, order)


def group_documents(documents: list[DocumentRow],
                    fingerprints: dict[str, str] | None = None) -> list[InspectionGroup]:
    """Group reports, plans and cover reports into inspections.

    Documents of one landlord (same significant name words, or the same file)
    form a cluster. Within a cluster, reports, plans and covers of the same
    year are copies or companions of one inspection; a plan pairs with the
    latest report of its year or earlier. ``fingerprints`` (doc_id -> a digest
    of what a plan says) tells copies of a plan whose stamps were read
    differently.
    """
    docs = [d for d in documents if d.doc_kind in KINDS]
    order = {d.doc_id: i for i, d in enumerate(docs)}
    pack_sizes: dict[str, int] = {}
    for d in docs:
        pack_sizes[d.source_path] = pack_sizes.get(d.source_path, 0) + 1

    clusters = _clusters(docs)
    groups: list[InspectionGroup] = []
    for cluster in clusters:
        for members in _split_by_year(cluster):
            groups.append(_make_group(members, pack_sizes, order, fingerprints or {}))
    groups.sort(key=lambda g: min(order[i] for i in g.doc_ids))
    return groups


def _clusters(docs: list[DocumentRow]) -> list[list[DocumentRow]]:
    """Union of documents sharing a file or a landlord key."""
    parent = list(range(len(docs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_by: dict[object, int] = {}
    for i, d in enumerate(docs):
        for key in (("file", d.source_path), ("landlord", landlord_key(d.landlord))):
            if key[1] is None:
                continue
            if key in first_by:
                parent[find(i)] = find(first_by[key])
            else:
                first_by[key] = i
    clusters: dict[int, list[DocumentRow]] = {}
    for i, d in enumerate(docs):
        clusters.setdefault(find(i), []).append(d)
    return list(clusters.values())


def _split_by_year(cluster: list[DocumentRow]) -> list[list[DocumentRow]]:
    """Separate successive inspections of one landlord.

    Each report year starts an inspection; plans and covers join the latest
    report year not after their own. Documents with no year, or a cluster
    with at most one report year, stay together.
    """
    report_years = sorted({y for d in cluster if d.doc_kind == "inspection_report"
                           and (y := document_year(d)) is not None})
    if len(report_years) <= 1:
        return [cluster]
    buckets: dict[int, list[DocumentRow]] = {y: [] for y in report_years}
    by_file: dict[str, int] = {}
    for d in cluster:
        if d.doc_kind == "inspection_report" and document_year(d) is not None:
            by_file.setdefault(d.source_path, document_year(d))
    for d in cluster:
        year = document_year(d)
        if d.source_path in by_file:
            bucket = by_file[d.source_path]
        elif year is None:
            bucket = report_years[-1]
        else:
            earlier = [y for y in report_years if y <= year]
            bucket = earlier[-1] if earlier else report_years[0]
        buckets[bucket].append(d)
    return [b for b in buckets.values() if b]


def _make_group(members: list[DocumentRow], pack_sizes, order, fingerprints: dict[str, str]) -> InspectionGroup:
    def rank(d: DocumentRow):
        return _copy_rank(d, pack_sizes, order[d.doc_id])

    duplicate_of: dict[str, str] = {}

    def best(copies: list[DocumentRow]) -> DocumentRow | None:
        if not copies:
            return None
        chosen = min(copies, key=rank)
        duplicate_of.update({d.doc_id: chosen.doc_id for d in copies if d is not chosen})
        return chosen

    report = best([d for d in members if d.doc_kind == "inspection_report"])
    cover = best([d for d in members if d.doc_kind == "cover_report"])
    plans = [d for d in members if d.doc_kind == "action_plan"]
    stamps = {d.doc_id: s for d in plans if (s := recorded_stamp(d)) is not None}
    versions = [best(copies) for copies in _plan_versions(plans, stamps, fingerprints)]
    versions.sort(key=lambda d: (stamps[d.doc_id].sort_key if d.doc_id in stamps else (), order[d.doc_id]))
    plan = versions[-1] if versions else None
    anchor = report or plan or cover
    landlord = next((d.landlord for d in (report, plan, cover) if d is not None and d.landlord), None)
    # A cover report only presents the inspection, so it names it only when
    # nothing else was given.
    compared = [d for d in (report, *versions) if d is not None] or [cover]
    row = InspectionRow(
        inspection_id=inspection_id(compared),
        landlord=landlord,
        report_doc_id=report.doc_id if report else None,
        plan_doc_id=plan.doc_id if plan else None,
        cover_doc_id=cover.doc_id if cover else None,
        plan_versions=[d.doc_id for d in versions],
        source_path=anchor.source_path,
        page=anchor.page_start if anchor.page_start is not None else anchor.page,
    )
    return InspectionGroup(row=row, doc_ids=tuple(d.doc_id for d in members), duplicate_of=duplicate_of,
                           stamps=stamps)


def _plan_versions(plans: list[DocumentRow], stamps: dict[str, VersionStamp],
                   fingerprints: dict[str, str]) -> list[list[DocumentRow]]:
    """Plans split into versions, each a list of copies (``_same_version``)."""
    versions: list[list[DocumentRow]] = []
    for plan in plans:
        for copies in versions:
            if any(_same_version(plan, other, stamps, fingerprints) for other in copies):
                copies.append(plan)
                break
        else:
            versions.append([plan])
    return versions


def _same_version(a: DocumentRow, b: DocumentRow, stamps: dict[str, VersionStamp],
                  fingerprints: dict[str, str]) -> bool:
    """Copies: the same bytes; else not when both state different versions (a progress update
    may change only its notes); else the same actions; else the same stamp, or none on either."""
    if a.sha256 and a.sha256 == b.sha256 and a.part == b.part:
        return True
    stamp_a, stamp_b = stamps.get(a.doc_id), stamps.get(b.doc_id)
    key_a, key_b = (stamp_a.sort_key if stamp_a else None), (stamp_b.sort_key if stamp_b else None)
    if key_a is not None and key_b is not None and key_a != key_b:
        return False
    if fingerprints.get(a.doc_id) and fingerprints.get(a.doc_id) == fingerprints.get(b.doc_id):
        return True
    return key_a == key_b
