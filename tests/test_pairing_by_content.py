"""Pairing a report with its plan when names fail, on documents the generator builds.

The plans here never name their landlord (or name it only in their prose),
so only what they restate can tie them to their reports.
"""
from __future__ import annotations

import dataclasses

import pytest

from acplans import pipeline
from acplans.extract.model import Block, BlockKind
from acplans.extract.report_metadata import landlord_named_in
from docgen.variants import build, variant


def nameless(seed: int, **style):
    v = variant(seed, two_columns=False)
    return dataclasses.replace(v, style=dataclasses.replace(v.style, plan_landlord="none", **style))


def run(tmp_path, *variants):
    files = []
    for i, v in enumerate(variants):
        files += build(v, tmp_path / f"in{i}")[0]
    return pipeline.run(files, tmp_path / "out").tables


def test_one_report_and_one_nameless_plan_pair_by_content(tmp_path):
    tables = run(tmp_path, nameless(5, plan_layout="long"))
    assert len(tables.inspections) == 1
    insp = tables.inspections[0]
    assert insp.report_doc_id and insp.plan_doc_id
    # The plan's restatements are answers, not a second set of recommendations.
    assert {r.derived_from for r in tables.recommendations} == {"report"}
    assert not [f for f in tables.findings if f.kind == "orphan_response"]


def test_two_reports_and_two_nameless_plans_pair_crosswise(tmp_path):
    tables = run(tmp_path, nameless(21, plan_layout="entries"), nameless(22, plan_layout="long"))
    assert len(tables.inspections) == 2
    docs = {d.doc_id: d.source_path for d in tables.documents}
    for insp in tables.inspections:
        report, plan = docs[insp.report_doc_id], docs[insp.plan_doc_id]
        assert report.rsplit("/", 2)[-2] == plan.rsplit("/", 2)[-2]  # the same variant's folder


def test_a_plan_answering_another_report_is_not_paired_with_it(tmp_path):
    report_only = variant(21, two_columns=False)
    files = [f for f in build(report_only, tmp_path / "a")[0] if "report" in f.name]
    files += [f for f in build(nameless(22), tmp_path / "b")[0] if "plan" in f.name]
    tables = pipeline.run(files, tmp_path / "out").tables
    assert len(tables.inspections) == 2


@pytest.mark.parametrize("text, name", [
    ("This is Tamar Living's response to the Audit Commission inspection.", "Tamar Living"),
    ("The Audit Commission inspected Kelbrook Housing Association Limited in May 2010.",
     "Kelbrook Housing Association Limited"),
    ("This plan sets out how Marston Vale Homes will improve its services.", "Marston Vale Homes"),
    ("This is our response to the inspection report published in June 2010.", None),
    ("The Council's response to the inspection.", None),
])
def test_landlord_named_in_a_plans_opening_prose(text, name):
    assert landlord_named_in([Block(BlockKind.PARAGRAPH, text)]) == name
