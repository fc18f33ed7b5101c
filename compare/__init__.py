"""Checking landlords' action plans against the inspection reports they answer.

``compare_all`` groups documents into inspections, matches plan entries to
recommendations and returns the inspections, matches and findings tables.
Each step is a function of its own so it can be tested and reused alone;
the finding rules are documented in docs/findings.md.

May import: acplans.schemas and the leaf module acplans.extract.lexicon.
Never the extractors, the normaliser or the top-level acplans modules: it
judges table rows, whatever produced them.
"""
from .checks import (CountClaimInput, find_actions_after_deadline, find_count_mismatches,
                     find_date_anomalies, find_missing_due_dates, find_missing_owners,
                     find_missing_responses, find_orphans, find_target_date_mismatches)
from .core import Comparison, build_scope, compare_all
from .matching import match_responses
from .pairing import InspectionGroup, group_documents, group_inspections, landlord_key
from .scope import InspectionScope
from .wording import divergences, find_wording_divergence

__all__ = [
    "Comparison", "CountClaimInput", "InspectionGroup", "InspectionScope", "build_scope",
    "compare_all", "divergences", "find_actions_after_deadline", "find_count_mismatches",
    "find_date_anomalies", "find_missing_due_dates", "find_missing_owners",
    "find_missing_responses", "find_orphans", "find_target_date_mismatches",
    "find_wording_divergence", "group_documents", "group_inspections", "landlord_key", "match_responses",
]
