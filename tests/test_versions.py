"""Successive versions of one plan, built here as Word files: the later version
is compared with the earlier, action by action, and slippage is reported."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import docx
import pytest

from acplans import pipeline
from acplans.compare.versions import match_actions
from acplans.normalize.versions import read_stamp
from acplans.schemas.rows import ActionRow

HEADER = ["Ref", "Recommendation", "Action", "Lead officer", "Target date", "Progress"]
VERSION_KINDS = ("due_date_moved", "action_dropped", "status_regressed")


def write_plan(path: Path, title: str, rows: list[list[str]]) -> Path:
    document = docx.Document()
    document.add_heading(title, level=1)
    table = document.add_table(rows=len(rows) + 1, cols=len(HEADER))
    for r, row in enumerate([HEADER, *rows]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(path)
    return path


EARLIER = [
    ["R1.1", "Improve gas servicing", "Write a no-access policy", "Jane Smith", "March 2011", "Draft written"],
    ["R1.2", "Publish standards", "Publish repair times on the website", "Ann Lee", "June 2011", "Not started"],
    ["R2.1", "Involve tenants", "Set up a tenants' panel", "Tom Jones", "Completed May 2010.", "Met twice"],
    ["R2.2", "Train staff", "Train housing officers in diversity", "Tom Jones", "December 2011", "Booked"],
    ["R3.1", "Review complaints", "Review the complaints policy with residents", "Ann Lee", "April 2011", ""],
    ["R4.1", "Report performance", "Publish a yearly performance report", "Ann Lee", "", ""],
]
# June 2011: R2.2 reworded and moved to the top with its date unchanged; R1.1
# slipped six months; R1.2 gone although not done; R2.1 no longer completed;
# R3.1 newly completed; R3.2 a new action; R4.1, undated before, now has a date.
LATER = [
    ["R2.2", "Train staff", "Deliver diversity training to all housing officers", "Tom Jones", "December 2011",
     "Half trained"],
    ["R1.1", "Improve gas servicing", "Write a no-access policy", "Jane Smith", "September 2011", "Consulting"],
    ["R2.1", "Involve tenants", "Set up a tenants' panel", "Tom Jones", "July 2011", "Relaunching the panel"],
    ["R3.1", "Review complaints", "Review the complaints policy with residents", "Ann Lee",
     "Completed April 2011.", ""],
    ["R3.2", "Review complaints", "Publish complaint outcomes quarterly", "Ann Lee", "October 2011", ""],
    ["R4.1", "Report performance", "Publish a yearly performance report", "Ann Lee", "November 2011", ""],
]


@pytest.fixture(scope="module")
def plans(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("versions")
    # File names say nothing of the order: the titles' progress dates decide it.
    write_plan(folder / "plan-b.docx", "Anytown Homes Action Plan - progress at June 2011", LATER)
    write_plan(folder / "plan-a.docx", "Anytown Homes Action Plan - progress at December 2010", EARLIER)
    shutil.copyfile(folder / "plan-b.docx", folder / "plan-c, a copy of b.docx")
    return folder


@pytest.fixture(scope="module")
def run(plans, tmp_path_factory):
    return pipeline.run([plans], tmp_path_factory.mktemp("out"))


def test_versions_are_ordered_by_their_progress_date_and_the_copy_is_not_a_version(run):
    docs = {d.source_name: d for d in run.tables.documents}
    [inspection] = run.tables.inspections
    # The byte-identical copy is the same document: one row, not a third version.
    assert len(docs) == 2
    assert inspection.plan_versions == [docs["plan-a.docx"].doc_id, docs["plan-b.docx"].doc_id]
    assert inspection.plan_doc_id == docs["plan-b.docx"].doc_id
    assert [(d.version, d.version_date, d.version_label) for d in (docs["plan-a.docx"], docs["plan-b.docx"])] == [
        (1, date(2010, 12, 31), "progress at December 2010"), (2, date(2011, 6, 30), "progress at June 2011")]
    assert {d.inspection_id for d in docs.values()} == {inspection.inspection_id}


def test_each_planted_change_is_found_once(run):
    found = sorted((f.kind, f.ref) for f in run.tables.findings if f.kind in VERSION_KINDS)
    assert found == [("action_dropped", "R1.2"), ("due_date_moved", "R1.1"), ("status_regressed", "R2.1")]
    moved = next(f for f in run.tables.findings if f.kind == "due_date_moved")
    assert "is due 30 September 2011 there but was due 31 March 2011" in moved.message
    assert "moved 183 days later" in moved.message


def test_history_follows_a_reworded_reordered_action_and_counts_new_ones_as_first(run):
    history = run.tables.action_history
    later = {h.ref: h for h in history if h.version == 2}
    assert {ref: h.change for ref, h in later.items()} == {
        "R1.1": "due_date_moved", "R1.2": "dropped", "R2.1": "status_regressed", "R2.2": "changed",
        "R3.1": "completed", "R3.2": "first", "R4.1": "changed"}
    first = {h.ref: h for h in history if h.version == 1}
    # The reworded action keeps the identity it had in the first version.
    assert later["R2.2"].history_id == first["R2.2"].action_id
    assert later["R2.2"].text == "Deliver diversity training to all housing officers"
    assert later["R1.1"].days_moved == 183
    assert later["R1.2"].action_id is None and later["R1.2"].status is None
    assert later["R2.2"].owner == "Tom Jones"
    assert later["R2.2"].progress == "Half trained"


def test_the_report_comparison_uses_the_latest_version_only(run):
    [inspection] = run.tables.inspections
    checked = {c.action_id.split(":")[0] for c in run.tables.action_checks}
    assert checked == {inspection.plan_doc_id.split(":")[0]}
    # The earlier version's undated R4.1 was given a date: that finding is gone.
    assert [f.ref for f in run.tables.findings if f.kind == "no_due_date"] == []


def test_inspection_id_does_not_depend_on_what_else_is_in_the_batch(plans, run, tmp_path):
    other = write_plan(tmp_path / "other.docx", "Elsewhere Housing Trust Action Plan",
                       [["R1", "Repairs", "Fix the boilers", "Bob Ray", "May 2011", ""]])
    alone = pipeline.run([plans / "plan-a.docx", plans / "plan-b.docx", other], tmp_path / "out")
    assert run.tables.inspections[0].inspection_id in {i.inspection_id for i in alone.tables.inspections}
    assert len(alone.tables.inspections) == 2


@pytest.mark.parametrize("title, opening, name, published, label, day, number", [
    ("SNI Action Plan - progress at December 2010", "", "plan.docx", None, "progress at December 2010",
     date(2010, 12, 31), None),
    ("Action plan: Update June 2011", "", "plan.docx", None, "Update June 2011", date(2011, 6, 30), None),
    ("Improvement plan as at 30/06/2011", "", "plan.docx", None, "as at 30/06/2011", date(2011, 6, 30), None),
    # A title without the date, stated in the plan's opening words or running header.
    ("Improvement plan", "Anytown Homes\nProgress as at 31 March 2011\nPage 1", "plan.docx", None,
     "Progress as at 31 March 2011", date(2011, 3, 31), None),
    ("Improvement plan Version 3", "", "plan.docx", None, "Version 3", None, 3.0),
    ("Improvement plan", "", "plan_v2.docx", None, "v2", None, 2.0),
    ("Improvement plan", "", "plan March 2011.docx", None, "March 2011", date(2011, 3, 31), None),
    ("Improvement plan", "", "plan.docx", "September 2010", "published September 2010", date(2010, 9, 30), None),
])
def test_version_stamp(title, opening, name, published, label, day, number):
    stamp = read_stamp(title, opening, name, published)
    assert (stamp.label, stamp.day, stamp.number) == (label, day, number)


def test_a_year_alone_or_an_inspection_date_is_no_version():
    assert read_stamp("Action plan", "Inspection carried out in April 2010", "home-group-action-plan-2010.pdf",
                      None) is None


def _action(ref: str, text: str, seq: int = 1) -> ActionRow:
    return ActionRow(doc_id="p", action_id=f"p:{ref}/{seq}", response_id=f"p:{ref}", ref=ref, seq=seq, text=text)


def test_near_identical_actions_under_two_refs_each_keep_their_own():
    earlier = [_action("R1", "Report performance to the board"), _action("R2", "Report performance to tenants")]
    later = [_action("R2", "Report performance to tenants"), _action("R1", "Report performance to the board")]
    assert [(old.ref, new.ref) for old, new, _ in match_actions(earlier, later)] == [("R1", "R1"), ("R2", "R2")]
    assert match_actions([_action("R1", "Write a gas policy")], [_action("R1", "Recruit a new director")]) == []
