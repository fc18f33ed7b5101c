"""Variants: one seed -> a spec, a style and the formats its two documents
are printed in; ``build`` writes the files and the gold, ``score_variant``
runs the pipeline on them and scores it with ../shared/eval/score.py.
"""
from __future__ import annotations

import importlib.util
import json
import random
from dataclasses import dataclass
from pathlib import Path

from .content import plan_doc, report_doc
from .gold import gold_of, word_plan
from .render import write
from .spec import make_spec
from .words import DUE_STYLES, OWNER_STYLES, REF_STYLES, Style

FORMATS = ("text", "docx", "pdf", "xlsx")


@dataclass(frozen=True)
class Variant:
    seed: int
    style: Style
    report_format: str
    plan_format: str
    columns: int  # report columns, PDF only
    ruled: bool  # plan table rules, PDF only
    merged: bool  # long-table ref cells merged down, DOCX only

    @property
    def name(self) -> str:
        s = self.style
        return (f"seed{self.seed}-{self.report_format}{self.columns if self.report_format == 'pdf' else ''}"
                f"+{self.plan_format}-{s.plan_layout}-ref:{s.ref}-due:{s.due}-owner:{s.owner}"
                f"-names:{s.plan_landlord}-restate:{s.restate}")


def variant(seed: int, *, ruled: bool = True, two_columns: bool = True) -> Variant:
    """The variant of a seed. PDF plan tables are ruled unless ``ruled`` is
    False (rules between rows only), which the PDF reader does not yet see
    as tables; PDF reports are in one or two columns unless ``two_columns``
    is False (the PDF reader's column order still mixes some pages)."""
    rng = random.Random(seed * 31 + 17)
    plan_format = rng.choice(FORMATS)
    layout = "long" if plan_format == "xlsx" else rng.choice(["long", "entries", "tables"])
    style = Style(
        ref=rng.choice(list(REF_STYLES)), due=rng.choice(DUE_STYLES), owner=rng.choice(OWNER_STYLES),
        plan_layout=layout, plan_landlord=rng.choice(["title", "intro", "footer", "none"]),
        restate=rng.choice(["line", "cell", "by"] if layout == "entries" else ["cell", "by"]),
        report_bullets=rng.choice(["glyph", "letter", "roman"]), report_refs=rng.choice(["R", "Recommendation"]),
        header_words=rng.randrange(3),
        group_headings=rng.choice(["", "R{n} Audit Commission recommendation: {text}", "Recommendation {n}: {text}",
                                   "Recommendation {n}"]))
    columns = rng.choice([1, 2])
    columns = columns if two_columns else 1
    return Variant(seed, style, rng.choice(FORMATS[:3]), plan_format, columns, ruled, rng.random() < 0.5)


def build(v: Variant, folder: Path) -> tuple[list[Path], dict]:
    """Write the variant's report and plan into ``folder``; return them and the gold."""
    folder.mkdir(parents=True, exist_ok=True)
    spec = make_spec(v.seed)
    entries = word_plan(spec, v.style)
    report = write(report_doc(spec, v.style), folder / "inspection-report", v.report_format, columns=v.columns)
    plan = write(plan_doc(spec, v.style, entries), folder / "plan", v.plan_format, ruled=v.ruled, merged=v.merged)
    gold = gold_of(spec, entries, [report.name, plan.name])
    (folder / "gold.json").write_text(json.dumps(gold, indent=1), encoding="utf-8")
    return [report, plan], gold


def find_scorer(start: Path | None = None):
    """../shared/eval/score.py beside the repository (or a folder above), as a module; None when absent."""
    here = (start or Path(__file__)).resolve()
    for folder in here.parents:
        candidate = folder / "shared" / "eval" / "score.py"
        if candidate.is_file():
            spec = importlib.util.spec_from_file_location("shared_score", candidate)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    return None


def score_variant(v: Variant, folder: Path, scorer) -> dict:
    from acplans import pipeline

    files, gold = build(v, folder / "input")
    pipeline.run(files, folder / "output")
    return scorer.score(gold, folder / "output")
