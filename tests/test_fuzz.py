"""Mutated samples (truncated, bytes flipped, PDF objects deleted, Word XML
broken) through the whole per-file pipeline: one result per file, no
exception escapes, no hang. ``make fuzz`` runs many more examples."""
from __future__ import annotations

import io
import os
import re
import signal
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acplans.pipeline import error_row, process_file
from acplans.schemas.rows import DocumentStatus

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PDF = (SAMPLES / "peabody-action-plan-summary-2010.pdf").read_bytes()
DOCX = (SAMPLES / "peabody-action-plan-summary-2010.docx").read_bytes()
EXAMPLES = int(os.environ.get("ACPLANS_FUZZ_EXAMPLES", "8"))
# A mutated sample reads in seconds; a minute is a hang.
SECONDS_PER_FILE = int(os.environ.get("ACPLANS_FUZZ_SECONDS", "60"))
_OBJECT = re.compile(rb"\n\d{1,7} \d{1,5} obj\b")
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize="ACPLANS_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


class Hang(BaseException):
    """Not an Exception, so no handler in the pipeline can swallow it."""


def _alarm(signum, frame):
    raise Hang()


def assert_one_result_no_escape_no_hang(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"mutant{suffix}"
        path.write_bytes(data)
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(SECONDS_PER_FILE)
        try:
            result = process_file(path)
        except Hang:
            pytest.fail(f"no result within {SECONDS_PER_FILE} s")
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
        if result.status == "error":
            row = error_row(result)
            assert row.status == "error" and row.error and "\n" not in row.error
        else:
            assert result.documents
            assert all(d.document.status in set(DocumentStatus) - {DocumentStatus.ERROR} for d in result.documents)


def flips(size: int):
    return st.lists(st.tuples(st.integers(0, size - 1), st.integers(0, 255)), min_size=1, max_size=30)


def apply_flips(data: bytes, changes) -> bytes:
    out = bytearray(data)
    for at, value in changes:
        out[at] = value
    return bytes(out)


def delete_object(data: bytes, which: int) -> bytes:
    starts = [m.start() for m in _OBJECT.finditer(data)]
    start = starts[which % len(starts)]
    end = data.find(b"endobj", start)
    return data[:start] + data[end + len(b"endobj"):] if end != -1 else data[:start]


@FUZZ
@given(st.data())
def test_a_mutated_pdf_gives_one_result(data):
    how = data.draw(st.sampled_from(["truncate", "flip", "delete object", "delete and flip"]))
    mutant = PDF
    if how == "truncate":
        mutant = PDF[:data.draw(st.integers(0, len(PDF) - 1))]
    if how.startswith("delete"):
        mutant = delete_object(PDF, data.draw(st.integers(0, 10_000)))
    if how.endswith("flip"):
        mutant = apply_flips(mutant, data.draw(flips(len(mutant))))
    assert_one_result_no_escape_no_hang(mutant, ".pdf")


def rezip(package: bytes, member: str, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            target.writestr(info.filename, change(body) if info.filename == member else body)
    return out.getvalue()


@FUZZ
@given(st.data())
def test_a_mutated_docx_gives_one_result(data):
    how = data.draw(st.sampled_from(["truncate zip", "flip zip", "truncate xml", "flip xml"]))
    if how == "truncate zip":
        mutant = DOCX[:data.draw(st.integers(0, len(DOCX) - 1))]
    elif how == "flip zip":
        mutant = apply_flips(DOCX, data.draw(flips(len(DOCX))))
    else:
        with zipfile.ZipFile(io.BytesIO(DOCX)) as package:
            xml = package.read("word/document.xml")
        if how == "truncate xml":
            cut = data.draw(st.integers(0, len(xml) - 1))
            mutant = rezip(DOCX, "word/document.xml", lambda body: body[:cut])
        else:
            changes = data.draw(flips(len(xml)))
            mutant = rezip(DOCX, "word/document.xml", lambda body: apply_flips(body, changes))
    assert_one_result_no_escape_no_hang(mutant, ".docx")
