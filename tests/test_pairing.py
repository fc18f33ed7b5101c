"""Pairing on the samples given together: the pack and the separate files of
Home Group are copies of one inspection, Peabody's PDF and Word files are
copies of one plan, and every document names its inspection so a researcher
counts each action once."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

import pytest

from acplans.normalize.pairing import group_documents

ALL = ("home-group-housing-panel-pack-2010.pdf", "home-group-inspection-report-2010.pdf",
       "home-group-action-plan-2010.pdf", "peabody-action-plan-summary-2010.docx",
       "peabody-action-plan-summary-2010.pdf")


@pytest.fixture(scope="module")
def tables(sample_run):
    return sample_run(ALL).tables


def test_copies_name_the_document_compared(tables):
    docs = {(d.source_name, d.part): d for d in tables.documents}
    inspections = {i.landlord: i for i in tables.inspections}
    home, peabody = inspections["Home Group Limited"], inspections["Peabody"]
    assert home.report_doc_id == docs["home-group-inspection-report-2010.pdf", 0].doc_id
    assert home.plan_versions == [docs["home-group-action-plan-2010.pdf", 0].doc_id]
    assert docs["home-group-housing-panel-pack-2010.pdf", 1].duplicate_of == home.report_doc_id
    assert docs["home-group-housing-panel-pack-2010.pdf", 2].duplicate_of == home.plan_doc_id
    assert docs["home-group-housing-panel-pack-2010.pdf", 0].duplicate_of is None  # the only cover
    assert peabody.plan_versions == [docs["peabody-action-plan-summary-2010.docx", 0].doc_id]
    assert docs["peabody-action-plan-summary-2010.pdf", 0].duplicate_of == peabody.plan_doc_id
    assert {d.inspection_id for d in tables.documents if d.doc_kind != "other"} == {
        home.inspection_id, peabody.inspection_id}


def test_actions_counted_once_through_the_documents_table(tables):
    originals = {d.doc_id for d in tables.documents if d.inspection_id and d.duplicate_of is None}
    compared = {i.plan_doc_id for i in tables.inspections}
    per_doc = Counter(a.doc_id for a in tables.actions)
    # Every action row is kept (the copies too), but only the compared copies count.
    assert sum(per_doc.values()) == 2 * sum(per_doc[d] for d in compared)
    assert sum(per_doc[d] for d in originals) == sum(per_doc[d] for d in compared)
    assert len(tables.action_history) == sum(per_doc[d] for d in compared)


def test_inspection_ids_come_from_the_compared_documents_only(tables, sample_run):
    separate = sample_run(ALL[1:3]).tables.inspections
    assert [i.inspection_id for i in separate] == [
        i.inspection_id for i in tables.inspections if i.landlord == "Home Group Limited"]


def test_same_actions_make_copies_unless_both_state_different_versions(tables):
    docs = [d for d in tables.documents if d.landlord == "Peabody"]
    may = replace(docs[1], version_label="progress at May 2011", version_date=date(2011, 5, 31))
    same = {d.doc_id: "same actions" for d in docs}
    # One stamp read from a pack's cover date, say, and none on the other: copies.
    [group] = group_documents([docs[0], may], same)
    assert len(group.versions) == 1 and len(group.duplicate_of) == 1
    [group] = group_documents([docs[0], may], {})
    assert len(group.versions) == 2
    # A progress update may change only its notes: two stated versions stay two.
    june = replace(docs[0], version_label="progress at June 2011", version_date=date(2011, 6, 30))
    [group] = group_documents([june, may], same)
    assert group.versions == [may.doc_id, june.doc_id]
