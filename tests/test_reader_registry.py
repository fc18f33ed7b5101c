"""The reader registry: formats are declared once in ``extract.formats`` and
sniffing, dispatch and the documents table all follow it."""
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from acplans.extract import formats
from acplans.extract.formats import BACKENDS, Backend, InputFormat
from acplans.extract.model import UnreadableDocument
from acplans.extract.reader import read_document, sniff_format
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


def test_reading_a_text_file_imports_no_pdf_or_word_library(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("Action plan\n\nRecommendation 1: do it.\n", encoding="utf-8")
    probe = ("import sys; from acplans.pipeline import run; from pathlib import Path; "
             f"run([{str(path)!r}], Path({str(tmp_path / 'out')!r})); "
             "print(sorted(m for m in ('pdfplumber', 'docx', 'openpyxl') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
