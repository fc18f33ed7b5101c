"""How a spec's refs, dates and owners are printed, in a variant's style.

Each function returns the words and what they mean, so the gold is written
from the meaning of exactly the words a document prints.
"""
from __future__ import annotations

import calendar
import random
from dataclasses import dataclass
from datetime import date

from .spec import Action, Owner, Response, Spec, add_months

ROMAN = ["", "i", "ii", "iii", "iv", "v", "vi"]
LETTER = " abcdefgh"

# How a plan writes the ref of bullet k of recommendation n.
REF_STYLES = {
    "R.": lambda n, k: f"R{n}.{k}",
    "dotted": lambda n, k: f"{n}.{k}",
    "rec(b)": lambda n, k: f"Rec {n}({LETTER[k]})",
    "nb": lambda n, k: f"{n}{LETTER[k]}",
    "Rnb": lambda n, k: f"R{n}{LETTER[k]}",
    "recommendation (b)": lambda n, k: f"Recommendation {n} ({LETTER[k]})",
    "n.b": lambda n, k: f"{n}.{LETTER[k]}",
    "R (ii)": lambda n, k: f"R{n} ({ROMAN[k]})",
}
HEADLINE_REF_STYLES = {"R.": "R{n}", "dotted": "{n}", "rec(b)": "Rec {n}", "nb": "{n}", "Rnb": "R{n}",
                       "recommendation (b)": "Recommendation {n}", "n.b": "{n}", "R (ii)": "R{n}"}

DUE_STYLES = ("month", "abbr", "numeric", "quarter", "ordinal", "end", "mixed")
OWNER_STYLES = ("comma", "dash", "paren", "space", "post", "name", "initial", "mixed")


@dataclass(frozen=True)
class Style:
    ref: str
    due: str
    owner: str
    plan_layout: str  # long | entries | tables (one long-table per recommendation)
    plan_landlord: str  # where the plan names its landlord: title | intro | footer | none
    restate: str  # how a plan restates a deadline: line | cell | by | column
    report_bullets: str  # glyph | letter | roman
    report_refs: str  # R | Recommendation
    header_words: int  # which set of plan column headers
    group_headings: str = ""  # entries plans: "" none, else a heading over each headline's entries


def plan_ref(style: Style, resp: Response) -> str:
    if resp.index == 0:
        return HEADLINE_REF_STYLES[style.ref].format(n=resp.number)
    return REF_STYLES[style.ref](resp.number, resp.index)


def month_words(d: date) -> str:
    return f"{calendar.month_name[d.month]} {d.year}"


def fy_label(end_year: int) -> str:
    return f"{end_year - 1}/{str(end_year)[2:]}"


def _fy_quarter(d: date) -> tuple[str, date, date]:
    """The financial quarter holding ``d``: (words, first day, last day)."""
    fy_end = d.year + (1 if d.month >= 4 else 0)
    q = ((d.month - 4) % 12) // 3 + 1
    first_month = (3 + 3 * (q - 1)) % 12 + 1
    first_year = d.year if first_month <= d.month else d.year - 1
    start = date(first_year, first_month, 1)
    return f"Q{q} {fy_label(fy_end)}", start, add_months(start, 2)


def due_words(rng: random.Random, style: Style, spec: Spec, action: Action) -> tuple[str, date | None, date | None]:
    """(due text, first day, last day) of an action."""
    if action.status == "completed":
        if action.due_date is None or rng.random() < 0.25:
            return rng.choice(["Completed", "Complete.", "Done"]), None, None
        d = action.due_date
        return f"Completed {month_words(d)}", d.replace(day=1), d
    if action.due_date is None:
        if action.status == "ongoing":
            return rng.choice(["Ongoing", "On-going"]), None, None
        return rng.choice(["TBC", "tbc", "To be confirmed"]), None, None
    d = action.due_date
    kind = style.due if style.due != "mixed" else rng.choice(DUE_STYLES[:-1])
    if kind == "quarter":
        text, start, end = _fy_quarter(d)
    elif kind == "numeric":
        text, start, end = d.strftime("%d/%m/%Y"), d, d
    elif kind == "abbr":
        text, start, end = d.strftime("%b-%y"), d.replace(day=1), d
    elif kind == "ordinal":
        suffix = "st" if d.day in (1, 21, 31) else "nd" if d.day in (2, 22) else "rd" if d.day in (3, 23) else "th"
        text, start, end = f"{d.day}{suffix} {month_words(d)}", d, d
    elif kind == "end":
        month = calendar.month_name[d.month] if rng.random() < 0.5 else calendar.month_abbr[d.month]
        text, start, end = f"end {month} {d.year}", d.replace(day=1), d
    else:
        text, start, end = month_words(d), d.replace(day=1), d
    if d == date(spec.plan_fy_end, 3, 31) and rng.random() < 0.6:
        text, start, end = "End of financial year", date(spec.plan_fy_end - 1, 4, 1), d
    if action.status == "ongoing":
        text = f"Ongoing - review {text}"
    return text, start, end


def owner_words(rng: random.Random, style: Style, owner: Owner | None) -> tuple[str, str | None, str | None]:
    """(cell text, name, role) of an owner as printed."""
    if owner is None:
        return "", None, None
    kind = style.owner if style.owner != "mixed" else rng.choice(OWNER_STYLES[:-1])
    name, post = owner.name, owner.post
    if kind == "post":
        return post, None, post
    if kind == "name":
        return name, name, None
    if kind == "comma":
        return f"{name}, {post}", name, post
    if kind == "dash":
        return f"{post} - {name}" if rng.random() < 0.5 else f"{name} – {post}", name, post
    if kind == "paren":
        return f"{post} ({name})", name, post
    if kind == "initial":  # "J. Smith - HoH": an initial and the post's initials
        first, last = name.split(" ", 1)
        short = "".join(w[0].upper() if w.lower() not in ("of", "and") else w[0] for w in post.split())
        return f"{first[0]}. {last} - {short}", f"{first[0]}. {last}", short
    return f"{name} {post}", name, post
