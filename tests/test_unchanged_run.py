"""A re-run over unchanged inputs reports the output set in force and
stops: nothing is read, compared or written. Any change to the inputs, the
options or the code, a missing table, or a run that did not finish its
work (a file out of time, a failed comparison) makes the next run work."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from click.testing import CliRunner

from acplans.cli import Exit, main
from acplans.extract.formats import OcrMode, ReadOptions
from acplans.pipeline import FileResult, RunResult
from acplans.run_record import RunRecord, hash_inputs, inputs_key, unchanged_record
from acplans.schemas.bundle import Tables
from acplans.schemas.manifest import read_manifest

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
PLAN = SAMPLES / "peabody-action-plan-summary-2010.docx"


def acplans(*args: str):
    return CliRunner().invoke(main, ["run", *map(str, args)])


def test_an_unchanged_rerun_writes_nothing_and_says_so_with_the_same_exit_code(tmp_path):
    shutil.copy(PLAN, tmp_path / "plan.docx")
    out = tmp_path / "out"
    first = acplans(tmp_path / "plan.docx", "--out", out, "--workers", "0", "--fail-on", "low")
    assert first.exit_code == Exit.FINDINGS
    in_force = os.readlink(out / ".current")
    again = acplans(tmp_path / "plan.docx", "--out", out, "--workers", "0", "--fail-on", "low")
    assert again.exit_code == Exit.FINDINGS
    assert again.stderr.startswith("Nothing to do: the same 1 files")
    assert os.readlink(out / ".current") == in_force
    # The counts are the first run's: its summary line ends with them too.
    counts = first.stderr.splitlines()[0].split("; ", 1)[1].split(" -> ")[0]
    assert counts in again.stderr.splitlines()[0]
    assert acplans(tmp_path / "plan.docx", "--out", out, "--workers", "0").exit_code == Exit.OK


def test_a_changed_file_new_options_a_missing_table_or_no_cache_make_the_run_work(tmp_path):
    plan = tmp_path / "plan.docx"
    shutil.copy(PLAN, plan)
    out = tmp_path / "out"
    assert acplans(plan, "--out", out, "--workers", "0").exit_code == Exit.OK
    key = inputs_key([plan], hash_inputs([plan]), ReadOptions())
    assert unchanged_record(out, key) is not None
    assert inputs_key([plan], hash_inputs([plan]), ReadOptions(ocr=OcrMode.NEVER)) != key
    assert inputs_key([tmp_path / "elsewhere.docx"], hash_inputs([plan]), ReadOptions()) != key
    for args in (["--no-cache"], ["--ocr", "never"]):
        assert not acplans(plan, "--out", out, "--workers", "0", *args).stderr.startswith("Nothing to do")
    (out / "findings.parquet").unlink()
    assert read_manifest(out) is None and unchanged_record(out, key) is None
    assert not acplans(plan, "--out", out, "--workers", "0").stderr.startswith("Nothing to do")
    with plan.open("ab") as f:
        f.write(b"\0")  # other bytes: the same path no longer names the same inputs
    assert inputs_key([plan], hash_inputs([plan]), ReadOptions()) != key


def test_a_run_with_a_file_out_of_time_or_a_failed_comparison_records_no_inputs_key(tmp_path):
    timed_out = FileResult(tmp_path / "slow.pdf", "error", "timed out after 1 s (--file-timeout)", transient=True)
    unreadable = FileResult(tmp_path / "bad.pdf", "error", "not a PDF")
    assert RunRecord.of(RunResult([unreadable], Tables()), "key").inputs_key == "key"
    assert RunRecord.of(RunResult([unreadable, timed_out], Tables()), "key").inputs_key is None
    assert RunRecord.of(RunResult([unreadable], Tables(), errors=["comparison failed"]), "key").inputs_key is None


def test_the_record_survives_the_manifest(tmp_path):
    shutil.copy(PLAN, tmp_path / "plan.docx")
    (tmp_path / "notes.md").write_text("# Notes\n\nNothing here is a plan.\n")
    out = tmp_path / "out"
    acplans(tmp_path, "--out", out, "--workers", "0")
    files = sorted([tmp_path / "notes.md", tmp_path / "plan.docx"])
    record = unchanged_record(out, inputs_key(files, hash_inputs(files), ReadOptions()))
    assert record.unchanged and record.files == 2 and record.actions == 22
    assert [r.path for r in record.needs_review] == [str(tmp_path / "notes.md")]
    assert RunRecord.from_json(record.to_json()) == RunRecord.from_json(read_manifest(out)["record"])
