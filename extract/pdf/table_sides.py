"""The sides of a ruled table that prints none.

Many tables rule every row and every column boundary but leave the frame
open: the row rules simply stop at the table's left and right ends. Grid
finding needs a vertical edge at each side of a cell, so such a table loses
its first and last columns (the labels and one column of figures) to the
whitespace reader. Where several row rules end together past the outermost
column rule they reach, with text between, their common end is the table's
side, and an edge is implied there. Only rules between rows qualify: rules
that close a header and a long body of unruled lines (rules round column
groups of a statistical table) leave that body to the whitespace reader.

    row_rule_ends -> implied_sides
"""
from __future__ import annotations

from dataclasses import dataclass

from pdfplumber.utils.clustering import cluster_objects

from .geometry import Word


@dataclass(frozen=True)
class RuleEnds:
    """Row rules ending together on one side of a table: ``x`` is that end,
    ``inner`` the nearest column rule they all reach."""

    x: float
    rules: tuple[float, ...]  # each rule's y, top to bottom
    inner: float

    @property
    def top(self) -> float:
        return self.rules[0]

    @property
    def bottom(self) -> float:
        return self.rules[-1]


def row_rule_ends(horizontal: list[dict], vertical: list[dict], tolerance: float) -> list[RuleEnds]:
    """Each run of two or more row rules, one above another, that end at
    one x (within ``tolerance``) on the same side and all reach the same
    two or more column rules: a grid, whose rows may run on past it."""
    found = []
    for side in ("x0", "x1"):
        for group in cluster_objects(horizontal, side, tolerance):
            for run, columns in _runs_on_common_columns(group, vertical, tolerance):
                x = sum(e[side] for e in run) / len(run)
                inward = [c for c in columns if (c > x + tolerance if side == "x0" else c < x - tolerance)]
                if inward:
                    found.append(RuleEnds(x, tuple(e["top"] for e in run),
                                          min(inward) if side == "x0" else max(inward)))
    return found


def _runs_on_common_columns(rules: list[dict], vertical: list[dict],
                            tolerance: float) -> list[tuple[list[dict], set[float]]]:
    """``rules`` top to bottom in runs that reach two or more column rules in
    common, with those rules' x; a rule reaching fewer (a footnote rule
    ending where the table's rows end) breaks a run."""
    runs: list[tuple[list[dict], set[float]]] = []
    run: list[dict] = []
    common: set[float] = set()
    for rule in sorted(rules, key=lambda e: e["top"]):
        reached = {v["x0"] for v in vertical if _reaches(rule, v, tolerance)}
        if run and len(common & reached) >= 2:
            run.append(rule)
            common &= reached
            continue
        if len(run) >= 2:
            runs.append((run, common))
        run, common = [rule], reached
    if len(run) >= 2:
        runs.append((run, common))
    return runs


def _reaches(rule: dict, column: dict, tolerance: float) -> bool:
    """The row rule meets the column rule: crosses it or ends on it."""
    return (column["top"] - tolerance <= rule["top"] <= column["bottom"] + tolerance
            and rule["x0"] - tolerance <= column["x0"] <= rule["x1"] + tolerance)


def implied_sides(ends: list[RuleEnds], vertical: list[dict], words: list[Word], tolerance: float,
                  row_ems: float) -> list[RuleEnds]:
    """The rule ends that are a table's open side: no column rule already
    stands there, words lie between the end and the column rule inside it
    (a rule overshooting its frame by a stroke's width holds none), and the
    rules are between rows: no band between two of them there is taller
    than ``row_ems`` of its words' size."""
    return [end for end in ends
            if not any(abs(v["x0"] - end.x) <= tolerance and v["top"] - tolerance <= end.bottom
                       and v["bottom"] + tolerance >= end.top for v in vertical)
            and _words_in_strip(end, words)
            and all(_is_row_band(top, bottom, _words_in_strip(end, words, top, bottom), row_ems)
                    for top, bottom in zip(end.rules, end.rules[1:]))]


def _words_in_strip(end: RuleEnds, words: list[Word], top: float | None = None,
                    bottom: float | None = None) -> list[Word]:
    """The words whose centre lies between the rule end and the column rule
    inside it, and between ``top`` and ``bottom`` (the whole run by default)."""
    left, right = min(end.x, end.inner), max(end.x, end.inner)
    top = end.top if top is None else top
    bottom = end.bottom if bottom is None else bottom
    return [w for w in words
            if left < (w.x0 + w.x1) / 2 < right and top < (w.top + w.bottom) / 2 < bottom]


def _is_row_band(top: float, bottom: float, words: list[Word], row_ems: float) -> bool:
    return not words or bottom - top <= row_ems * max(w.size for w in words)
