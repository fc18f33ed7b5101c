"""The command line as users meet it: documented commands, one-line errors
for bad files while the batch goes on, output that is never half-written."""
import shutil

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from acplans.cli import main
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
    assert result.exit_code == 1
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
    assert result.exit_code == 1
    assert "internal error while comparing" in result.stderr and "KeyError" in result.stderr
    assert pq.read_table(tmp_path / "actions.parquet").num_rows == 22
    assert pq.read_table(tmp_path / "findings.parquet").num_rows == 0
