"""Pairing a report with its plan by what they say, when their names fail.

A plan whose title and footers never name the landlord, or names it in a way
the report does not, is left in an inspection of its own by name pairing.
But a plan restates the report's recommendations: when most of a lone
plan's entries read like the recommendations of a lone report, the two are
one inspection. Each plan joins at most one report and the best-matched
pairs are made first, so two reports and two plans in one run pair up
crosswise correctly.
"""
from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz import fuzz

from acplans.schemas.rows import DocumentRow, RecommendationRow, ResponseRow

from .pairing import InspectionGroup, inspection_id

# Similarity (0-100) at which a plan's restatement reads as a recommendation,
# and the share of a plan's entries that must do so for the pair to hold.
SAME_TEXT = 85
MIN_SHARE = 0.5


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def restatement_share(responses: list[ResponseRow], recommendations: list[RecommendationRow]) -> float:
    """Share of the plan's entries whose text reads like one of the report's recommendations."""
    recs = [_words(r.text) for r in recommendations if r.text.strip()]
    texts = [_words(r.text) for r in responses if r.text.strip()]
    if not recs or not texts:
        return 0.0
    hits = sum(1 for t in texts if max(fuzz.ratio(t, r) for r in recs) >= SAME_TEXT)
    return hits / len(texts)


def pair_by_content(groups: list[InspectionGroup], documents: list[DocumentRow],
                    recommendations: list[RecommendationRow], responses: list[ResponseRow]) -> list[InspectionGroup]:
    """``groups`` with each lone plan merged into the lone report whose
    recommendations it restates; every other group unchanged."""
    lone_reports = [g for g in groups if g.row.report_doc_id and not g.row.plan_doc_id]
    lone_plans = [g for g in groups if g.row.plan_doc_id and not g.row.report_doc_id]
    if not lone_reports or not lone_plans:
        return groups
    recs_of = {g.row.report_doc_id: [r for r in recommendations if r.doc_id == g.row.report_doc_id]
               for g in lone_reports}
    entries_of = {g.row.plan_doc_id: [r for r in responses if r.doc_id == g.row.plan_doc_id] for g in lone_plans}
    candidates = sorted(
        ((restatement_share(entries_of[p.row.plan_doc_id], recs_of[r.row.report_doc_id]), i, j)
         for i, r in enumerate(lone_reports) for j, p in enumerate(lone_plans)), reverse=True)
    merged: dict[int, InspectionGroup] = {}  # id of a group -> what replaces it (None: absorbed)
    used_reports, used_plans = set(), set()
    by_id = {d.doc_id: d for d in documents}
    for share, i, j in candidates:
        if share < MIN_SHARE or i in used_reports or j in used_plans:
            continue
        used_reports.add(i)
        used_plans.add(j)
        report, plan = lone_reports[i], lone_plans[j]
        merged[id(report)] = _merge(report, plan, by_id)
        merged[id(plan)] = None
    return [merged.get(id(g), g) for g in groups if merged.get(id(g), g) is not None]


def _merge(report: InspectionGroup, plan: InspectionGroup, by_id: dict[str, DocumentRow]) -> InspectionGroup:
    """One inspection of the report's group and the plan's, its id from the
    report and plan versions compared, as name pairing makes it."""
    row = report.row
    compared = [by_id[row.report_doc_id]] + [by_id[v] for v in plan.row.plan_versions]
    merged_row = replace(
        row, inspection_id=inspection_id(compared), landlord=row.landlord or plan.row.landlord,
        plan_doc_id=plan.row.plan_doc_id, plan_versions=list(plan.row.plan_versions),
        cover_doc_id=row.cover_doc_id or plan.row.cover_doc_id)
    return InspectionGroup(row=merged_row, doc_ids=report.doc_ids + plan.doc_ids,
                           duplicate_of={**report.duplicate_of, **plan.duplicate_of},
                           stamps={**report.stamps, **plan.stamps})
