"""The table layer: Arrow schemas derived from ``schemas.rows`` and a
validator that reports every problem at once (``schemas.output`` writes and
reads the Parquet set).

Integers are stored as int32: every int column is a page number, a part or
position index or a count, none of which can approach 2**31, and int32 is
DuckDB's INTEGER. A value that does not fit is reported, never wrapped.
"""
from __future__ import annotations

import functools
import os
import sys
import types
import typing
from collections import Counter
from dataclasses import dataclass, fields
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .rows import SCHEMA_VERSION, TABLES

VERSION_KEY = b"acplans.schema_version"
TABLE_KEY = b"acplans.table"

# Dates outside this window are misreadings (a page number parsed as a year,
# a two-digit year put in the wrong century), not Audit Commission business.
DATE_MIN = date(1990, 1, 1)
DATE_MAX = date(2100, 12, 31)
_EPOCH = date(1970, 1, 1)

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


@functools.cache
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


@functools.cache
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


class _NoPandas:
    """An import finder that answers "not installed" for pandas."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name == "pandas":
            raise ModuleNotFoundError("pandas is not needed to write lists", name="pandas")
        return None


def pandas_unlooked_for(fn):
    """pyarrow imports pandas (half a CPU-second, some 60 MiB) the first
    time it builds an array or a scalar, only to ask whether the value is a
    pandas object; ours are lists and dates. While ``fn`` runs, with pandas
    not loaded yet, its import fails, so pyarrow notes "no pandas" instead
    of loading it. A later ``to_pandas()`` still works: pyarrow's own check
    retries the import then."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if "pandas" in sys.modules:
            return fn(*args, **kwargs)
        sys.meta_path.insert(0, _NoPandas)
        try:
            return fn(*args, **kwargs)
        finally:
            sys.meta_path.remove(_NoPandas)
    return wrapper


@pandas_unlooked_for
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
    # date32 is days since 1970-01-01, read as int32 (a zero-copy view):
    # a day beyond year 9999 cannot become a Python date, and pyarrow.compute
    # would load pandas and some 20 MiB more into every run.
    low, high = (DATE_MIN - _EPOCH).days, (DATE_MAX - _EPOCH).days
    days = [d for chunk in arr.chunks for d in chunk.view(pa.int32()).to_pylist()]
    return [Problem(name, c.name, i, f"date {_civil_date(d)} outside {DATE_MIN}..{DATE_MAX}")
            for i, d in enumerate(days) if d is not None and not low <= d <= high]


def _civil_date(days: int) -> str:
    """ISO date of a day count from 1970-01-01, for any year (H. Hinnant's
    days-to-civil algorithm on the proleptic Gregorian calendar)."""
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    year = yoe + era * 400 + (month <= 2)
    return f"{year:04d}-{month:02d}-{day:02d}"


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


@pandas_unlooked_for
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
    no look at the values."""
    cols = columns(name)
    present = Counter(table.column_names)
    declared = {c.name for c in cols}
    return ([Problem(name, col, None, f"column appears {n} times") for col, n in present.items() if n > 1]
            + [Problem(name, c.name, None, "missing column") for c in cols if c.name not in present]
            + [Problem(name, col, None, "unexpected column") for col in present if col not in declared])
