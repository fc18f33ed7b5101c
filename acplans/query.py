"""SQL over an output folder (``acplans query OUT "SELECT ..."``), with DuckDB.

Every table is a view by its own name, read from the folder's current set,
so a query never mixes two runs. Beside them, ready-made views answer the
common questions the way the comparator means them: a recommendation is
answered when ``coverage`` says so, which an anti-join against ``matches``
gets wrong (a bullet answered through its headline's entry has no match of
its own, and a headline is not itself a point to answer).
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from acplans.schemas.rows import TABLES
from acplans.schemas.output import current_set

# Ready-made views, by name: (what it answers, SQL over the table views).
READY_VIEWS: dict[str, tuple[str, str]] = {
    "recommendation_points": (
        "Each recommendation point a plan must answer (a bullet, or a headline without bullets) with "
        "whether it is answered, the answering entry and its owner, and its late and undated actions.",
        """
        SELECT i.landlord, c.inspection_id, c.ref, r.text AS recommendation, r.target_date,
               c.answered, c.answered_by, s.text AS response,
               coalesce(s.owner_name, s.owner_role, s.sponsor_name, s.sponsor_role) AS owner,
               c.late_actions, c.undated_actions, c.findings, c.source_path, c.page
        FROM coverage AS c
        JOIN recommendations AS r ON r.rec_id = c.rec_id
        JOIN inspections AS i ON i.inspection_id = c.inspection_id
        LEFT JOIN responses AS s ON s.response_id = c.response_ids[1]
        WHERE c.is_point
        """),
    "unanswered": (
        "Recommendation points no entry of the plan answers.",
        "SELECT * FROM recommendation_points WHERE NOT answered"),
    "late_actions": (
        "Actions due after the deadline of the recommendation they answer.",
        """
        SELECT i.landlord, k.inspection_id, a.ref, a.text AS action, a.due_text, k.earliest_due,
               k.deadline, coalesce(a.owner_name, a.owner_role) AS owner, a.source_path, a.page
        FROM action_checks AS k
        JOIN actions AS a ON a.action_id = k.action_id
        JOIN inspections AS i ON i.inspection_id = k.inspection_id
        WHERE k.late
        """),
    "inspection_summary": (
        "Per inspection: points, how many are answered, late actions and findings by severity.",
        """
        SELECT i.inspection_id, i.landlord,
               (SELECT count(*) FROM coverage c WHERE c.inspection_id = i.inspection_id AND c.is_point) AS points,
               (SELECT count(*) FROM coverage c
                WHERE c.inspection_id = i.inspection_id AND c.is_point AND c.answered) AS answered,
               (SELECT count(*) FROM action_checks k WHERE k.inspection_id = i.inspection_id AND k.late)
                 AS late_actions,
               (SELECT count(*) FROM findings f WHERE f.inspection_id = i.inspection_id AND f.severity = 'high')
                 AS high_findings,
               (SELECT count(*) FROM findings f WHERE f.inspection_id = i.inspection_id) AS findings
        FROM inspections AS i
        """),
    "needs_review": (
        "Documents a person should check, and why; files that could not be read among them.",
        "SELECT source_path, part, doc_kind, status, review_reasons FROM documents WHERE needs_review"),
}

FORMATS = ("table", "csv", "json")
# A cell wider than this is cut in the table format, which is for reading; csv and json keep it whole.
CELL_WIDTH = 60


class QueryError(Exception):
    """The output folder is not there or the SQL does not run: one line for the user."""


@dataclass
class Answer:
    columns: list[str]
    rows: list[tuple]


def connect(out_dir: Path) -> duckdb.DuckDBPyConnection:
    out_dir = Path(out_dir)
    tables_dir = current_set(out_dir)
    missing = [name for name in TABLES if not (tables_dir / f"{name}.parquet").is_file()]
    if missing:
        raise QueryError(f"no {missing[0]}.parquet in {out_dir}: run `acplans run` first")
    con = duckdb.connect(":memory:")
    for name in TABLES:
        path = str(tables_dir / f"{name}.parquet").replace("'", "''")
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path}')")
    for name, (_, sql) in READY_VIEWS.items():
        con.execute(f"CREATE VIEW {name} AS {sql}")
    return con


def query(out_dir: Path, sql: str) -> Answer:
    con = connect(out_dir)
    try:
        cursor = con.execute(sql)
        if cursor.description is None:
            return Answer([], [])
        return Answer([d[0] for d in cursor.description], cursor.fetchall())
    except duckdb.Error as exc:
        raise QueryError(str(exc).strip().splitlines()[0]) from exc
    finally:
        con.close()


def render(answer: Answer, fmt: str) -> str:
    if fmt == "json":
        return json.dumps([dict(zip(answer.columns, row)) for row in answer.rows], default=str,
                          ensure_ascii=False, indent=1)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(answer.columns)
        writer.writerows(answer.rows)
        return buffer.getvalue().rstrip("\n")
    return render_table(answer)


def _cell(value) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= CELL_WIDTH else text[:CELL_WIDTH - 1] + "…"


def render_table(answer: Answer) -> str:
    cells = [[_cell(v) for v in row] for row in answer.rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(answer.columns)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()  # noqa: E731
    out = [line(answer.columns), line(["-" * w for w in widths])] + [line(row) for row in cells]
    count = len(answer.rows)
    return "\n".join(out + [f"({count} row{'s' if count != 1 else ''})"])
