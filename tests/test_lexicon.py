"""One lexicon for every stage: the readers, the extractors and the
normaliser recognise the same bullets, months and status words; and the
import rules that keep it a leaf hold across the packages."""
import ast
from pathlib import Path

import docx
import pytest

from acplans.extract import lexicon
from acplans.extract.action_rows import clean_cell, split_enumerated, split_status_line
from acplans.extract.list_items import enumerator_of, strip_enumerator
from acplans.extract.pdf.lines import BULLET_RE
from acplans.extract.reader import read_document
from acplans.normalize.dates import parse_due
from acplans.normalize.people import parse_person
from acplans.normalize.status import classify_status

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("glyph", list(lexicon.BULLET_MARKS))
def test_every_reader_and_extractor_strips_the_same_bullets(glyph, tmp_path):
    source = docx.Document()
    source.add_paragraph(f"{glyph} Repair the lifts")
    source.save(tmp_path / "list.docx")
    (block,) = read_document(tmp_path / "list.docx").blocks
    assert block.text == "Repair the lifts"
    (tmp_path / "cells.txt").write_text(f"Action\tBy\n{glyph} Repair the lifts\tMay 2011\n", encoding="utf-8")
    (table,) = read_document(tmp_path / "cells.txt").blocks
    assert table.table.rows[0].cells[0].text == "Repair the lifts"
    assert clean_cell(f"{glyph} Repair the lifts") == "Repair the lifts"
    assert strip_enumerator(f"{glyph} Repair the lifts") == "Repair the lifts"


def test_pdf_text_takes_only_typographic_glyphs_as_bullets():
    assert all(BULLET_RE.match(f"{g} item") for g in lexicon.BULLET_GLYPHS)
    # A PDF line opening with a hyphen is a range, a minus or a cut word.
    assert not BULLET_RE.match("- 5% on last year") and not BULLET_RE.match("* footnote")


@pytest.mark.parametrize("text, items", [
    ("i) Review the policy\nii) Consult tenants", ["Review the policy", "Consult tenants"]),
    ("a) Survey\nb) Report", ["Survey", "Report"]),
    ("1. Draft the plan\n2. Agree it", ["Draft the plan", "Agree it"]),
    ("Agree the budget\n1. 5 staff trained", ["Agree the budget\n1. 5 staff trained"]),
    ("Agree the budget\nJ. Smith to chair the panel", ["Agree the budget\nJ. Smith to chair the panel"]),
])
def test_enumerators_split_plan_cells(text, items):
    assert split_enumerated(text) == items


@pytest.mark.parametrize("text, marker", [("a) offering appointments", "a)"), ("(ii) training staff", "(ii)"),
                                          ("3. publishing times", "3."), ("• publishing times", "")])
def test_enumerators_number_report_bullets(text, marker):
    assert enumerator_of(text) == marker


@pytest.mark.parametrize("month", lexicon.MONTH_NAMES)
def test_every_month_is_read_in_full_and_abbreviated(month):
    assert parse_due(f"{month.title()} 2011").due_date.year == 2011
    assert parse_due(f"{month[:3].title()} 2011").due_date.month == lexicon.MONTH_NAMES.index(month) + 1


def test_status_words_mean_the_same_to_the_extractor_and_the_normaliser():
    action, status = split_status_line("Train all repairs staff\nTraining underway with contractor")
    assert (action, status) == ("Train all repairs staff", "Training underway with contractor")
    assert classify_status(status) == "ongoing"
    action, status = split_status_line("Set up a tenants' panel. Panel in place and met in May")
    assert (action, status) == ("Set up a tenants' panel.", "Panel in place and met in May")
    assert classify_status(status) == "completed"


def test_post_words_make_a_post_not_a_person():
    assert parse_person("Head of Housing").name is None
    assert parse_person("Jim Preston – Director of Maintenance Services").name == "Jim Preston"


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # "from acplans.extract import lexicon" imports the module acplans.extract.lexicon
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m.startswith("acplans")}


EXTRACT_LEAVES = ("acplans.extract.records", "acplans.extract.lexicon", "acplans.extract.refs")


def allowed(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


# Each folder may import itself and what lies below it, never upwards (the
# CLI, pipeline and report) and never a stage that comes after it.
@pytest.mark.parametrize("folder, prefixes", [
    ("extract", ("acplans.extract",)),
    ("normalize", ("acplans.normalize", "acplans.schemas") + EXTRACT_LEAVES),
    ("schemas", ("acplans.schemas", "acplans.extract.formats")),
    ("compare", ("acplans.compare", "acplans.normalize", "acplans.schemas", "acplans.extract.lexicon")),
])
def test_imports_run_one_way(folder, prefixes):
    for path in (ROOT / folder).rglob("*.py"):
        assert all(allowed(m, prefixes) for m in imports_of(path)), (path, imports_of(path))
    assert not any("acplans" in line for line in (ROOT / "extract" / "lexicon.py").read_text().splitlines()
                   if line.startswith(("from ", "import ")))
