"""The data dictionary (docs/schema.md), generated from ``schemas.rows``.

    python -m acplans.schemas.dictionary > docs/schema.md     # regenerate
    python -m acplans.schemas.dictionary --check docs/schema.md  # exit 1 if stale
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .rows import SCHEMA_VERSION, TABLES
from .tables import DATE_MAX, DATE_MIN, columns

REGENERATE = "python -m acplans.schemas.dictionary > docs/schema.md"

# Recommendations live in the report, actions in the plan; an inspection row
# pairs the two documents, and the canonical ref pairs the items.
EXAMPLE_SQL = """\
SELECT i.landlord, a.ref, r.target_date, a.due_date, a.text
FROM 'output/actions.parquet' AS a
JOIN 'output/inspections.parquet' AS i ON a.doc_id = i.plan_doc_id
JOIN 'output/recommendations.parquet' AS r
  ON r.doc_id = i.report_doc_id AND r.ref = a.ref
WHERE a.due_date > r.target_date
ORDER BY i.landlord, a.ref, a.seq;"""


def _purpose(cls: type) -> str | None:
    doc = cls.__doc__
    # @dataclass invents "Name(field: type, ...)" when a class has no docstring.
    if not doc or doc.startswith(f"{cls.__name__}("):
        return None
    return " ".join(doc.split())


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown() -> str:
    out = [
        "# acplans data dictionary",
        "",
        f"Schema version {SCHEMA_VERSION}. Generated from `schemas/rows.py`; do not edit by hand.",
        f"Regenerate with `{REGENERATE}`.",
        "",
        "Every table is written as `<out>/<table>.parquet` on every run, empty or not, beside a",
        "`manifest.json` with the schema version, row counts and the run's record (a re-run over",
        "unchanged inputs finds itself there and writes nothing). Before anything is written, each",
        "table is checked: non-nullable columns hold no nulls, enumerated columns hold only their",
        f"allowed values, id columns are unique and dates fall within {DATE_MIN}..{DATE_MAX}.",
        "",
        "## Query with SQL",
        "",
        "Any Parquet reader works; with DuckDB (`pip install duckdb`), actions due after the",
        "deadline the inspector set for their recommendation:",
        "",
        "```python",
        "import duckdb",
        'duckdb.sql("""',
        EXAMPLE_SQL,
        '""").show()',
        "```",
        "",
        "Types in DuckDB: `string` is VARCHAR, `int32` INTEGER, `double` DOUBLE, `bool` BOOLEAN,",
        "`date32[day]` DATE and `list<item: string>` VARCHAR[].",
    ]
    for name, cls in TABLES.items():
        out += ["", f"## {name}", ""]
        if purpose := _purpose(cls):
            out += [purpose, ""]
        keys = [c.name for c in columns(name) if c.unique]
        if keys:
            out += [f"Unique id: `{keys[0]}`." if len(keys) == 1
                    else "Unique ids: " + ", ".join(f"`{k}`" for k in keys) + ".", ""]
        out += ["| Column | Type | Nullable | Allowed values | Description |",
                "|---|---|---|---|---|"]
        for c in columns(name):
            allowed = ", ".join(f"`{v}`" for v in c.allowed) if c.allowed else ""
            # Backticks, because Markdown would take list<item: string> for an HTML tag.
            out.append(f"| `{c.name}` | `{c.arrow_type}` | {'yes' if c.nullable else 'no'} "
                       f"| {allowed} | {_cell(c.doc)} |")
    return "\n".join(out) + "\n"


def generated_doc_main(render, regenerate: str, prog: str, description: str,
                       argv: list[str] | None = None) -> int:
    """Print a generated document, or with ``--check FILE`` exit 1 when FILE differs from it."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--check", metavar="FILE", type=Path,
                        help="exit 1 unless FILE matches the generated text instead of printing it")
    args = parser.parse_args(argv)
    text = render()
    if args.check is None:
        sys.stdout.write(text)
        return 0
    try:
        current = args.check.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = None
    if current != text:
        print(f"{args.check} is stale or missing; regenerate with: {regenerate}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    return generated_doc_main(render_markdown, REGENERATE, "python -m acplans.schemas.dictionary",
                              "Print the acplans data dictionary as Markdown.", argv)


if __name__ == "__main__":
    sys.exit(main())
