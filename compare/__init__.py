"""Checking landlords' action plans against the inspection reports they answer.

``compare_all`` takes the normaliser's ``NormalisedBatch`` (tables, documents
already paired into inspections, count claims, inspection visits), matches
plan entries to recommendations and returns the tables with the matches,
findings, coverage, action_checks and action_history (each action across
the versions of its plan, ``versions``) added: the comparator is the only judge,
the report only shows them. Each step is a function of its own so it can be
tested and reused alone; the finding rules are documented in docs/findings.md.

May import: acplans.schemas, the normaliser's hand-off types
(acplans.normalize) and the leaf module acplans.extract.lexicon; never the
extractors or the top-level acplans modules.
"""
from .checks import (find_actions_after_deadline, find_count_mismatches,
                     find_date_anomalies, find_missing_due_dates, find_missing_owners,
                     find_missing_responses, find_orphans, find_target_date_mismatches)
from .core import build_scope, compare_all
from .matching import match_responses
from .scope import InspectionScope
from .versions import compare_versions, match_actions
from .wording import divergences, find_wording_divergence

__all__ = [
    "InspectionScope", "build_scope", "compare_versions", "match_actions",
    "compare_all", "divergences", "find_actions_after_deadline", "find_count_mismatches",
    "find_date_anomalies", "find_missing_due_dates", "find_missing_owners",
    "find_missing_responses", "find_orphans", "find_target_date_mismatches",
    "find_wording_divergence", "match_responses",
]
