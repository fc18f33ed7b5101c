"""One atomic output: a run commits its whole set of tables at once, a run
that dies leaves the previous set whole and its leftovers are cleaned up, an
output folder that cannot be written fails before any work, and files get
the user's umask."""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from acplans.pipeline import run
from acplans.schemas import output
from acplans.schemas.rows import TABLES
from acplans.schemas.tables import validate
from acplans.schemas.output import (CURRENT, MANIFEST, RUNS, OutputNotWritable, current_set, read_table,
                                    read_tables, write_tables)
from test_schemas import sample_tables

from batch_inputs import make_inputs

NAMES = [f"{n}.parquet" for n in TABLES] + [MANIFEST]


@pytest.fixture
def out(tmp_path) -> Path:
    out_dir = tmp_path / "output"
    write_tables(out_dir, sample_tables())
    return out_dir


def visible(out_dir: Path) -> dict[str, bytes]:
    return {name: (out_dir / name).read_bytes() for name in NAMES}


def changed_tables():
    changed = sample_tables()
    changed.actions[0].text = "Something else entirely"
    return changed


def test_every_table_is_read_through_one_link_to_the_current_set(out):
    assert sorted(p.name for p in out.iterdir()) == sorted(NAMES + [CURRENT, RUNS])
    assert all(os.readlink(out / name) == f"{CURRENT}/{name}" for name in NAMES)
    assert [p.name for p in (out / RUNS).iterdir()] == [current_set(out).name]
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["run"] == current_set(out).name
    assert all(validate(n, out / f"{n}.parquet") == [] for n in TABLES)


def test_a_second_run_switches_the_whole_set_with_one_rename(out, monkeypatch):
    first = current_set(out)
    renamed = []
    real_replace = os.replace
    monkeypatch.setattr(output.os, "replace", lambda src, dst: (renamed.append(Path(dst).name), real_replace(src, dst)))
    write_tables(out, changed_tables())
    assert renamed == [CURRENT]  # the links to each table were made by the first run
    assert current_set(out) != first and not first.exists()  # the old set is cleaned up
    assert read_table(out, "actions").column("text")[0].as_py() == "Something else entirely"


def test_a_run_killed_while_committing_leaves_the_previous_set_whole_and_no_leftovers(out, monkeypatch):
    before = visible(out)

    def killed(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_tables(out, changed_tables())
    assert visible(out) == before
    assert [p.name for p in (out / RUNS).iterdir()] == [current_set(out).name]
    assert not list(out.glob(".*.tmp"))
    assert read_tables(out).actions[0].text == "Procure a new repairs contract"


def test_leftovers_of_a_run_that_died_are_removed_by_the_next(out):
    dead = out / RUNS / "20260101T000000000000-999999999"  # no such process
    dead.mkdir()
    (dead / "documents.parquet").write_bytes(b"half")
    (out / ".actions.parquet.x1y2.tmp").write_bytes(b"from an older acplans")
    write_tables(out, sample_tables())
    assert not dead.exists() and not list(out.glob(".*.tmp"))


def test_output_of_an_older_acplans_is_taken_over(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    for name in NAMES:
        (out / name).write_bytes(b"old")
    write_tables(out, sample_tables())
    assert all((out / name).is_symlink() for name in NAMES)
    assert len(read_tables(out).actions) == 3


def test_files_get_the_users_umask(tmp_path):
    previous = os.umask(0o022)
    try:
        write_tables(tmp_path / "output", sample_tables())
    finally:
        os.umask(previous)
    for name in NAMES:
        assert stat.S_IMODE((tmp_path / "output" / name).stat().st_mode) == 0o644, name


def test_an_output_path_that_is_a_file_fails_before_any_file_is_read(tmp_path):
    (tmp_path / "taken").write_text("a file where the folder should be")
    files = make_inputs(tmp_path / "in", copies=1)
    read = []
    with pytest.raises(OutputNotWritable, match="cannot write to .*taken"):
        run([], tmp_path / "taken", files=files, on_start=read.append)
    assert read == []
