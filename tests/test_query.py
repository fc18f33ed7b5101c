"""`acplans query`: SQL over an output folder, every table a view, ready-made
views that count answers the comparator's way, and the README's examples
returning rows on the samples."""
from __future__ import annotations

import csv
import io
import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from acplans.cli import main
from acplans.query import READY_VIEWS, query
from acplans.schemas.rows import TABLES

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture(scope="module")
def out(sample_run) -> Path:
    return sample_run().written["documents"].parent


def readme_queries() -> list[list[str]]:
    lines = re.findall(r"^acplans query output/ .*$", README.read_text(), re.M)
    return [shlex.split(line, comments=True)[2:] for line in lines]


def test_the_readme_has_sql_examples():
    assert len(readme_queries()) >= 4


@pytest.mark.parametrize("args", readme_queries(), ids=lambda a: a[1][:40])
def test_every_readme_example_runs_and_returns_rows_on_the_samples(out, args):
    result = CliRunner().invoke(main, ["query", str(out), *args[1:]])
    assert result.exit_code == 0, result.output
    if "--format" in args and args[args.index("--format") + 1] == "json":
        assert len(json.loads(result.output)) > 0
    elif "--format" in args:
        assert len(list(csv.reader(io.StringIO(result.output)))) > 1
    else:
        count = int(re.search(r"\((\d+) rows?\)\s*$", result.output).group(1))
        assert count > 0 and len(result.output.splitlines()) == count + 3


def test_every_table_and_ready_made_view_can_be_queried(out):
    for name in [*TABLES, *READY_VIEWS]:
        answer = query(out, f"SELECT count(*) FROM {name}")
        assert answer.columns == ["count_star()"] and isinstance(answer.rows[0][0], int)
    assert query(out, "SELECT count(*) FROM actions").rows[0][0] > 0


def test_points_are_counted_from_coverage_not_by_an_anti_join_on_matches(out):
    points = query(out, "SELECT landlord, count(*), count(*) FILTER (WHERE answered) "
                        "FROM recommendation_points GROUP BY landlord ORDER BY landlord").rows
    coverage = query(out, "SELECT i.landlord, count(*), count(*) FILTER (WHERE c.answered) FROM coverage c "
                          "JOIN inspections i USING (inspection_id) WHERE c.is_point "
                          "GROUP BY i.landlord ORDER BY i.landlord").rows
    assert points == coverage and len(points) == 2
    unanswered = query(out, "SELECT count(*) FROM unanswered").rows[0][0]
    naive = query(out, "SELECT count(*) FROM recommendations r JOIN inspections i ON r.doc_id = i.report_doc_id "
                       "WHERE r.rec_id NOT IN (SELECT rec_id FROM matches)").rows[0][0]
    assert unanswered == sum(total - answered for _, total, answered in points)
    assert naive > unanswered  # the pitfall the ready-made view avoids


def test_bad_sql_and_a_folder_without_a_run_are_one_line_errors(out, tmp_path):
    bad = CliRunner().invoke(main, ["query", str(out), "SELECT nothing FROM nowhere"])
    missing = CliRunner().invoke(main, ["query", str(tmp_path), "SELECT 1"])
    for result in (bad, missing):
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert len(result.stderr.strip().splitlines()) == 1
    assert "nowhere" in bad.stderr and "acplans run" in missing.stderr
    views = CliRunner().invoke(main, ["query", str(out), "--views"])
    assert [line.split(":")[0] for line in views.output.splitlines()] == list(READY_VIEWS)
