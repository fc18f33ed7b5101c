"""The reader registry: formats are declared once in ``extract.formats`` and
sniffing, dispatch, the documents table and folder walks all follow it."""
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from acplans.cli import main
from acplans.extract import formats
from acplans.extract.formats import BACKENDS, Backend, InputFormat, document_suffixes
from acplans.extract.model import UnreadableDocument
from acplans.extract.reader import read_document, sniff_format
from acplans.pipeline import collect_inputs
from acplans.schemas.tables import columns

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_every_backend_loads_a_reader_function():
    for b in BACKENDS:
        assert callable(b.load()), b.reader


def test_enum_and_documents_column_list_the_registry():
    names = [b.format for b in BACKENDS]
    assert [f.value for f in InputFormat] == names
    file_type = next(c for c in columns("documents") if c.name == "file_type")
    assert list(file_type.allowed) == names


@pytest.mark.parametrize("name, fmt", [("peabody-action-plan-summary-2010.docx", "docx"),
                                       ("peabody-action-plan-summary-2010.pdf", "pdf")])
def test_samples_are_sniffed_and_read_by_their_backend(name, fmt, tmp_path):
    renamed = tmp_path / "no-suffix"
    renamed.write_bytes((SAMPLES / name).read_bytes())
    assert sniff_format(renamed) == fmt
    assert read_document(renamed).file_type == fmt


def test_a_new_zip_format_is_sniffed_from_its_registry_line_alone(tmp_path, monkeypatch):
    path = tmp_path / "minutes.odt"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(UnreadableDocument, match="no word/document.xml"):
        sniff_format(path)
    odt = Backend("odt", "OpenDocument", (".odt",), "odt_reader:read_odt", zip_member="content.xml")
    monkeypatch.setattr(formats, "BACKENDS", BACKENDS + (odt,))
    assert sniff_format(path) == "odt"
    assert ".odt" in document_suffixes()


def test_reading_a_text_file_imports_no_pdf_or_word_library(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("Action plan\n\nRecommendation 1: do it.\n", encoding="utf-8")
    probe = ("import sys; from acplans.pipeline import run; from pathlib import Path; "
             f"run([{str(path)!r}], Path({str(tmp_path / 'out')!r})); "
             "print(sorted(m for m in ('pdfplumber', 'docx', 'openpyxl') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "inputs"
    (root / "sub" / ".git").mkdir(parents=True)
    (root / "sub" / ".git" / "HEAD").write_text("ref: main")
    (root / "sub" / "plan.DOCX").write_bytes((SAMPLES / "peabody-action-plan-summary-2010.docx").read_bytes())
    (root / "notes.odt").write_bytes(b"PK\x03\x04")
    (root / "README").write_text("read me")
    (root / "sub" / "ReadMe.md").write_text("# Reports received in 2011\n")
    (root / ".DS_Store").write_bytes(b"\x00")
    return root


def test_folder_walk_names_every_file_it_leaves_out(folder):
    inputs = collect_inputs([folder])
    assert inputs.files == [(folder / "sub" / "plan.DOCX").resolve()]
    assert {(s.path.relative_to(folder).as_posix(), s.reason) for s in inputs.skipped} == {
        (".DS_Store", "hidden file"),
        ("README", "no reader for files without a suffix"),
        ("sub/ReadMe.md", "a README: notes on the folder, not a report or plan"),
        ("notes.odt", "no reader for .odt"),
        ("sub/.git", "hidden folder"),
    }


def test_a_file_named_directly_is_read_whatever_its_suffix(folder):
    inputs = collect_inputs([folder / "notes.odt"])
    assert inputs.files == [folder / "notes.odt"] and inputs.skipped == []


def test_run_summary_counts_skipped_files_and_verbose_names_them(folder, tmp_path):
    quiet = CliRunner().invoke(main, ["run", str(folder), "--out", str(tmp_path / "a")])
    assert quiet.exit_code == 0, quiet.output
    assert "1 of 1 files read" in quiet.stderr
    assert "5 files in folders skipped (--verbose names them)" in quiet.stderr
    assert "notes.odt" not in quiet.stderr
    loud = CliRunner().invoke(main, ["run", str(folder), "--out", str(tmp_path / "b"), "--verbose"])
    assert loud.exit_code == 0, loud.output
    assert f"skipped: {folder / 'notes.odt'} (no reader for .odt)" in loud.stderr.splitlines()
    assert f"skipped: {folder / 'sub' / '.git'} (hidden folder)" in loud.stderr.splitlines()
    assert "5 files in folders skipped\n" in loud.stderr


def test_a_folder_with_nothing_readable_says_what_it_skipped(tmp_path):
    (tmp_path / "data.csv").write_text("a,b\n")
    result = CliRunner().invoke(main, ["run", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "1 file in folders skipped" in result.output
    assert "Traceback" not in result.output


def test_a_legacy_office_file_is_told_which_formats_to_save_as(tmp_path):
    path = tmp_path / "plan.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    with pytest.raises(UnreadableDocument) as caught:
        read_document(path)
    assert "legacy Office (OLE) file" in caught.value.reason
    assert all(f"{b.suffixes[0]}" in caught.value.reason for b in BACKENDS if not b.plain_text)
