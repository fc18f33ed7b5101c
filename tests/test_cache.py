"""Incremental runs: per-file results are kept by content, path, options and
code version, so a re-run reads nothing it has read before, a new file is the
only one read, and any change to the code or the file reads it again."""
from __future__ import annotations

import pickle

import pyarrow.parquet as pq

from acplans import cache
from acplans.batch import Limits
from acplans.extract.formats import OcrMode, ReadOptions
from acplans.pipeline import BatchOptions, process_files, run

from batch_inputs import make_copy, make_inputs


def read_by(files, batch, options=ReadOptions()) -> list[str]:
    started = []
    process_files(files, options, batch, on_start=lambda p: started.append(p.name))
    return started


def test_a_second_run_reads_nothing_and_one_new_file_is_the_only_one_read(tmp_path):
    files = make_inputs(tmp_path / "in", copies=3)
    batch = BatchOptions(cache_dir=tmp_path / "cache")
    assert read_by(files, batch) == ["plan-000.docx", "plan-001.docx", "plan-002.docx"]
    assert read_by(files, batch) == []
    files.append(make_copy(tmp_path / "in" / "plan-new.docx", 99))
    assert read_by(files, batch) == ["plan-new.docx"]
    assert read_by(files, batch, ReadOptions(ocr=OcrMode.NEVER)) == [f.name for f in files]


def test_a_cached_run_writes_the_same_tables_as_a_fresh_one(tmp_path):
    files = make_inputs(tmp_path / "in", copies=2)
    batch = BatchOptions(cache_dir=tmp_path / "cache")
    run([], tmp_path / "first", files=files, batch=batch)
    second = run([], tmp_path / "second", files=files, batch=batch)
    assert all(f.from_cache for f in second.files)
    for name in ("documents", "responses", "actions", "people", "findings"):
        assert pq.read_table(tmp_path / "first" / f"{name}.parquet").equals(
            pq.read_table(tmp_path / "second" / f"{name}.parquet")), name


def test_a_changed_file_or_changed_code_is_read_again(tmp_path, monkeypatch):
    files = make_inputs(tmp_path / "in", copies=2)
    batch = BatchOptions(cache_dir=tmp_path / "cache")
    read_by(files, batch)
    make_copy(files[1], 7)  # new bytes under the same name
    assert read_by(files, batch) == ["plan-001.docx"]
    old_version = cache.code_version()
    monkeypatch.setattr(cache, "code_version", lambda: old_version + "-edited")
    assert read_by(files, batch) == ["plan-000.docx", "plan-001.docx"]
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [old_version + "-edited"]  # old entries pruned


def test_the_code_version_follows_the_extraction_source():
    version = cache.code_version()
    assert version.startswith(__import__("acplans").__version__ + "-") and len(version.split("-")[-1]) == 16


def test_a_broken_entry_is_a_miss_and_failures_for_want_of_time_are_not_kept(tmp_path):
    files = make_inputs(tmp_path / "in", copies=1)
    batch = BatchOptions(cache_dir=tmp_path / "cache")
    read_by(files, batch)
    for entry in (tmp_path / "cache").rglob("*.pickle"):
        entry.write_bytes(pickle.dumps("not a result")[:5])
    assert read_by(files, batch) == ["plan-000.docx"]
    timed_out = BatchOptions(workers=1, limits=Limits(file_timeout=0.001), cache_dir=tmp_path / "cache2")
    assert read_by(files, timed_out) == ["plan-000.docx"]
    assert read_by(files, timed_out) == ["plan-000.docx"]
