"""The whole run on each sample inspection against its hand-written gold
answer (samples/gold/). A missing gold file fails the test: it is never
written by the test."""
import json
import re
from pathlib import Path

import pytest

from acplans.pipeline import run

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CASES = {
    "home-group-pack": ("home-group-2010.json", ["home-group-housing-panel-pack-2010.pdf"]),
    "home-group-report-and-plan": ("home-group-2010.json", ["home-group-inspection-report-2010.pdf",
                                                            "home-group-action-plan-2010.pdf"]),
    "peabody-docx": ("peabody-2010.json", ["peabody-action-plan-summary-2010.docx"]),
    "peabody-pdf": ("peabody-2010.json", ["peabody-action-plan-summary-2010.pdf"]),
}


def load_gold(name: str) -> dict:
    path = SAMPLES / "gold" / name
    if not path.exists():
        pytest.fail(f"gold file {path} is missing: write it by hand from the documents")
    return json.loads(path.read_text(encoding="utf-8"))


def norm(text) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(text or "").lower().replace("’", "'")).strip()


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request, tmp_path_factory):
    gold_name, files = CASES[request.param]
    out = tmp_path_factory.mktemp(request.param)
    result = run([SAMPLES / f for f in files], out)
    return load_gold(gold_name), result.tables


def test_recommendations_match_gold(case):
    gold, tables = case
    found = {(r.ref, norm(r.text)[:60], str(r.target_date) if r.target_date else None)
             for r in tables["recommendations"]}
    expected = {(g["ref"], norm(g["text"])[:60], g["target_date"]) for g in gold["recommendations"]}
    assert found == expected


def test_responses_and_owners_match_gold(case):
    gold, tables = case
    found = sorted((r.ref, r.owner_name or "", r.sponsor_name or "",
                    str(r.stated_target_date) if r.stated_target_date else "") for r in tables["responses"])
    expected = sorted((g["ref"], g["owner_name"] or "", g["sponsor_name"] or "", g["stated_target_date"] or "")
                      for g in gold["responses"])
    assert found == expected


def test_actions_match_gold_dates_and_status(case):
    gold, tables = case
    found = sorted((a.ref, str(a.due_date) if a.due_date else "", a.status) for a in tables["actions"])
    expected = sorted((g["ref"], g["due_date"] or "", g["status"]) for g in gold["actions"])
    assert found == expected


def test_findings_match_gold(case):
    gold, tables = case
    assert {(f.kind, f.ref) for f in tables["findings"]} == {(g["kind"], g["ref"]) for g in gold["findings"]}
    assert all(f.message and f.source_path for f in tables["findings"])
