"""A report's and a plan's content as a list of elements, before any format.

Elements: ``Heading(text)``, ``Para(text)``, ``Item(marker, text)`` (a list
item; marker "" for a bullet glyph), ``Grid(header, rows, merge)`` (a table;
``merge`` lists the columns whose repeated cells a format may merge down).
``Doc`` adds the running head or footer printed on every page and where its
title page ends.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from .gold import PrintedEntry
from .spec import NUMBER_WORDS, Spec
from .words import LETTER, ROMAN, Style, fy_label, month_words


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Para:
    text: str


@dataclass
class Item:
    marker: str
    text: str


@dataclass
class Grid:
    header: list[str]
    rows: list[list[str]]
    merge: tuple[int, ...] = ()


@dataclass
class Doc:
    elements: list = field(default_factory=list)
    furniture: str | None = None
    title_page: int = 0  # elements before this index make a title page (0: none)


LONG_HEADERS = [
    ["Ref", "Recommendation", "Action", "Lead officer", "Target date", "Progress"],
    ["No.", "Audit Commission recommendation", "What we will do", "Responsible officer", "By when", "Update"],
    ["Rec no", "Recommendation", "Actions", "Owner", "Timescale", "Comments"],
]
ENTRY_HEADERS = [["Action", "By when", "Progress"], ["Key tasks", "Target date", "Comments"],
                 ["What we will do", "Timescale", "Update"]]
OWNER_LABELS = ["Lead officer", "Responsible officer", "Owner", "Lead"]


def report_doc(spec: Spec, style: Style) -> Doc:
    rng = random.Random(spec.seed * 11 + 3)
    first, last = spec.inspection
    visit = f"{first.day} - {last.day} {month_words(last)}" if first.month == last.month else \
        f"{first.day} {month_words(first)} - {last.day} {month_words(last)}"
    els: list = [
        Heading(rng.choice(["Short notice inspection report", "Housing inspection report", "Inspection report"])),
        Para(spec.landlord),
        Para(month_words(spec.published)),
        Heading("Summary"),
        Para(f"This report sets out the findings of the Audit Commission's inspection of {spec.landlord}. "
             f"Dates of inspection: {visit}."),
        Para("The landlord provides a fair service with promising prospects for improvement."),
        Heading("Recommendations"),
        Para("To rise to the challenges ahead, the landlord needs to act on the recommendations below."),
    ]
    for rec in spec.recommendations:
        ref = f"R{rec.number}" if style.report_refs == "R" else f"Recommendation {rec.number}:"
        els.append(Para(f"{ref} {rec.text}"))
        for k, b in enumerate(rec.bullets, start=1):
            marker = {"glyph": "", "letter": f"{LETTER[k]})", "roman": f"{ROMAN[k]})"}[style.report_bullets]
            els.append(Item(marker, b.text + (";" if k < len(rec.bullets) else ".")))
        els.append(Para("The expected benefits of this recommendation are: better services for tenants "
                        "and improved value for money."))
        els.append(Para(f"The implementation of this recommendation will have {rec.impact} impact with "
                        f"{rec.cost} costs. " + _deadline_sentence(rng, rec.deadline.text)))
    els += [Heading("Appendix 1: Reality checks"),
            Para("Inspectors visited estates, read files and interviewed staff and residents.")]
    return Doc(els, f"{spec.landlord} | Inspection report", title_page=3)


def _deadline_sentence(rng: random.Random, deadline: str) -> str:
    """The inspector's deadline in one of the ways reports put it."""
    bare = deadline[3:] if deadline.startswith("by ") else deadline
    return rng.choice([f"This should be implemented {deadline}.", f"These changes should be made {deadline}.",
                       f"We expect this to be achieved {deadline}.", f"Target date: {bare}."])


def plan_doc(spec: Spec, style: Style, entries: list[PrintedEntry]) -> Doc:
    rng = random.Random(spec.seed * 13 + 5)
    names = style.plan_landlord
    title = (f"{spec.landlord} action plan" if names == "title"
             else rng.choice(["Action plan", "Inspection action plan", "Improvement plan in response to the inspection"]))
    intro = (f"This is {spec.landlord}'s response to the Audit Commission inspection." if names == "intro"
             else f"This is our response to the inspection report published in {month_words(spec.published)}.")
    intro += f" The plan runs to the end of the financial year {fy_label(spec.plan_fy_end)}."
    if spec.action_claim is not None:
        intro += f" This plan sets out {spec.action_claim} actions."
    if spec.points_claim is not None:
        n, points = spec.points_claim
        intro += f" It answers the report's {NUMBER_WORDS[n]} recommendations and {points} points for action."
    els: list = [Heading(title), Para(intro)]
    if style.plan_layout == "long":
        els.append(_long_table(style, entries))
    elif style.plan_layout == "tables":  # one table per recommendation, its header repeated
        table = _long_table(style, entries)
        starts = [i for i, row in enumerate(table.rows) if row[0]] + [len(table.rows)]
        els += [Grid(table.header, table.rows[a:b], table.merge) for a, b in zip(starts, starts[1:])]
    else:
        els += _entries(spec, style, entries)
    furniture = f"{spec.landlord} | Action plan" if names == "footer" else "Action plan | Page"
    return Doc(els, furniture)


def _restated(style: Style, e: PrintedEntry) -> str:
    if e.stated_text is None or style.restate == "line":
        return e.text
    if style.restate == "by":
        return f"{e.text} by {e.stated_text}."
    return f"{e.text} (to be completed by {e.stated_text})"


def _long_table(style: Style, entries: list[PrintedEntry]) -> Grid:
    rows = []
    for e in entries:
        for i, a in enumerate(e.actions):
            first = i == 0
            rows.append([e.ref_as_written if first else "", _restated(style, e) if first else "", a.text,
                         e.owner_text, a.due_text, ""])
    return Grid(LONG_HEADERS[style.header_words], rows, merge=(0, 1))


def _entries(spec: Spec, style: Style, entries: list[PrintedEntry]) -> list:
    els: list = []
    label = OWNER_LABELS[style.header_words % len(OWNER_LABELS)]
    headed: set[int] = set()
    for e in entries:
        rec = next(r for r in spec.recommendations if e.ref == r.ref or e.ref.startswith(f"{r.ref}."))
        if style.group_headings and rec.bullets and rec.number not in headed:
            headed.add(rec.number)
            els.append(Heading(style.group_headings.format(n=rec.number, text=rec.text), level=2))
        els.append(Para(f"{e.ref_as_written} {_restated(style, e)}"))
        if e.stated_text is not None and style.restate == "line":
            els.append(Para(f"Target date: {e.stated_text}"))
        if e.owner_text:
            els.append(Para(f"{label}: {e.owner_text}"))
        els.append(Grid(ENTRY_HEADERS[style.header_words], [[a.text, a.due_text, ""] for a in e.actions]))
    return els
