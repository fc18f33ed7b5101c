"""The timeline's geometry: each recommendation point a row, each action a dot at its due
date, the inspectors' deadline a diamond. ``templates/timeline.svg.j2`` draws it.

Which actions are late and which undated is the comparator's verdict
(``action_checks``); this module only places them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .view import ActionView, InspectionView, RecView, long_date, slug

# SVG user units; the SVG scales to the page width.
WIDTH, LABEL_X, NOTE_WIDTH, ROW_HEIGHT, TOP = 1100, 64, 190, 24, 34
X0, X1 = LABEL_X + 10, WIDTH - NOTE_WIDTH - 10


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Dot:
    x: float
    start_x: float | None  # where the due interval starts, when it has length
    late_from_x: float | None  # the binding deadline, for a late action
    status: str
    late: bool
    tip: str


@dataclass(frozen=True)
class Row:
    y: float
    ref: str
    anchor: str
    deadline_x: float | None
    deadline_tip: str
    dots: list[Dot]
    note: str
    late: bool


@dataclass(frozen=True)
class Timeline:
    height: float
    ticks: list[Tick]
    rows: list[Row]

    width = WIDTH
    x0, x1, top, row_height, note_x = X0, X1, TOP, ROW_HEIGHT, X1 + 14


def _rows(insp: InspectionView) -> list[tuple[RecView, list[ActionView]]]:
    """One row per recommendation point; a headline gets a row only for actions its points lack."""
    rows = []
    for rec in insp.recs:
        acts = [a for resp in rec.responses for a in resp.actions]
        if rec.coverage.is_point:
            rows.append((rec, acts))
            continue
        on_kids = {a.row.action_id for k in rec.children for resp in k.responses for a in resp.actions}
        own = [a for a in acts if a.row.action_id not in on_kids]
        if own:
            rows.append((rec, own))
    return rows


def _month_start(d: date, forward: int = 0) -> date:
    m = d.year * 12 + d.month - 1 + forward
    return date(m // 12, m % 12 + 1, 1)


def _note(rec: RecView, acts: list[ActionView]) -> str:
    notes = []
    late = sum(a.late for a in acts)
    if late:
        notes.append(f"{late} late")
    if not rec.row.target_date:
        notes.append(f"deadline {rec.row.target_date_text}" if rec.row.target_date_text else "no deadline")
    undated = sum(a.undated for a in acts)
    if undated:
        notes.append(f"{undated} undated")
    if not rec.responses:
        notes.append("no response")
    elif not acts:
        notes.append("no actions")
    return " · ".join(notes)


def build_timeline(insp: InspectionView) -> Timeline | None:
    """None when there is nothing to chart: no rows, or not one date among them."""
    rows = _rows(insp)
    dates = [d for rec, acts in rows for d in [rec.row.target_date]
             + [a.row.due_date for a in acts] + [a.row.due_date_start for a in acts]
             + [a.check.deadline for a in acts if a.late] if d]
    if not rows or not dates:
        return None
    lo, hi = _month_start(min(dates)), _month_start(max(dates), forward=1)
    span = (hi - lo).days or 1

    def x(d: date) -> float:
        return round(X0 + (X1 - X0) * (d - lo).days / span, 1)

    months = (hi.year - lo.year) * 12 + hi.month - lo.month
    step = 1 if months <= 12 else 3 if months <= 36 else 12
    ticks = []
    tick = lo
    while tick <= hi:
        if (tick.month - 1) % step == 0:
            ticks.append(Tick(x(tick), f"{tick:%b %Y}" if step < 12 else f"{tick.year}"))
        tick = _month_start(tick, forward=1)

    out = []
    for n, (rec, acts) in enumerate(rows):
        r = rec.row
        dots = [Dot(x=x(a.row.due_date),
                    start_x=x(a.row.due_date_start) if a.row.due_date_start and a.row.due_date_start < a.row.due_date
                    else None,
                    late_from_x=x(a.check.deadline) if a.late else None,
                    status=a.status, late=a.late,
                    tip=f"{r.ref} action {a.row.seq}: {a.row.text} - due {a.row.due_text}"
                        + (" - AFTER THE DEADLINE" if a.late else ""))
                for a in acts if a.row.due_date]
        out.append(Row(
            y=TOP + n * ROW_HEIGHT + ROW_HEIGHT / 2, ref=r.ref, anchor=slug("rec", insp.row.inspection_id, r.ref),
            deadline_x=x(r.target_date) if r.target_date else None,
            deadline_tip=f"{r.ref} deadline: {r.target_date_text or long_date(r.target_date)}",
            dots=dots, note=_note(rec, acts), late=any(a.late for a in acts)))
    return Timeline(height=TOP + ROW_HEIGHT * len(rows) + 10, ticks=ticks, rows=out)
