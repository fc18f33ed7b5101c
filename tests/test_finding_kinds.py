"""The finding kinds are defined once (schemas/findings.py); everything else follows from them."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from acplans.compare.scope import BASE_SEVERITY
from acplans.schemas.findings import FINDING_KINDS, SEVERITIES
from acplans.schemas.findings_doc import readme_kinds_table, render_markdown
from acplans.schemas.tables import columns

REPO = Path(__file__).resolve().parents[1]
FINDINGS_MD = REPO / "docs/findings.md"


def test_docs_findings_md_is_up_to_date():
    assert FINDINGS_MD.read_text(encoding="utf-8") == render_markdown(), (
        "docs/findings.md is stale: python -m acplans.schemas.findings_doc > docs/findings.md")


def test_readme_finding_kinds_table_is_up_to_date():
    assert readme_kinds_table() in (REPO / "README.md").read_text(encoding="utf-8"), (
        "README.md's finding-kinds table is stale: replace it with the output of python -c "
        "'from acplans.schemas.findings_doc import readme_kinds_table; print(readme_kinds_table())'")


def test_findings_md_check_command_exits_1_when_stale(tmp_path):
    stale = tmp_path / "findings.md"
    stale.write_text(FINDINGS_MD.read_text(encoding="utf-8").replace("after the deadline", "late"),
                     encoding="utf-8")
    cmd = [sys.executable, "-m", "acplans.schemas.findings_doc", "--check"]
    fresh = subprocess.run(cmd + [str(FINDINGS_MD)], capture_output=True, text=True)
    old = subprocess.run(cmd + [str(stale)], capture_output=True, text=True)
    assert (fresh.returncode, old.returncode) == (0, 1)
    assert "findings.md is stale" in old.stderr


def test_findings_table_allows_exactly_the_defined_kinds_and_severities():
    allowed = {c.name: c.allowed for c in columns("findings") if c.allowed}
    assert allowed == {
        "kind": ("missing_response", "orphan_response", "target_date_mismatch", "action_after_deadline",
                 "no_owner", "no_due_date", "date_anomaly", "wording_diverges", "count_mismatch",
                 "due_date_moved", "action_dropped", "status_regressed"),
        "severity": SEVERITIES,
    }


def test_comparator_base_severities_come_from_the_definitions():
    assert BASE_SEVERITY == {
        "missing_response": "high", "orphan_response": "medium", "target_date_mismatch": "medium",
        "action_after_deadline": "high", "no_owner": "medium", "no_due_date": "medium",
        "date_anomaly": "high", "wording_diverges": "medium", "count_mismatch": "low",
        "due_date_moved": "medium", "action_dropped": "high", "status_regressed": "medium"}


def test_docs_give_each_kind_its_rule_example_and_severity():
    text = render_markdown()
    for k in FINDING_KINDS:
        assert f"| `{k.kind}` | {k.raised_when} | {k.not_raised_when} |" in text
        assert f"- `{k.kind}`: {k.example}" in text
    high = next(line for line in text.splitlines() if line.startswith("| high |"))
    assert "`target_date_mismatch` when the plan's deadline is later than the report's" in high
    assert "`no_owner` when the recommendation answered has a deadline" in high
    assert "`count_mismatch`" in next(line for line in text.splitlines() if line.startswith("| low |"))
