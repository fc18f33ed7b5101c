"""The run as one hand-off: files -> normalised documents -> one Tables bundle
-> Parquet, on real sample files and files the tests make."""
import hashlib
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from acplans.pipeline import process_file, run
from acplans.schemas.output import read_tables

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
PEABODY_DOCX = SAMPLES / "peabody-action-plan-summary-2010.docx"
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


def test_two_identical_unreadable_files_each_get_an_error_row(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "download-1.pdf").write_bytes(b"")
    (inputs / "download-2.pdf").write_bytes(b"")
    shutil.copy(PEABODY_DOCX, inputs)

    result = run([inputs], tmp_path / "out")

    written = read_tables(tmp_path / "out")
    errors = [d for d in written.documents if d.status == "error"]
    assert sorted(d.source_name for d in errors) == ["download-1.pdf", "download-2.pdf"]
    assert len({d.doc_id for d in errors}) == 2
    assert all(d.error == "file is empty" and d.sha256 == EMPTY_SHA256 for d in errors)
    assert len(written.responses) == 13 and written == result.tables


def test_a_path_whose_bytes_cannot_be_read_has_no_sha256(tmp_path):
    # Folders named like documents: nothing can be read from them, not even bytes to hash.
    folders = [tmp_path / "a.pdf", tmp_path / "b.pdf"]
    for folder in folders:
        folder.mkdir()
    run([], tmp_path / "out", files=folders + folders[:1])  # a path named twice is still one file
    documents = read_tables(tmp_path / "out").documents
    assert [(d.source_name, d.status, d.error, d.sha256) for d in documents] == [
        ("a.pdf", "error", "is a folder, not a file", None), ("b.pdf", "error", "is a folder, not a file", None)]
    assert documents[0].doc_id != documents[1].doc_id


def test_the_same_file_given_twice_is_read_into_one_set_of_rows(tmp_path):
    copies = [tmp_path / "first" / PEABODY_DOCX.name, tmp_path / "second" / PEABODY_DOCX.name]
    for copy in copies:
        copy.parent.mkdir()
        shutil.copy(PEABODY_DOCX, copy)

    tables = run(copies, tmp_path / "out").tables

    assert [d.source_path for d in tables.documents] == [str(copies[0])]
    assert len(tables.responses) == 13 and len(tables.actions) == 22
    assert len(tables.inspections) == 1 and tables.inspections[0].plan_doc_id == tables.documents[0].doc_id
    assert len({p.person_id for p in tables.people}) == len(tables.people)
    assert all(len(set(p.as_owner)) == len(p.as_owner) for p in tables.people)


def test_each_normalised_document_carries_what_later_stages_need():
    cover, report, plan = process_file(SAMPLES / "home-group-housing-panel-pack-2010.pdf").documents
    assert [(c.doc_id, c.what, c.count, c.page) for c in cover.claims] == [
        (cover.document.doc_id, "recommendations", 29, 1), (cover.document.doc_id, "headings", 6, 1),
        (cover.document.doc_id, "actions", 29, 1), (cover.document.doc_id, "headings", 6, 1)]
    assert report.inspection_window == (date(2010, 4, 26), date(2010, 4, 30))
    assert (cover.inspection_window, plan.inspection_window) == (None, None)
    # The plan's own restatements: headline groups and the entries under them.
    restated = plan.restated_recommendations
    assert {r.derived_from for r in restated} == {"plan"}
    assert {r.ref for r in restated if r.level == "bullet"} == {r.ref for r in plan.responses} - {"R1"}


def test_a_plan_lends_its_restatements_only_when_given_without_its_report(tmp_path):
    pack = SAMPLES / "home-group-housing-panel-pack-2010.pdf"
    with_report = run([pack], tmp_path / "pack").tables
    assert {r.derived_from for r in with_report.recommendations} == {"report"}

    alone = run([SAMPLES / "home-group-action-plan-2010.pdf"], tmp_path / "plan").tables
    plan_id = alone.documents[0].doc_id
    assert alone.inspections[0].report_doc_id is None and alone.inspections[0].plan_doc_id == plan_id
    assert {(r.doc_id, r.derived_from) for r in alone.recommendations} == {(plan_id, "plan")}
    assert len(alone.recommendations) == 34


def test_a_run_writes_parquet_without_loading_pandas(tmp_path):
    # pandas (and pyarrow.compute, which loads it) would add half a CPU-second
    # and some 80 MiB to every run; the tables are built from lists.
    code = ("import sys; from acplans.cli import main; sys.argv = ['acplans', 'run', sys.argv[1], '--out', "
            "sys.argv[2], '--silent', '--workers', '0', '--no-cache']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pandas', 'pyarrow.compute') if m in sys.modules))")
    run_ = subprocess.run([sys.executable, "-c", code, str(SAMPLES / "peabody-action-plan-summary-2010.pdf"),
                           str(tmp_path / "out")], capture_output=True, text=True, check=True)
    assert run_.stdout.strip().splitlines()[-1] == "[]"
    assert len(read_tables(tmp_path / "out").actions) == 22
