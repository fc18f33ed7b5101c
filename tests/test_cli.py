"""The command line as users meet it: documented commands, one-line errors
for bad files while the batch goes on, output that is never half-written."""
import shutil

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from acplans.cli import Exit, main
from acplans.extract.formats import labels

SAMPLES = __import__("pathlib").Path(__file__).resolve().parents[1] / "samples"


def all_commands():
    return sorted(main.commands)


@pytest.mark.parametrize("name", all_commands())
def test_every_command_has_help_with_an_example(name):
    command = main.commands[name]
    assert command.help and len(command.help.split()) > 8, f"{name} lacks a description"
    assert "Example:" in command.help and f"acplans {name}" in command.help
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0


def test_run_reports_bad_files_on_one_line_and_keeps_going(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SAMPLES / "peabody-action-plan-summary-2010.docx", inputs)
    (inputs / "empty.pdf").write_bytes(b"")
    (inputs / "truncated.pdf").write_bytes((SAMPLES / "home-group-inspection-report-2010.pdf").read_bytes()[:3000])
    (inputs / "image.docx").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    result = CliRunner().invoke(main, ["run", str(inputs), "--out", str(tmp_path / "out"), "--silent"])
    assert result.exit_code == Exit.SOME_FAILED
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert any("empty.pdf" in e and "empty" in e for e in errors)
    assert any("truncated.pdf" in e for e in errors)
    assert any("image.docx" in e and f"not a {labels()} file" in e for e in errors)
    assert "Traceback" not in result.output
    documents = pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()
    by_name = {d["source_name"]: d for d in documents}
    assert by_name["peabody-action-plan-summary-2010.docx"]["status"] == "ok"
    assert by_name["empty.pdf"]["status"] == "error" and by_name["empty.pdf"]["error"] == "file is empty"
    responses = pq.read_table(tmp_path / "out" / "responses.parquet")
    assert responses.num_rows == 13


def test_inspect_prints_the_model_and_refuses_bad_files(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\n garbage")
    result = CliRunner().invoke(main, ["inspect", str(SAMPLES / "peabody-action-plan-summary-2010.pdf"), str(bad)])
    assert result.exit_code == 1
    assert "running_footer x6: Peabody - Audit Commission short notice inspection action plan (summary)" in result.output
    assert result.stderr.count("error:") == 1 and "bad.pdf" in result.stderr


def test_report_and_check_need_a_run_first(tmp_path):
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert "acplans run" in result.output


def test_a_comparator_failure_still_writes_the_extracted_tables(tmp_path, monkeypatch):
    import acplans.pipeline as pipeline

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(pipeline, "compare_all", broken)
    result = CliRunner().invoke(main, ["run", str(SAMPLES / "peabody-action-plan-summary-2010.docx"),
                                       "--out", str(tmp_path), "--silent"])
    assert result.exit_code == Exit.SOME_FAILED
    assert "internal error while comparing" in result.stderr and "KeyError" in result.stderr
    assert pq.read_table(tmp_path / "actions.parquet").num_rows == 22
    assert pq.read_table(tmp_path / "findings.parquet").num_rows == 0


def test_run_exit_codes_tell_findings_failures_nothing_and_usage_apart(tmp_path):
    plan = str(SAMPLES / "peabody-action-plan-summary-2010.docx")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "taken").write_text("a file where the output folder should be")
    cases = {
        Exit.OK: [plan, "--out", str(tmp_path / "a"), "--fail-on", "high"],
        Exit.FINDINGS: [plan, "--out", str(tmp_path / "b"), "--fail-on", "low"],
        Exit.NOTHING_EXTRACTED: [str(tmp_path / "empty.txt"), "--out", str(tmp_path / "c")],
        Exit.USAGE: [plan, "--out", str(tmp_path / "taken" / "out")],
    }
    for code, args in cases.items():
        result = CliRunner().invoke(main, ["run", *args, "--quiet", "--workers", "1"])
        assert result.exit_code == code, (code, result.output)
        assert "Traceback" not in result.output
    assert pq.read_table(tmp_path / "b" / "findings.parquet").num_rows > 0
    assert "error: cannot write to" in result.stderr and len(result.stderr.splitlines()) == 1
    assert "Exit codes:" in CliRunner().invoke(main, ["run", "--help"]).output


def test_quiet_prints_nothing_and_the_summary_names_files_to_review_and_skipped(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SAMPLES / "peabody-action-plan-summary-2010.docx", inputs)
    (inputs / "notes.json").write_text("{}")
    (inputs / "plan.md").write_text("# Action plan\n\nR1 We will do better. Due: soon.\n")
    quiet = CliRunner().invoke(main, ["run", str(inputs), "--out", str(tmp_path / "q"), "-q"])
    assert quiet.exit_code == Exit.OK and quiet.output == ""
    result = CliRunner().invoke(main, ["run", str(inputs), "--out", str(tmp_path / "out")])
    lines = result.stderr.splitlines()
    assert lines[0].startswith("2 of 2 files read;")
    review = lines.index("Needs review (1):")
    assert lines[review + 1].startswith(f"  {inputs / 'plan.md'}: ")
    assert lines[0].endswith("; 1 file in folders skipped (--verbose names them)")
    verbose = CliRunner().invoke(main, ["run", str(inputs), "--out", str(tmp_path / "out"), "--verbose"])
    lines = verbose.stderr.splitlines()
    assert lines[lines.index("Skipped in folders (1):") + 1] == f"  {inputs / 'notes.json'} (no reader for .json)"
    again = CliRunner().invoke(main, ["run", str(inputs), "--out", str(tmp_path / "out")])
    lines = again.stderr.splitlines()
    assert lines[0].startswith("Nothing to do: the same 2 files, read by the same acplans, made the tables in ")
    assert lines[lines.index("Needs review (1):") + 1].startswith(f"  {inputs / 'plan.md'}: ")
    elsewhere = CliRunner().invoke(main, ["run", str(inputs), "--out", str(tmp_path / "other"),
                                          "--cache", str(tmp_path / "out" / ".cache")])
    assert elsewhere.stderr.splitlines()[0].startswith("2 of 2 files read (2 unchanged, from the cache);")


def acplans_process(tmp_path, *args: str) -> "subprocess.CompletedProcess[str]":
    """`acplans` as a user's shell starts it (the console entry point), with
    an exit handler of the kind a caller's tooling registers (coverage, say)."""
    import subprocess
    import sys

    code = ("import atexit, sys; atexit.register(print, 'exit handler ran');"
            "sys.argv = ['acplans', *sys.argv[1:]]; from acplans.cli import entry; entry()")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tmp_path,
                          timeout=120)


def test_a_finished_command_exits_with_its_code_after_exit_handlers_and_output(tmp_path):
    done = acplans_process(tmp_path, "run", str(SAMPLES / "peabody-action-plan-summary-2010.docx"),
                           "--out", str(tmp_path / "out"), "--no-cache")
    assert done.returncode == Exit.OK, done.stderr
    assert "exit handler ran" in done.stdout
    assert "1 of 1 files read" in done.stderr  # the summary, flushed before the process ended
    assert pq.read_table(tmp_path / "out" / "recommendations.parquet").num_rows > 0


def test_a_usage_error_keeps_its_exit_code_and_message_through_the_entry_point(tmp_path):
    (tmp_path / "empty").mkdir()
    done = acplans_process(tmp_path, "run", str(tmp_path / "empty"), "--out", str(tmp_path / "out"))
    assert done.returncode == Exit.USAGE
    assert f"Error: no {labels()} files found in the inputs" in done.stderr
    assert "exit handler ran" in done.stdout
