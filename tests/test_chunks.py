"""Long PDFs read in page ranges by several workers: the ranges assemble into
the document of one read, a chunked run writes the tables of an unchunked
one, a range that fails fails only its file, naming the pages, and one
file's tasks share one time budget."""
import pickle
import re
import time
from pathlib import Path

import pyarrow.parquet as pq
import pypdfium2
import pytest
from PIL import Image

from acplans import pipeline
from acplans.batch import Failed, Limits, Pool
from acplans.chunks import AssemblePages, ChunkSettings, ReadPages, Split, assemble_pages, read_or_split, read_pages
from acplans.extract.formats import DEFAULT_OPTIONS, OcrMode, ReadOptions
from acplans.extract.model import Page
from acplans.extract.pdf.reader import PageRange, PageResult
from acplans.extract.reader import read_document
from acplans.pipeline import BatchOptions, process_files
from conftest import SAMPLES, read_once
from hostile.pdfbytes import text_lines, text_pdf

SAMPLE_PDFS = sorted(SAMPLES.glob("*.pdf"))


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=lambda p: p.stem)
def test_page_ranges_read_apart_assemble_into_the_document_of_one_read(path):
    split = read_or_split(path, DEFAULT_OPTIONS, ChunkSettings(text_pages=2))
    assert isinstance(split, Split)
    # Each range crosses a process boundary in a run: through pickle here too.
    parts = [pickle.loads(pickle.dumps(read_pages(ReadPages(path, DEFAULT_OPTIONS, start, stop)).part))
             for start, stop in split.ranges]
    assembled = assemble_pages(AssemblePages(path, (split.first, *reversed(parts))))
    whole = read_once(path)
    assert [b.locator for b in assembled.blocks] == [b.locator for b in whole.blocks]
    assert assembled == whole


def test_a_page_named_in_a_warning_is_named_the_same_when_read_in_another_range(tmp_path):
    # The Peabody plan with a scanned page put in after its third, read without OCR.
    scan = tmp_path / "scan.pdf"
    Image.new("L", (850, 1100), 200).save(scan, "PDF", resolution=100)  # a grey letter-size page
    mixed = pypdfium2.PdfDocument.new()
    mixed.import_pages(pypdfium2.PdfDocument(SAMPLES / "peabody-action-plan-summary-2010.pdf"))
    mixed.import_pages(pypdfium2.PdfDocument(scan), index=3)
    path = tmp_path / "mixed.pdf"
    mixed.save(path)
    options = ReadOptions(ocr=OcrMode.NEVER)
    split = read_or_split(path, options, ChunkSettings(text_pages=2))
    parts = [read_pages(ReadPages(path, options, start, stop)).part for start, stop in split.ranges]
    assembled = assemble_pages(AssemblePages(path, (split.first, *parts)))
    whole = read_document(path, options)
    assert "no text layer on page 4 (images only, probably scanned): needs OCR" in whole.warnings
    assert assembled == whole


def test_a_short_pdf_is_read_whole_by_its_first_task():
    path = SAMPLES / "peabody-action-plan-summary-2010.pdf"  # 6 pages
    assert read_or_split(path, DEFAULT_OPTIONS, ChunkSettings(text_pages=2)).ranges == ((1, 3), (3, 5), (5, 6))
    # Five pages after the first do not fill two ranges of three.
    assert read_or_split(path, DEFAULT_OPTIONS, ChunkSettings(text_pages=3)) == read_once(path)


def test_a_scan_is_shared_out_in_smaller_ranges_than_text():
    settings = ChunkSettings(text_pages=40, ocr_pages=2)
    scanned = PageRange(0, 1, [PageResult(Page(1, 595, 842, ocr=True), [])], [], [])
    text = PageRange(0, 1, [PageResult(Page(1, 595, 842, ocr=False), [])], [], [])
    assert settings.ranges(6, scanned) == ((1, 3), (3, 5), (5, 6))
    assert settings.ranges(100, text) == ((1, 41), (41, 81), (81, 100))
    assert settings.ranges(80, text) == ()


class RecordingPool(Pool):
    tasks: list = []

    def submit(self, key, arg, group=None, *, first=False):
        RecordingPool.tasks.append(arg)
        super().submit(key, arg, group, first=first)


def test_a_chunked_run_writes_the_tables_of_an_unchunked_one(sample_run, tmp_path, monkeypatch):
    pack = SAMPLES / "home-group-housing-panel-pack-2010.pdf"  # 60 pages: a report and a plan
    unchunked = sample_run([pack.name])  # in this process, read whole
    monkeypatch.setattr(pipeline, "Pool", RecordingPool)
    RecordingPool.tasks = []
    chunked = pipeline.run([pack], tmp_path / "out", batch=BatchOptions(workers=2, chunking=ChunkSettings(text_pages=8)))
    ranges = [(t.start, t.stop) for t in RecordingPool.tasks if isinstance(t, ReadPages)]
    assert sorted(ranges) == [(start, min(start + 8, 60)) for start in range(1, 60, 8)]
    assert [t.path for t in RecordingPool.tasks if isinstance(t, AssemblePages)] == [pack]
    assert [f.status for f in chunked.files] == ["ok"]
    assert chunked.written.keys() == unchunked.written.keys()
    for name, path in unchunked.written.items():
        if path.suffix == ".parquet":
            expected = pq.read_table(path)
            assert expected.num_rows or name in ("findings", "matches", "coverage"), name
            assert expected.equals(pq.read_table(chunked.written[name])), name


def test_a_range_over_the_files_time_fails_its_file_naming_the_pages_and_the_batch_goes_on(tmp_path):
    light = text_lines([f"Paragraph {i} of an ordinary page." for i in range(30)])
    # About 24,000 words in 2-point type: half a second a page to lay out.
    dense = text_lines([" ".join(f"w{j}" for j in range(60)) for _ in range(400)], size=2, leading=2)
    slow = tmp_path / "slow.pdf"
    slow.write_bytes(text_pdf([light] + [dense] * 8))
    plan = SAMPLES / "peabody-action-plan-summary-2010.docx"
    batch = BatchOptions(workers=2, limits=Limits(file_timeout=1.0), chunking=ChunkSettings(text_pages=2))
    slow_result, plan_result = process_files([slow, plan], batch=batch)
    assert slow_result.status == "error" and slow_result.transient
    assert re.fullmatch(r"pages (\d+)–(\d+): timed out after 1 s \(--file-timeout\)", slow_result.error)
    assert plan_result.status == "ok" and plan_result.documents


def test_one_files_tasks_share_its_time_and_other_files_keep_theirs():
    started = time.monotonic()
    with Pool(time.sleep, workers=2, limits=Limits(file_timeout=1.0)) as pool:
        # Alone, each 0.7 s task fits in 1 s; together they spend 1.4 s of the file's 1 s.
        pool.submit("a1", 0.7, group="a")
        pool.submit("a2", 0.7, group="a")
        pool.submit("b", 0.7)
        results = dict(pool.completed())
    assert results == {"a1": Failed("timed out after 1 s (--file-timeout)"),
                       "a2": Failed("timed out after 1 s (--file-timeout)"), "b": None}
    assert time.monotonic() - started < 20


def test_a_cancelled_files_tasks_are_stopped_and_give_no_results():
    started = time.monotonic()
    with Pool(time.sleep, workers=2) as pool:
        pool.submit("b", 0)
        for n in range(3):
            pool.submit(("a", n), 30, group="a")
        seen = []
        for key, _ in pool.completed():
            seen.append(key)
            pool.cancel("a")
    assert seen == ["b"]
    assert time.monotonic() - started < 20
