"""The hostile corpus (tests/hostile) through `acplans run`, `inspect` and
`check`, in one batch with samples: no hang, no traceback, no silent empty
success, and the samples still extracted whole."""
from __future__ import annotations

import importlib
import os
import pkgutil
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from acplans.cli import Exit, main
from acplans.extract import text_reader
from acplans.extract.model import UnreadableDocument
from acplans.extract.pdf import guards
from acplans.extract.quality import MAX_WHITESPACE_RUN
from acplans.extract.reader import read_document
from hostile.corpus import PROSE, build_corpus
from hostile.pdfbytes import pdf_file, stream, text_lines, text_pdf

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_RESPONSES = {"peabody-action-plan-summary-2010.docx": 13, "peabody-action-plan-summary-2010.pdf": 13}
ACPLANS = str(Path(sys.executable).parent / "acplans")
# Far above what the batch takes, far below a hang.
BATCH_SECONDS = 300


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    cases = build_corpus(folder / "in")
    files = [str(folder / "in" / c.name) for c in cases] + [str(SAMPLES / n) for n in SAMPLE_RESPONSES]
    env = {**os.environ, "ACPLANS_LOG_DIR": str(folder / "logs")}
    done = subprocess.run([ACPLANS, "run", *files, "--out", str(folder / "out"), "--ocr", "never"],
                          capture_output=True, text=True, timeout=BATCH_SECONDS, env=env)
    return folder, cases, files, done


def test_every_hostile_file_is_one_row_with_its_exact_outcome(corpus):
    folder, cases, _, done = corpus
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == Exit.SOME_FAILED
    rows = pq.read_table(folder / "out" / "documents.parquet").to_pylist()
    by_name = Counter(r["source_name"] for r in rows)
    assert {c.name: by_name[c.name] for c in cases} == {c.name: 1 for c in cases}
    outcomes = {r["source_name"]: r for r in rows}
    wrong = {c.name: (outcomes[c.name]["status"], outcomes[c.name]["error"], outcomes[c.name]["review_reasons"])
             for c in cases
             if not c.accepts(outcomes[c.name]["status"],
                              [outcomes[c.name]["error"] or ""] + outcomes[c.name]["review_reasons"])}
    assert wrong == {}
    assert [r["source_name"] for r in rows if "\n" in (r["error"] or "")] == []


def test_the_samples_in_the_same_batch_are_read_whole(corpus):
    folder, _, _, _ = corpus
    documents = {r["doc_id"]: r for r in pq.read_table(folder / "out" / "documents.parquet").to_pylist()}
    responses = Counter(documents[r["doc_id"]]["source_name"]
                        for r in pq.read_table(folder / "out" / "responses.parquet").to_pylist())
    assert {n: responses[n] for n in SAMPLE_RESPONSES} == SAMPLE_RESPONSES
    assert all(d["status"] == "ok" for d in documents.values() if d["source_name"] in SAMPLE_RESPONSES)


def test_each_bad_file_is_one_line_and_each_doubtful_one_is_named(corpus):
    folder, cases, _, done = corpus
    rows = pq.read_table(folder / "out" / "documents.parquet").to_pylist()
    failed = [r["source_name"] for r in rows if r["status"] == "error"]
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == len(failed)
    assert all(any(f"/{name}:" in line for line in errors) for name in failed)
    doubtful = [r for r in rows if r["needs_review"] and r["status"] != "error"]
    assert f"Needs review ({len(doubtful)}):" in done.stderr.splitlines()
    unreadable = [line for line in done.stderr.splitlines() if ": unreadable text: " in line]
    assert unreadable and all(line.startswith("  ") for line in unreadable)


def test_check_fails_on_review_and_names_every_doubtful_document(corpus):
    folder, cases, _, _ = corpus
    done = subprocess.run([ACPLANS, "check", str(folder / "out"), "--fail-on", "review"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    named = {line.split()[1] for line in done.stdout.splitlines() if line.startswith("REVIEW ")}
    assert {c.name for c in cases} <= named
    assert not named & set(SAMPLE_RESPONSES)


def test_inspect_gives_one_line_per_bad_file_and_no_traceback(corpus):
    folder, cases, files, _ = corpus
    env = {**os.environ, "ACPLANS_LOG_DIR": str(folder / "logs")}
    done = subprocess.run([ACPLANS, "inspect", *files, "--ocr", "never"], capture_output=True, text=True,
                          timeout=BATCH_SECONDS, env=env)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    failing = [c for c in cases if c.status == "error"]
    # A case the engine may read (engine_may) is an error only under the other engine.
    assert sum(1 for c in failing if c.engine_may is None) <= len(errors) <= len(failing)
    assert all(any(f"/{c.name}:" in line for line in errors) for c in failing if c.engine_may is None)
    unreadable = [c for c in cases if c.status == "unreadable_text"]
    certain = [c for c in unreadable if c.engine_may is None]
    assert len(certain) <= done.stdout.count("  unreadable text: ") <= len(unreadable)


def test_a_reader_bug_is_one_line_naming_a_log_that_holds_its_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("ACPLANS_LOG_DIR", str(tmp_path / "logs"))

    def broken(*args):
        raise KeyError("a reader bug")
    monkeypatch.setattr(text_reader, "read_text", broken)
    path = tmp_path / "notes.txt"
    path.write_text(PROSE)
    with pytest.raises(UnreadableDocument) as caught:
        read_document(path)
    assert caught.value.reason.startswith("internal error while reading (KeyError: 'a reader bug'); traceback in ")
    log = Path(caught.value.log_path)
    assert log.parent == tmp_path / "logs" and "Traceback" in log.read_text() and "broken" in log.read_text()
    # --workers 0 reads in this process, where the broken reader is patched in.
    quiet = CliRunner().invoke(main, ["run", str(path), "--out", str(tmp_path / "a"), "--silent", "--workers", "0"])
    loud = CliRunner().invoke(main, ["run", str(path), "--out", str(tmp_path / "b"), "--silent", "--verbose",
                                     "--workers", "0"])
    assert "Traceback" not in quiet.stderr and str(log) in quiet.stderr
    assert "Traceback" in loud.stderr


def test_utf16_and_utf32_text_reads_as_written(tmp_path):
    for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(f"# Action plan\n\n{PROSE}\n".encode(encoding))
        assert [b.text for b in read_document(path).blocks] == ["Action plan", PROSE], encoding


def test_a_page_with_more_words_than_any_printed_page_is_cut_and_flagged(tmp_path, monkeypatch):
    monkeypatch.setattr(guards, "MAX_WORDS_PER_PAGE", 40)
    path = tmp_path / "dense.pdf"
    path.write_bytes(text_pdf([text_lines([PROSE] * 10)]))
    doc = read_document(path)
    assert sum(len(b.text.split()) for b in doc.blocks) == 40
    assert doc.review_reasons == [f"page 1 holds more than any printed page: {10 * len(PROSE.split())} words, only the first 40 read"]


def test_more_pages_than_the_limit_are_refused_before_layout(tmp_path, monkeypatch):
    monkeypatch.setattr(guards, "MAX_PAGES", 2)
    path = tmp_path / "long.pdf"
    path.write_bytes(text_pdf([text_lines([PROSE])] * 3))
    with pytest.raises(UnreadableDocument, match="PDF has 3 pages, over the 2 page limit"):
        read_document(path)


def test_long_whitespace_runs_reach_no_later_stage(tmp_path):
    path = tmp_path / "runs.txt"
    path.write_text("Owner:" + " " * 10_000 + "Director\tDue:" + "\u00a0" * 500 + "June\n" + PROSE)
    doc = read_document(path)
    texts = [b.text for b in doc.blocks] + [c.text for b in doc.tables() for r in b.table.rows for c in r.cells]
    texts += [h for b in doc.tables() for h in b.table.header]
    assert "Owner: Director" in texts and "Due: June" in texts
    assert max(len(t) for t in texts) < MAX_WHITESPACE_RUN + 200


def _module_patterns():
    for package in ("extract", "normalize", "compare"):
        root = importlib.import_module(f"acplans.{package}")
        for info in pkgutil.walk_packages(root.__path__, f"acplans.{package}."):
            module = importlib.import_module(info.name)
            yield from ((f"{info.name}.{name}", value) for name, value in vars(module).items()
                        if isinstance(value, re.Pattern))


def test_no_pattern_backtracks_on_hostile_text():
    """Every compiled pattern of the stages that read untrusted text, on long
    runs of what makes patterns backtrack (runs of whitespace longer than
    ``MAX_WHITESPACE_RUN`` never reach them), stops in bounded time."""
    units = ["a", "A ", "1.", "R1 ", "(", "[", "<", "-", "1 January ", "Mr ", "i) ", "£1,", "<sup>", "<p ", "](",
             "#" + " " * MAX_WHITESPACE_RUN,
             " " * MAX_WHITESPACE_RUN + "x"]
    slow = {}
    for name, pattern in _module_patterns():
        for unit in units:
            text = (unit * (8000 // len(unit) + 1))[:8000] + "\x00!"
            started = time.perf_counter()
            pattern.search(text)
            if time.perf_counter() - started > 1.0:
                slow[name] = unit
    assert slow == {}


@pytest.mark.parametrize("inflated", [1000, (1 << 20) + 5, 3 << 20])
def test_inflating_a_stream_longer_than_one_chunk_ends(tmp_path, inflated):
    """A stream that inflates past one 1 MiB read, with bytes after its end,
    once looped forever in the bomb guard (found on py-pdf's sample files)."""
    path = tmp_path / "long-stream.pdf"
    path.write_bytes(pdf_file({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [] /Count 0 >>",
                               3: stream(bytes(range(256)) * (inflated // 256 + 1), compress=True)}))
    def hang(signum, frame):
        raise TimeoutError("the bomb guard did not finish")
    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(20)
    try:
        guards.check_pdf_file(path)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
