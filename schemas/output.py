"""An output folder's Parquet set: written whole and committed at once, so a
reader never sees tables of two runs, and read back as the ``Tables`` bundle.

Each run's set of files lives in ``RUNS/<run>``; ``CURRENT`` links to the one
in force, and every ``<table>.parquet`` and the manifest link through it.
"""
from __future__ import annotations

import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .bundle import Tables
from .manifest import CURRENT, MANIFEST, RUNS
from .rows import SCHEMA_VERSION
from .tables import (TABLE_KEY, VERSION_KEY, ValidationError, _row_class, column_set_problems, rows_to_table,
                     validate)

def _fsync_dir(path: Path) -> None:
    # Makes the renames themselves durable; directories cannot be opened on Windows.
    if os.name == "posix":
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_file(path: Path, write) -> None:
    # open() rather than mkstemp, so the file gets the user's umask like every other file they make.
    with path.open("xb") as f:
        write(f)
        f.flush()
        os.fsync(f.fileno())


def _staged_by_another_run(name: str) -> bool:
    """Whether a set folder may still be being written by another live
    process: those are left alone; all other sets but the current are dead."""
    pid = name.rsplit("-", 1)[-1]
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class OutputNotWritable(Exception):
    pass


def prepare_output(out_dir: Path) -> Path:
    """Make the folder a run will write its set into, inside ``out_dir``,
    before any work is done: an output folder that cannot be written fails
    here, in one line, instead of after the whole batch. Leftovers of runs
    that died (their staging folders, temp files of older acplans versions)
    are removed first."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        runs = out_dir / RUNS
        runs.mkdir(exist_ok=True)
        _remove_leftovers(out_dir)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        staging = runs / f"{stamp}-{os.getpid()}"
        staging.mkdir()
    except OSError as exc:
        raise OutputNotWritable(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc
    return staging


def _remove_leftovers(out_dir: Path) -> None:
    current = current_set(out_dir).name
    for old in (out_dir / RUNS).iterdir():
        if old.name != current and not _staged_by_another_run(old.name):
            shutil.rmtree(old, ignore_errors=True)
    for tmp in out_dir.glob(".*.tmp"):
        tmp.unlink(missing_ok=True)


def current_set(out_dir: Path) -> Path:
    """The folder holding the tables of the last complete run: every table
    read from here comes from one run, even while another run commits."""
    out_dir = Path(out_dir)
    link = out_dir / CURRENT
    if link.is_symlink():
        return out_dir / RUNS / Path(os.readlink(link)).name
    return out_dir  # written by an acplans before sets, or where links cannot be made


def _link(target: str, at: Path) -> None:
    """Point ``at`` to ``target`` in one step: a new link renamed over the old."""
    tmp = at.with_name(f".{at.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    try:
        os.replace(tmp, at)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_tables(out_dir: Path, tables: Tables, staging: Path | None = None,
                 record: dict | None = None) -> dict[str, Path]:
    """Validate every table, then commit them and ``manifest.json`` as one
    set; returns the Parquet paths by table name.

    The set is written into its own folder (``staging``, from
    ``prepare_output``) under ``out_dir/.runs``, then made current by
    renaming one link, ``out_dir/.current``, in a single step. Each
    ``out_dir/<name>.parquet`` is a link through ``.current``, so a reader
    never sees tables from two runs, and a run that dies at any point leaves
    the previous set whole. On any validation problem a ValidationError
    lists them all and nothing is written. ``record``, what the run
    reported (``acplans.run_record``), is kept in the manifest.
    """
    if not isinstance(tables, Tables):
        raise TypeError(f"write_tables takes a schemas.bundle.Tables, not {type(tables).__name__}")
    out_dir = Path(out_dir)
    problems = []
    arrow_tables = {}
    for name, rows in tables:
        try:
            arrow_tables[name] = rows_to_table(name, rows)
        except ValidationError as e:
            problems += e.problems
            continue
        problems += validate(name, arrow_tables[name])
    if problems:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        raise ValidationError(problems)

    staging = staging if staging is not None else prepare_output(out_dir)
    try:
        for name, table in arrow_tables.items():
            _write_file(staging / f"{name}.parquet", lambda f, t=table: pq.write_table(t, f))
        manifest = {
            "schema_version": SCHEMA_VERSION,
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "run": staging.name,
            "tables": {name: {"file": f"{name}.parquet", "rows": t.num_rows} for name, t in arrow_tables.items()},
        }
        if record is not None:
            manifest["record"] = record
        body = (json.dumps(manifest, indent=2) + "\n").encode()
        _write_file(staging / MANIFEST, lambda f: f.write(body))
        _fsync_dir(staging)
        _commit(out_dir, staging, [f"{name}.parquet" for name in arrow_tables] + [MANIFEST])
    except BaseException:
        if current_set(out_dir) != staging:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    _remove_leftovers(out_dir)
    return {name: out_dir / f"{name}.parquet" for name in arrow_tables}


def _commit(out_dir: Path, staging: Path, names: list[str]) -> None:
    try:
        _link(f"{RUNS}/{staging.name}", out_dir / CURRENT)
    except (OSError, NotImplementedError):
        # No symbolic links here (Windows without the right): each file
        # still replaces its predecessor whole, the manifest last.
        for name in names:
            os.replace(staging / name, out_dir / name)
        _fsync_dir(out_dir)
        return
    for name in names:
        at = out_dir / name
        # Links made once by the first run, so later commits are the one rename above.
        if not (at.is_symlink() and os.readlink(at) == f"{CURRENT}/{name}"):
            _link(f"{CURRENT}/{name}", at)
    _fsync_dir(out_dir)


def read_table(out_dir: Path, name: str) -> pa.Table:
    """Table ``name`` as written by ``write_tables`` into ``out_dir``."""
    _row_class(name)  # a misspelt name should list the tables, not say "file not found"
    # ParquetFile rather than pq.read_table: the latter loads pyarrow.dataset, which imports pandas.
    with pq.ParquetFile(current_set(Path(out_dir)) / f"{name}.parquet") as parquet:
        return parquet.read()


def read_tables(out_dir: Path, *, check_values: bool = True) -> Tables:
    """Every table ``write_tables`` wrote into ``out_dir``, back as rows.

    Raises FileNotFoundError naming the first missing table, and
    ValidationError listing every way the files break the schema (an output
    of another acplans version, a file edited by hand), so a reader never
    meets a row with a missing or mistyped column. ``check_values=False``
    checks the columns only: the values were checked when they were written.
    """
    out_dir = Path(out_dir)
    tables_dir = current_set(out_dir)  # every table from the same run
    loaded, problems = {}, []
    for name in Tables.names():
        path = tables_dir / f"{name}.parquet"
        if not (out_dir / f"{name}.parquet").is_file() or not path.is_file():
            raise FileNotFoundError(f"no {name}.parquet in {out_dir}: run `acplans run` first")
        with pq.ParquetFile(path) as parquet:
            table = parquet.read()
        found = validate(name, table) if check_values else column_set_problems(name, table)
        problems += found
        if not found:
            cls = _row_class(name)
            loaded[name] = [cls(**row) for row in table.to_pylist()]
    if problems:
        raise ValidationError(problems)
    return Tables(**loaded)
