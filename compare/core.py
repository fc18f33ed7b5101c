"""compare_all: match each inspection's plan entries to its recommendations, run every check, and
follow the actions of successive plan versions.

Only the latest version of a plan is checked against the report, so what a
later version fixed is no longer reported; the earlier versions are compared
with it in ``compare.versions``.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from acplans.normalize.crossdoc import NormalisedBatch
from acplans.normalize.pairing import InspectionGroup, document_year
from acplans.schemas.bundle import Tables
from acplans.schemas.rows import ActionRow, DocumentRow, RecommendationRow, ResponseRow

from .checks import (find_actions_after_deadline, find_count_mismatches, find_date_anomalies,
                     find_missing_due_dates, find_missing_owners, find_missing_responses, find_orphans,
                     find_target_date_mismatches)
from .coverage import check_actions, coverage
from .matching import match_responses
from .scope import InspectionScope
from .versions import compare_versions
from .wording import find_wording_divergence

CHECKS = (
    find_missing_responses,
    find_orphans,
    find_target_date_mismatches,
    find_actions_after_deadline,
    find_missing_owners,
    find_missing_due_dates,
    find_date_anomalies,
    find_wording_divergence,
)


def build_scope(group: InspectionGroup, documents: dict[str, DocumentRow],
                recommendations: list[RecommendationRow], responses: list[ResponseRow],
                actions: list[ActionRow],
                inspection_dates: dict[str, tuple[date, date]] | None = None) -> InspectionScope:
    """The rows of one inspection, unmatched.

    Recommendations come from the report when there is one; the plan's own
    restatements stand in only for an inspection without a report.
    """
    row = group.row
    source = row.report_doc_id or row.plan_doc_id
    recs = [r for r in recommendations if r.doc_id == source
            and (row.report_doc_id is None or r.derived_from == "report")]
    dates = next((inspection_dates[d] for d in group.doc_ids if inspection_dates and d in inspection_dates), None)
    anchor = documents.get(row.report_doc_id or row.plan_doc_id or row.cover_doc_id or "")
    return InspectionScope(
        inspection=row,
        recommendations=recs,
        responses=[r for r in responses if r.doc_id == row.plan_doc_id],
        actions=[a for a in actions if a.doc_id == row.plan_doc_id],
        documents={d: documents[d] for d in group.doc_ids},
        inspection_dates=dates,
        reference_year=dates[1].year if dates else (document_year(anchor) if anchor else None),
    )


def compare_all(batch: NormalisedBatch) -> Tables:
    """The batch's tables with the matches and findings of every inspection
    the normaliser paired, each recommendation's coverage and each action's lateness."""
    tables = batch.tables
    by_id = {d.doc_id: d for d in tables.documents}
    # The comparator's own tables, filled inspection by inspection.
    result = replace(tables, matches=[], findings=[], coverage=[], action_checks=[], action_history=[])
    for group in batch.inspections:
        scope = build_scope(group, by_id, tables.recommendations, tables.responses, tables.actions,
                            batch.inspection_windows)
        scope.matches = match_responses(group.row.inspection_id, scope.recommendations, scope.responses)
        result.matches += scope.matches
        findings = [f for check in CHECKS for f in check(scope)]
        findings += find_count_mismatches(scope, batch.claims)
        action_checks = check_actions(scope)
        result.findings += findings
        result.action_checks += action_checks
        result.coverage += coverage(scope, findings, action_checks)
        versions = compare_versions(scope, group, tables.actions, tables.responses)
        result.action_history += versions.history
        result.findings += versions.findings
    return result
