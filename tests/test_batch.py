"""The worker pool: a file that hangs, runs out of memory or crashes its
worker costs only itself, results keep their input order, and a run's output
does not depend on how many workers made it."""
import ctypes
import time
from pathlib import Path

import pyarrow.parquet as pq

from acplans.batch import Failed, Limits, run_tasks
from acplans.pipeline import BatchOptions, collect_inputs, process_files, run

from batch_inputs import make_inputs


def test_results_come_back_in_input_order_whoever_finishes_first():
    # The first task sleeps longest, so it finishes last.
    results = run_tasks([0.6, 0.0, 0.2], time.sleep, workers=2)
    assert results == [None, None, None]
    assert run_tasks(["b", "a", "c"], str.upper, workers=2) == ["B", "A", "C"]


def test_a_stuck_task_is_killed_at_its_deadline_and_the_rest_go_on():
    started = time.monotonic()
    results = run_tasks([30, 0], time.sleep, workers=1, limits=Limits(file_timeout=1.5))
    assert time.monotonic() - started < 20
    assert results[0] == Failed("timed out after 1.5 s (--file-timeout)")
    assert results[1] is None


def test_a_worker_that_crashes_costs_only_its_task():
    # Reading address 0 kills the process with SIGSEGV, as a crashing C extension would.
    results = run_tasks([b"x", 0, b"y"], ctypes.string_at, workers=1, limits=Limits(memory_mb=None))
    assert results[0] == b"x" and results[2] == b"y"
    assert results[1] == Failed("worker crashed (SIGSEGV)")


def test_memory_over_the_cap_is_an_error_naming_the_limit():
    results = run_tasks([4 * 1024**3, 10], bytearray, workers=1, limits=Limits(memory_mb=1024))
    assert results[0] == Failed("ran out of memory (over the 1024 MiB per-worker limit)")
    assert results[1] == bytearray(10)


def test_a_file_over_its_time_becomes_one_error_row_and_the_run_goes_on(tmp_path):
    files = make_inputs(tmp_path / "in", copies=1)
    results = process_files(files, batch=BatchOptions(workers=1, limits=Limits(file_timeout=0.001)))
    assert [r.status for r in results] == ["error"] * len(files)
    assert all(r.error == "timed out after 0.001 s (--file-timeout)" and r.transient for r in results)


def test_two_workers_write_the_same_tables_as_one_process(tmp_path):
    files = make_inputs(tmp_path / "in", copies=2)
    run([], tmp_path / "one", files=files)
    run([], tmp_path / "two", files=files, batch=BatchOptions(workers=2))
    for name in ("documents", "responses", "actions", "findings"):
        one = pq.read_table(tmp_path / "one" / f"{name}.parquet")
        assert one.num_rows > 0 or name == "findings"
        assert one.equals(pq.read_table(tmp_path / "two" / f"{name}.parquet")), name


def test_a_dask_local_cluster_writes_the_same_tables_as_a_local_run(tmp_path):
    # Two worker processes, as the CI check asks: the per-file stage
    # runs on the cluster, the cross-document stages here.
    files = make_inputs(tmp_path / "in", copies=2)
    run([], tmp_path / "local", files=files)
    on_dask = run([], tmp_path / "dask", files=files, batch=BatchOptions(workers=2, dask="local"))
    assert [f.status for f in on_dask.files] == ["ok", "ok"]
    for name in ("documents", "responses", "actions", "people", "findings"):
        assert pq.read_table(tmp_path / "local" / f"{name}.parquet").equals(
            pq.read_table(tmp_path / "dask" / f"{name}.parquet")), name


def test_source_path_is_the_path_as_given_and_a_file_named_twice_is_read_once(tmp_path, monkeypatch):
    make_inputs(tmp_path / "in", copies=1)
    monkeypatch.chdir(tmp_path)
    collected = collect_inputs(["in", "in/plan-000.docx", str(tmp_path / "in" / "plan-000.docx")])
    assert collected.files == [Path("in/plan-000.docx")]
    result = run([], tmp_path / "out", files=collected.files)
    assert [d.source_path for d in result.tables.documents] == ["in/plan-000.docx"]
    assert {a.source_path for a in result.tables.actions} == {"in/plan-000.docx"}
