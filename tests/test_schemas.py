"""The table layer: schemas from rows.py, validation, atomic writes, the data dictionary."""
from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import typing
from datetime import date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from acplans.extract.formats import InputFormat
from acplans.schemas import tables
from acplans.schemas.bundle import Tables
from acplans.schemas.dictionary import EXAMPLE_SQL, render_markdown
from acplans.schemas.rows import (
    SCHEMA_VERSION, TABLES, ActionCheckRow, ActionHistoryRow, ActionRow, CoverageRow, DocumentRow, FindingRow,
    InspectionRow, JudgementRow, MatchRow, PersonRow, RecommendationRow, ResponseRow,
)
from acplans.schemas.tables import Problem, ValidationError, arrow_schema, columns, rows_to_table, validate
from acplans.schemas.output import read_table, read_tables, write_tables

REPO = Path(__file__).resolve().parents[1]
REPORT = "Audit Commission - Housing inspection report.pdf"
PLAN = "Action plan.docx"


def sample_tables() -> Tables:
    """One small inspection in which every column holds a real value somewhere.

    Action R1/1 is due 30 Sep 2011, after R1's deadline of 30 Jun 2011; R1/2 is
    due before it and R2/1 on the day, so only R1/1 is late.
    """
    return Tables(
        documents=[
            DocumentRow(doc_id="d1", source_path=f"samples/{REPORT}", source_name=REPORT,
                        file_type="pdf", part=0, doc_kind="inspection_report", page_start=1,
                        page_end=42, landlord="Anytown Homes", title="Housing management",
                        published="March 2011", inspection_dates="6-10 December 2010",
                        status="ok", needs_review=True, review_reasons=["ref gap after R2"],
                        ref_gaps=["R3"], ref_repeats=["R1.1"], due_parse_rate=None,
                        sha256="ab" * 32, page=1, ocr_pages=42, ocr_confidence=91.5),
            DocumentRow(doc_id="d2", source_path=f"samples/{PLAN}", source_name=PLAN,
                        file_type="docx", part=0, doc_kind="action_plan", status="error",
                        error="table 3 has merged header cells", due_parse_rate=0.75,
                        inspection_id="i1", duplicate_of="d4", version=2, version_date=date(2011, 6, 30),
                        version_label="progress at June 2011"),
        ],
        recommendations=[
            RecommendationRow(doc_id="d1", rec_id="d1:R1", ref="R1", ref_as_written="R1",
                              level="headline", text="Improve the repairs service.",
                              target_date_text="June 2011", target_date=date(2011, 6, 30),
                              target_date_precision="month", impact="high", cost="low",
                              benefits=["fewer complaints", "lower costs"],
                              source_path=f"samples/{REPORT}", page=12),
            RecommendationRow(doc_id="d1", rec_id="d1:R1.1", ref="R1.1", ref_as_written="1.1",
                              parent_ref="R1", level="bullet", text="Publish repair times.",
                              source_path=f"samples/{REPORT}", page=12),
            RecommendationRow(doc_id="d1", rec_id="d1:R2", ref="R2", level="headline",
                              text="Involve tenants.", target_date_text="31 March 2011",
                              target_date=date(2011, 3, 31), target_date_precision="day",
                              derived_from="report", source_path=f"samples/{REPORT}", page=13),
        ],
        judgements=[
            JudgementRow(doc_id="d1", judgement_table="Scoring chart", area="Repairs",
                         assessment="Weaknesses outweigh strengths",
                         source_path=f"samples/{REPORT}", page=5),
        ],
        responses=[
            ResponseRow(doc_id="d2", response_id="d2:R1:1", ref="R1", ref_as_written="R1.",
                        text="Improve repairs.", stated_target_date_text="June 2011",
                        stated_target_date=date(2011, 6, 30), owner_name="Jane Smith",
                        owner_role="Head of Repairs", sponsor_name="Tom Brown",
                        sponsor_role="Director of Housing", action_count=2,
                        source_path=f"samples/{PLAN}", page=2),
            ResponseRow(doc_id="d2", response_id="d2:R2:2", ref="R2", text="Involve tenants.",
                        action_count=1, source_path=f"samples/{PLAN}", page=3),
        ],
        actions=[
            ActionRow(doc_id="d2", action_id="d2:R1:1/1", response_id="d2:R1:1", ref="R1", seq=1,
                      text="Procure a new repairs contract", due_text="Q3 2011",
                      due_date=date(2011, 9, 30), due_date_start=date(2011, 7, 1),
                      due_precision="quarter", status="ongoing", progress="Tender issued",
                      measures="90% of repairs on time", owner_name="Jane Smith",
                      owner_role="Head of Repairs", source_path=f"samples/{PLAN}", page=2),
            ActionRow(doc_id="d2", action_id="d2:R1:1/2", response_id="d2:R1:1", ref="R1", seq=2,
                      text="Publish repair times", due_text="May 2011", due_date=date(2011, 5, 31),
                      due_date_start=date(2011, 5, 1), due_precision="month", status="completed",
                      source_path=f"samples/{PLAN}", page=2),
            ActionRow(doc_id="d2", action_id="d2:R2:2/1", response_id="d2:R2:2", ref="R2", seq=1,
                      text="Set up a tenants' panel", due_text="31/03/2011",
                      due_date=date(2011, 3, 31), due_precision="day", status="planned",
                      source_path=f"samples/{PLAN}", page=3),
        ],
        people=[
            PersonRow(person_id="jane-smith", name="Jane Smith", roles=["Head of Repairs"],
                      as_owner=["d2:R1:1"], doc_id="d2", source_path=f"samples/{PLAN}", page=2),
            PersonRow(person_id="director-of-housing", name=None, roles=["Director of Housing"],
                      is_post=True, as_sponsor=["d2:R1:1"], doc_id="d2",
                      source_path=f"samples/{PLAN}", page=2),
        ],
        inspections=[
            InspectionRow(inspection_id="i1", landlord="Anytown Homes", report_doc_id="d1",
                          plan_doc_id="d2", cover_doc_id="d3", plan_versions=["d5", "d2"],
                          source_path=f"samples/{REPORT}",
                          page=1),
        ],
        matches=[
            MatchRow(inspection_id="i1", rec_id="d1:R1", response_id="d2:R1:1", method="ref",
                     score=1.0, source_path=f"samples/{PLAN}", page=2),
            MatchRow(inspection_id="i1", rec_id="d1:R1.1", response_id="d2:R1:1",
                     method="headline", score=0.5, source_path=f"samples/{PLAN}", page=2),
        ],
        findings=[
            FindingRow(inspection_id="i1", doc_id="d2", kind="action_after_deadline",
                       severity="medium", ref="R1", rec_id="d1:R1", response_id="d2:R1:1",
                       action_id="d2:R1:1/1",
                       message="Action R1/1 is due Q3 2011 (plan p. 2), after June 2011 (report p. 12).",
                       source_path=f"samples/{PLAN}", page=2),
        ],
        coverage=[
            CoverageRow(inspection_id="i1", rec_id="d1:R1", ref="R1", is_point=False, answered=True,
                        answered_by="own_entry", response_ids=["d2:R1:1"], bullets=1, bullets_answered=1,
                        late_actions=1, undated_actions=0, findings=1, source_path=f"samples/{REPORT}",
                        page=12),
            CoverageRow(inspection_id="i1", rec_id="d1:R2", ref="R2", undated_actions=1,
                        source_path=f"samples/{REPORT}", page=13),
        ],
        action_checks=[
            ActionCheckRow(inspection_id="i1", action_id="d2:R1:1/1", response_id="d2:R1:1", ref="R1",
                           rec_id="d1:R1", deadline=date(2011, 6, 30), earliest_due=date(2011, 7, 1),
                           late=True, undated=True, source_path=f"samples/{PLAN}", page=2),
        ],
        action_history=[
            ActionHistoryRow(inspection_id="i1", history_id="d5:R1:1/1", version=2, doc_id="d2",
                             action_id="d2:R1:1/1", ref="R1", text="Procure a new repairs contract",
                             due_date=date(2011, 9, 30), status="ongoing", owner="Jane Smith",
                             progress="Tender issued", change="due_date_moved", days_moved=92,
                             past_deadline=True, match_score=0.97, source_path=f"samples/{PLAN}", page=2),
        ],
    )


def _replace_column(table: pa.Table, name: str, values: list, type_: pa.DataType | None = None) -> pa.Table:
    i = table.schema.get_field_index(name)
    return table.set_column(i, name, pa.array(values, type_ or table.schema.field(name).type))


@pytest.fixture
def out(tmp_path) -> Path:
    out_dir = tmp_path / "output"
    write_tables(out_dir, sample_tables())
    return out_dir


# -- schemas -------------------------------------------------------------

def test_arrow_types_and_nullability_follow_annotations():
    s = arrow_schema("actions")
    assert s.field("due_date").type == pa.date32() and s.field("due_date").nullable
    assert s.field("seq").type == pa.int32() and not s.field("seq").nullable
    assert s.field("page").type == pa.int32() and s.field("page").nullable
    assert s.field("action_id").type == pa.string() and not s.field("action_id").nullable
    docs = arrow_schema("documents")
    assert docs.field("review_reasons").type == pa.list_(pa.string())
    assert not docs.field("review_reasons").nullable
    assert docs.field("needs_review").type == pa.bool_()
    assert docs.field("due_parse_rate").type == pa.float64()
    assert s.metadata == {b"acplans.schema_version": SCHEMA_VERSION.encode(), b"acplans.table": b"actions"}
    assert s.field("due_text").metadata == {
        b"doc": b"The 'by' text as printed, always kept ('' when the cell is empty)."}


def test_samples_fill_every_column_of_every_table():
    # Guards the round trip below: a column left null everywhere is not tested.
    for name, rows in sample_tables():
        for c in columns(name):
            assert any(getattr(r, c.name) not in (None, []) for r in rows), f"{name}.{c.name}"


@pytest.mark.parametrize("name", list(TABLES))
def test_every_table_round_trips_with_its_types(out, name):
    table = read_table(out, name)
    assert table.to_pylist() == [dataclasses.asdict(r) for r in getattr(sample_tables(), name)]
    expected = arrow_schema(name)
    assert table.column_names == expected.names
    for f in expected:
        got = table.schema.field(f.name)
        assert (got.type, got.nullable, got.metadata) == (f.type, f.nullable, f.metadata)
    assert table.schema.metadata[b"acplans.table"] == name.encode()
    assert validate(name, out / f"{name}.parquet") == []


def test_the_bundle_has_one_list_of_each_row_class_in_table_order():
    hints = typing.get_type_hints(Tables)
    assert Tables.names() == tuple(TABLES)
    assert {name: hints[name] for name in Tables.names()} == {name: list[cls] for name, cls in TABLES.items()}
    assert [name for name, _ in Tables()] == list(TABLES)


def test_read_tables_gives_back_the_rows_written(out):
    assert read_tables(out) == sample_tables()


def test_read_tables_names_a_missing_table(out):
    (out / "matches.parquet").unlink()
    with pytest.raises(FileNotFoundError, match="no matches.parquet in .*run `acplans run` first"):
        read_tables(out)


def test_read_tables_refuses_files_that_break_the_schema(out):
    # An output of an older acplans: a column since added is missing, a value is out of range.
    pq.write_table(pq.read_table(out / "actions.parquet").drop_columns(["measures"]), out / "actions.parquet")
    people = pq.read_table(out / "people.parquet")
    pq.write_table(_replace_column(people, "person_id", ["p1", "p1"]), out / "people.parquet")
    with pytest.raises(ValidationError) as e:
        read_tables(out)
    assert e.value.problems == [Problem("actions", "measures", None, "missing column"),
                                Problem("people", "person_id", 1, "duplicate id 'p1' (first at row 0)")]


def test_write_tables_takes_only_the_bundle(tmp_path):
    with pytest.raises(TypeError, match="write_tables takes a schemas.bundle.Tables, not dict"):
        write_tables(tmp_path, {name: [] for name in TABLES})
    assert list(tmp_path.iterdir()) == []


def test_dates_stay_dates_and_lists_stay_lists(out):
    actions = read_table(out, "actions")
    assert actions.schema.field("due_date").type == pa.date32()
    assert actions.column("due_date")[0].as_py() == date(2011, 9, 30)
    people = read_table(out, "people")
    assert people.column("roles").to_pylist() == [["Head of Repairs"], ["Director of Housing"]]


def test_empty_tables_are_written_with_the_full_schema(tmp_path):
    paths = write_tables(tmp_path, Tables())
    assert set(paths) == set(TABLES)
    for name, path in paths.items():
        assert path == tmp_path / f"{name}.parquet"
        table = pq.read_table(path)
        assert table.num_rows == 0
        assert [(f.name, f.type) for f in table.schema] == [(f.name, f.type) for f in arrow_schema(name)]
    assert duckdb.sql(f"SELECT count(*) FROM '{tmp_path}/actions.parquet'").fetchall() == [(0,)]


def test_manifest_records_version_and_row_counts(out):
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["schema_version"] == SCHEMA_VERSION
    assert manifest["tables"]["actions"] == {"file": "actions.parquet", "rows": 3}
    assert {n: t["rows"] for n, t in manifest["tables"].items()} == {
        "documents": 2, "recommendations": 3, "judgements": 1, "responses": 2, "actions": 3,
        "people": 2, "inspections": 1, "matches": 2, "findings": 1, "coverage": 2,
        "action_checks": 1, "action_history": 1}
    assert datetime.fromisoformat(manifest["created"]).tzinfo is not None


# -- validation ----------------------------------------------------------

def test_validation_reports_every_problem_at_once():
    t = rows_to_table("actions", sample_tables().actions)
    t = _replace_column(t, "status", ["ongoing", "done", "planned"])
    t = _replace_column(t, "response_id", [None, "d2:R1:1", "d2:R2:2"])
    t = _replace_column(t, "action_id", ["d2:R1:1/1", "d2:R1:1/2", "d2:R1:1/1"])
    t = _replace_column(t, "due_date", [date(2011, 9, 30), date(1899, 5, 31), date(2011, 3, 31)])
    t = _replace_column(t, "seq", [1, 2, 1], pa.int64())
    t = t.drop_columns(["progress"]).append_column("colour", pa.array(["red"] * 3))

    problems = validate("actions", t)

    assert sorted(problems, key=str) == sorted([
        Problem("actions", "status", 1, "'done' is not one of completed, ongoing, planned"),
        Problem("actions", "response_id", 0, "null in a non-nullable column"),
        Problem("actions", "action_id", 2, "duplicate id 'd2:R1:1/1' (first at row 0)"),
        Problem("actions", "due_date", 1, "date 1899-05-31 outside 1990-01-01..2100-12-31"),
        Problem("actions", "seq", None, "has type int64, expected int32"),
        Problem("actions", "progress", None, "missing column"),
        Problem("actions", "colour", None, "unexpected column"),
    ], key=str)


def test_validation_error_message_lists_problems_readably():
    problems = [Problem("actions", "status", i, f"'x{i}' is not one of completed, ongoing, planned")
                for i in range(tables.MESSAGE_LIMIT + 10)]
    message = str(ValidationError(problems))
    lines = message.splitlines()
    assert lines[0] == f"{len(problems)} problem(s) in acplans tables:"
    assert lines[1] == "  - actions.status row 0: 'x0' is not one of completed, ongoing, planned"
    assert lines[-1] == "  ... and 10 more (see .problems)"
    assert len(lines) == tables.MESSAGE_LIMIT + 2


def test_file_of_another_table_is_reported(out):
    problems = validate("documents", out / "actions.parquet")
    assert Problem("documents", None, None, "file holds table 'actions'") in problems
    assert Problem("documents", "sha256", None, "missing column") in problems


def test_dates_beyond_python_range_are_reported_not_crashed_on():
    t = rows_to_table("actions", sample_tables().actions[:1])
    far = pa.array([3_000_000], pa.int32()).cast(pa.date32())
    t = t.set_column(t.schema.get_field_index("due_date"), "due_date", far)
    assert validate("actions", t) == [
        Problem("actions", "due_date", 0, "date 10183-09-21 outside 1990-01-01..2100-12-31")]


ENUMERATIONS = {
    # The reader registry declares the input formats; the column follows it.
    ("documents", "file_type"): tuple(f.value for f in InputFormat),
    ("documents", "doc_kind"): ("cover_report", "inspection_report", "action_plan", "other"),
    ("documents", "status"): ("ok", "empty", "unreadable_text", "error"),
    ("recommendations", "level"): ("headline", "bullet"),
    ("recommendations", "target_date_precision"): ("day", "month", "quarter", "year"),
    ("recommendations", "impact"): ("high", "medium", "low"),
    ("recommendations", "cost"): ("high", "medium", "low"),
    ("recommendations", "derived_from"): ("report", "plan"),
    ("actions", "due_precision"): ("day", "month", "quarter", "year"),
    ("actions", "status"): ("completed", "ongoing", "planned"),
    ("matches", "method"): ("ref", "headline", "text"),
    ("coverage", "answered_by"): ("own_entry", "headline", "points"),
    ("findings", "kind"): ("missing_response", "orphan_response", "target_date_mismatch",
                           "action_after_deadline", "no_owner", "no_due_date", "date_anomaly",
                           "wording_diverges", "count_mismatch", "due_date_moved", "action_dropped",
                           "status_regressed"),
    ("findings", "severity"): ("high", "medium", "low"),
    ("action_history", "status"): ("completed", "ongoing", "planned"),
    ("action_history", "change"): ("first", "same", "changed", "due_date_moved", "due_date_earlier",
                                   "completed", "status_regressed", "status_changed", "dropped"),
}


def test_enumerated_columns_are_the_expected_ones():
    declared = {(t, c.name): c.allowed for t in TABLES for c in columns(t) if c.allowed}
    assert declared == ENUMERATIONS


@pytest.mark.parametrize("name,column", sorted(ENUMERATIONS))
def test_enumeration_is_enforced(name, column):
    rows = getattr(sample_tables(), name)
    rows[0] = dataclasses.replace(rows[0], **{column: "bogus"})
    assert validate(name, rows_to_table(name, rows)) == [
        Problem(name, column, 0, f"'bogus' is not one of {', '.join(ENUMERATIONS[name, column])}")]


@pytest.mark.parametrize("name,column", sorted(ENUMERATIONS))
def test_enumeration_values_are_named_in_the_column_doc(name, column):
    doc = next(c.doc for c in columns(name) if c.name == column)
    assert [v for v in ENUMERATIONS[name, column] if v not in doc] == []


def test_null_is_allowed_in_a_nullable_enumerated_column():
    rows = [dataclasses.replace(r, file_type=None, doc_kind=None) for r in sample_tables().documents]
    assert validate("documents", rows_to_table("documents", rows)) == []


ID_COLUMNS = {"documents": "doc_id", "recommendations": "rec_id", "responses": "response_id",
              "actions": "action_id", "people": "person_id", "inspections": "inspection_id"}


def test_id_columns_are_the_expected_ones():
    assert {t: c.name for t in TABLES for c in columns(t) if c.unique} == ID_COLUMNS


@pytest.mark.parametrize("name,id_column", sorted(ID_COLUMNS.items()))
def test_duplicate_ids_are_reported(name, id_column):
    rows = getattr(sample_tables(), name)
    rows.append(dataclasses.replace(rows[0]))
    assert validate(name, rows_to_table(name, rows)) == [
        Problem(name, id_column, len(rows) - 1,
                f"duplicate id {getattr(rows[0], id_column)!r} (first at row 0)")]


def test_python_values_of_the_wrong_type_are_reported_per_cell():
    rows = sample_tables().actions
    rows[0] = dataclasses.replace(rows[0], due_date="2011-09-30", seq=1.5)
    rows[2] = dataclasses.replace(rows[2], due_date=datetime(2011, 3, 31, 9, 0))
    with pytest.raises(ValidationError) as e:
        rows_to_table("actions", rows)
    assert e.value.problems == [
        Problem("actions", "seq", 0, "expected int, got float 1.5"),
        Problem("actions", "due_date", 0, "expected date, got str '2011-09-30'"),
        Problem("actions", "due_date", 2, "expected date, got datetime datetime.datetime(2011, 3, 31, 9, 0)"),
    ]


def test_a_str_is_not_silently_split_into_a_list():
    rows = [dataclasses.replace(sample_tables().people[0], roles="Head of Repairs")]
    with pytest.raises(ValidationError) as e:
        rows_to_table("people", rows)
    assert e.value.problems == [
        Problem("people", "roles", 0, "expected list of str, got str 'Head of Repairs'")]


def test_rows_of_the_wrong_class_are_reported():
    with pytest.raises(ValidationError) as e:
        rows_to_table("actions", sample_tables().responses[:1])
    assert e.value.problems == [Problem("actions", None, 0, "is a ResponseRow, expected ActionRow")]


# -- writing ---------------------------------------------------------------

def test_invalid_tables_write_nothing_and_report_all_tables(tmp_path):
    given = sample_tables()
    given.actions[1].status = "done"
    given.people[0].person_id = None
    given.findings.append(given.matches[0])
    out_dir = tmp_path / "output"
    with pytest.raises(ValidationError) as e:
        write_tables(out_dir, given)
    assert e.value.problems == [
        Problem("actions", "status", 1, "'done' is not one of completed, ongoing, planned"),
        Problem("people", "person_id", 0, "null in a non-nullable column"),
        Problem("findings", None, 1, "is a MatchRow, expected FindingRow"),
    ]
    assert not out_dir.exists()


# -- the data dictionary and SQL -----------------------------------------

def test_docs_schema_md_is_up_to_date():
    assert (REPO / "docs/schema.md").read_text(encoding="utf-8") == render_markdown(), (
        "docs/schema.md is stale: python -m acplans.schemas.dictionary > docs/schema.md")


def test_dictionary_documents_each_column():
    text = render_markdown()
    assert "| `due_date` | `date32[day]` | yes |  | Latest date the due text commits to; null when it names none. |" in text
    assert "| `status` | `string` | no | `completed`, `ongoing`, `planned` | completed, ongoing or planned. |" in text
    assert "One row per action listed under an action-plan entry." in text
    assert EXAMPLE_SQL in text


def test_dictionary_check_command_exits_1_when_stale(tmp_path):
    stale = tmp_path / "schema.md"
    stale.write_text(render_markdown().replace("Stable id", "Id"), encoding="utf-8")
    cmd = [sys.executable, "-m", "acplans.schemas.dictionary", "--check"]
    fresh = subprocess.run(cmd + [str(REPO / "docs/schema.md")], capture_output=True, text=True)
    old = subprocess.run(cmd + [str(stale)], capture_output=True, text=True)
    assert (fresh.returncode, old.returncode) == (0, 1)
    assert "stale" in old.stderr


def test_documented_query_runs_on_written_files(out, monkeypatch):
    # The query in docs/schema.md reads 'output/...', so run it from output's parent.
    monkeypatch.chdir(out.parent)
    assert duckdb.sql(EXAMPLE_SQL).fetchall() == [
        ("Anytown Homes", "R1", date(2011, 6, 30), date(2011, 9, 30), "Procure a new repairs contract")]
    types = duckdb.sql("SELECT typeof(due_date), typeof(seq) FROM 'output/actions.parquet' LIMIT 1").fetchall()
    assert types == [("DATE", "INTEGER")]
    assert duckdb.sql("SELECT typeof(roles) FROM 'output/people.parquet' LIMIT 1").fetchall() == [("VARCHAR[]",)]
