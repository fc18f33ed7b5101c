"""The table layer: Arrow schemas derived from ``schemas.rows``, a validator
that reports every problem at once, and an atomic Parquet writer.

Integers are stored as int32: every int column is a page number, a part or
position index or a count, none of which can approach 2**31, and int32 is
DuckDB's INTEGER. A value that does not fit is reported, never wrapped.
"""
from __future__ import annotations

import json
import os
import shutil
import types
import typing
from collections import Counter
from dataclasses import dataclass, fields
from datetime import date, datetime, timezone
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .bundle import Tables
from .rows import SCHEMA_VERSION, TABLES

VERSION_KEY = b"acplans.schema_version"
TABLE_KEY = b"acplans.table"
MANIFEST = "manifest.json"
# Each run's set of files lives in RUNS/<run>; CURRENT links to the one in force.
RUNS = ".runs"
CURRENT = ".current"

# Dates outside this window are misreadings (a page number parsed as a year,
# a two-digit year put in the wrong century), not Audit Commission business.
DATE_MIN = date(1990, 1, 1)
DATE_MAX = date(2100, 12, 31)

# The error message lists this many problems; ValidationError.problems keeps them all.
MESSAGE_LIMIT = 50

_ARROW_TYPES = {
    str: pa.string(),
    int: pa.int32(),
    float: pa.float64(),
    bool: pa.bool_(),
    date: pa.date32(),
}
_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1


@dataclass(frozen=True)
class Column:
    """One column as the row dataclass declares it."""

    name: str
    py_type: type  # str, int, float, bool, date or list (of str)
    arrow_type: pa.DataType
    nullable: bool
    doc: str
    allowed: tuple[str, ...] | None
    unique: bool


@dataclass(frozen=True)
class Problem:
    table: str
    column: str | None
    row: int | None
    message: str

    def __str__(self) -> str:
        where = self.table if self.column is None else f"{self.table}.{self.column}"
        if self.row is not None:
            where += f" row {self.row}"
        return f"{where}: {self.message}"


class ValidationError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = [f"{len(self.problems)} problem(s) in acplans tables:"]
        lines += [f"  - {p}" for p in self.problems[:MESSAGE_LIMIT]]
        if len(self.problems) > MESSAGE_LIMIT:
            lines.append(f"  ... and {len(self.problems) - MESSAGE_LIMIT} more (see .problems)")
        super().__init__("\n".join(lines))


def _row_class(name: str) -> type:
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(f"unknown table {name!r}; tables are {', '.join(TABLES)}") from None


def _parse_annotation(owner: str, ann) -> tuple[type, pa.DataType, bool]:
    nullable = False
    if typing.get_origin(ann) in (types.UnionType, typing.Union):
        args = typing.get_args(ann)
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1 or len(args) != 2:
            raise TypeError(f"{owner}: only `X | None` unions map to Arrow, got {ann!r}")
        ann, nullable = rest[0], True
    if ann in _ARROW_TYPES:
        return ann, _ARROW_TYPES[ann], nullable
    if typing.get_origin(ann) is list and typing.get_args(ann) == (str,):
        return list, pa.list_(pa.string()), nullable
    raise TypeError(f"{owner}: no Arrow type for annotation {ann!r}")


@cache
def columns(name: str) -> tuple[Column, ...]:
    """The columns of table ``name``, in order, as declared in ``schemas.rows``."""
    cls = _row_class(name)
    # rows.py uses postponed annotations, so they are strings until resolved.
    hints = typing.get_type_hints(cls)
    out = []
    for f in fields(cls):
        py_type, arrow_type, nullable = _parse_annotation(f"{cls.__name__}.{f.name}", hints[f.name])
        out.append(Column(
            name=f.name,
            py_type=py_type,
            arrow_type=arrow_type,
            nullable=nullable,
            doc=f.metadata["doc"],
            allowed=f.metadata.get("allowed"),
            unique=f.metadata.get("unique", False),
        ))
    return tuple(out)


@cache
def arrow_schema(name: str) -> pa.Schema:
    """Arrow schema of table ``name``: nullability from ``| None``, docs as field metadata."""
    return pa.schema(
        [pa.field(c.name, c.arrow_type, nullable=c.nullable, metadata={"doc": c.doc}) for c in columns(name)],
        metadata={VERSION_KEY: SCHEMA_VERSION.encode(), TABLE_KEY: name.encode()},
    )


def _value_error(value, c: Column) -> str | None:
    """Why ``value`` cannot go in column ``c``, checked in Python because
    pyarrow silently truncates 1.5 into an int column and splits a str into
    a list of characters."""
    t = c.py_type
    if t is list:
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    elif t is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif t is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        if ok and not _INT32_MIN <= value <= _INT32_MAX:
            return f"{value} does not fit in int32"
    elif t is date:
        # A datetime would lose its time of day without complaint.
        ok = isinstance(value, date) and not isinstance(value, datetime)
    else:
        ok = isinstance(value, t)
    if ok:
        return None
    expected = "list of str" if t is list else t.__name__
    return f"expected {expected}, got {type(value).__name__} {value!r:.80}"


def rows_to_table(name: str, rows: list) -> pa.Table:
    """Table ``name`` from its row dataclasses; [] gives an empty table with the full schema.

    Raises ValidationError listing every row of the wrong class and every
    value of the wrong Python type. Nulls in non-nullable columns pass here
    and are reported by ``validate``.
    """
    cls = _row_class(name)
    cols = columns(name)
    problems = [
        Problem(name, None, i, f"is a {type(r).__name__}, expected {cls.__name__}")
        for i, r in enumerate(rows) if type(r) is not cls
    ]
    if problems:
        raise ValidationError(problems)
    data = {}
    for c in cols:
        values = [getattr(r, c.name) for r in rows]
        for i, v in enumerate(values):
            if v is not None and (why := _value_error(v, c)):
                problems.append(Problem(name, c.name, i, why))
        data[c.name] = values
    if problems:
        raise ValidationError(problems)
    return pa.Table.from_pydict(data, schema=arrow_schema(name))


def _duplicate_problems(name: str, c: Column, values: list) -> list[Problem]:
    first: dict = {}
    out = []
    for i, v in enumerate(values):
        if v is None:
            continue
        if v in first:
            out.append(Problem(name, c.name, i, f"duplicate id {v!r} (first at row {first[v]})"))
        else:
            first[v] = i
    return out


def _date_problems(name: str, c: Column, arr: pa.ChunkedArray) -> list[Problem]:
    # Computed in Arrow: a date32 beyond year 9999 cannot become a Python date.
    outside = pc.or_(pc.less(arr, pa.scalar(DATE_MIN)), pc.greater(arr, pa.scalar(DATE_MAX)))
    shown = arr.cast(pa.string()).to_pylist()
    return [
        Problem(name, c.name, i, f"date {shown[i]} outside {DATE_MIN}..{DATE_MAX}")
        for i, bad in enumerate(outside.to_pylist()) if bad
    ]


def _column_problems(name: str, c: Column, arr: pa.ChunkedArray) -> list[Problem]:
    out = []
    if arr.type != c.arrow_type:
        out.append(Problem(name, c.name, None, f"has type {arr.type}, expected {c.arrow_type}"))
    if not c.nullable and arr.null_count:
        out += [Problem(name, c.name, i, "null in a non-nullable column")
                for i, is_null in enumerate(arr.is_null().to_pylist()) if is_null]
    if arr.type != c.arrow_type:
        return out  # values of another type cannot be compared with the declared rules
    if c.py_type is date:
        return out + _date_problems(name, c, arr)
    values = arr.to_pylist()
    if c.allowed is not None:
        out += [Problem(name, c.name, i, f"{v!r} is not one of {', '.join(c.allowed)}")
                for i, v in enumerate(values) if v is not None and v not in c.allowed]
    if c.unique:
        out += _duplicate_problems(name, c, values)
    if c.py_type is list:
        out += [Problem(name, c.name, i, "null item in list")
                for i, v in enumerate(values) if v is not None and None in v]
    return out


def validate(name: str, table_or_path: pa.Table | str | os.PathLike) -> list[Problem]:
    """Every way table ``name`` (an Arrow table or a Parquet file) breaks its
    schema; [] when it is valid. Nothing stops at the first problem."""
    cols = columns(name)
    table = table_or_path if isinstance(table_or_path, pa.Table) else pq.read_table(table_or_path)
    problems = []
    meta = table.schema.metadata or {}
    # Metadata is checked only when present, so tables built by other tools can be validated.
    if TABLE_KEY in meta and meta[TABLE_KEY] != name.encode():
        problems.append(Problem(name, None, None, f"file holds table {meta[TABLE_KEY].decode()!r}"))
    if VERSION_KEY in meta and meta[VERSION_KEY] != SCHEMA_VERSION.encode():
        problems.append(Problem(name, None, None, f"written with schema version "
                                f"{meta[VERSION_KEY].decode()}, expected {SCHEMA_VERSION}"))
    problems += column_set_problems(name, table)
    present = Counter(table.column_names)
    for c in cols:
        if present[c.name] == 1:
            problems += _column_problems(name, c, table.column(c.name))
    return problems


def column_set_problems(name: str, table: pa.Table) -> list[Problem]:
    """Columns missing, repeated or not in the schema: the check that needs
    no look at the values (pyarrow.compute, which loads pandas)."""
    cols = columns(name)
    present = Counter(table.column_names)
    declared = {c.name for c in cols}
    return ([Problem(name, col, None, f"column appears {n} times") for col, n in present.items() if n > 1]
            + [Problem(name, c.name, None, "missing column") for c in cols if c.name not in present]
            + [Problem(name, col, None, "unexpected column") for col in present if col not in declared])


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


def write_tables(out_dir: Path, tables: Tables, staging: Path | None = None) -> dict[str, Path]:
    """Validate every table, then commit them and ``manifest.json`` as one
    set; returns the Parquet paths by table name.

    The set is written into its own folder (``staging``, from
    ``prepare_output``) under ``out_dir/.runs``, then made current by
    renaming one link, ``out_dir/.current``, in a single step. Each
    ``out_dir/<name>.parquet`` is a link through ``.current``, so a reader
    never sees tables from two runs, and a run that dies at any point leaves
    the previous set whole. On any validation problem a ValidationError
    lists them all and nothing is written.
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
