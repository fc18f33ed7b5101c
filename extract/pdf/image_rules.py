"""Ruling lines and filled bands found in a page image, for scanned tables:

    dark_pixels -> long_runs (per row, per column) -> runs_to_strokes
    -> strokes_to_geometry (thin strokes are rules, thick ones filled rects)

A run of dark pixels longer than any glyph stroke is part of a rule; runs in
neighbouring rows that overlap are one stroke, as thick as the rows it spans.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .geometry import Rect, Segment

DARK = 160  # grey level below which a pixel is ink
MIN_RULE_INCHES = 0.3  # longer than any glyph stroke at body sizes
MAX_RULE_POINTS = 3.0  # thicker strokes are filled bands, not rules


@dataclass
class Stroke:
    start: int  # first row (for horizontal strokes) of the stroke
    end: int  # last row
    lo: int  # first column
    hi: int  # last column


def dark_pixels(pixels: np.ndarray) -> np.ndarray:
    return pixels < DARK


def long_runs(dark: np.ndarray, min_length: int) -> list[tuple[int, int, int]]:
    """(row, first column, last column) of every run of at least ``min_length``
    dark pixels along the rows."""
    if dark.shape[1] < min_length:
        return []
    sums = np.cumsum(np.pad(dark, ((0, 0), (1, 0))), axis=1, dtype=np.int32)
    full = (sums[:, min_length:] - sums[:, :-min_length]) == min_length
    runs = []
    for row in np.flatnonzero(full.any(axis=1)):
        starts = full[row]
        edges = np.flatnonzero(np.diff(np.concatenate(([False], starts, [False])).astype(np.int8)))
        for first, past in zip(edges[::2], edges[1::2]):
            runs.append((int(row), int(first), int(past - 1 + min_length - 1)))
    return runs


def runs_to_strokes(runs: list[tuple[int, int, int]]) -> list[Stroke]:
    """Runs in consecutive rows that overlap along the row are one stroke."""
    strokes: list[Stroke] = []
    open_strokes: list[Stroke] = []
    for row, lo, hi in sorted(runs):
        for stroke in open_strokes:
            if stroke.end >= row - 1 and stroke.lo <= hi and lo <= stroke.hi:
                stroke.end, stroke.lo, stroke.hi = row, min(stroke.lo, lo), max(stroke.hi, hi)
                break
        else:
            stroke = Stroke(row, row, lo, hi)
            strokes.append(stroke)
            open_strokes.append(stroke)
        open_strokes = [s for s in open_strokes if s.end >= row - 1]
    return strokes


def strokes_to_geometry(strokes: list[Stroke], scale: float, horizontal: bool,
                        ) -> tuple[list[Segment], list[Rect]]:
    segments, rects = [], []
    for s in strokes:
        across_lo, across_hi = s.start * scale, (s.end + 1) * scale
        along_lo, along_hi = s.lo * scale, (s.hi + 1) * scale
        if across_hi - across_lo > MAX_RULE_POINTS:
            box = (along_lo, across_lo, along_hi, across_hi) if horizontal else (across_lo, along_lo, across_hi, along_hi)
            rects.append(Rect(*box, filled=True, stroked=False))
            continue
        mid = (across_lo + across_hi) / 2
        segments.append(Segment(along_lo, mid, along_hi, mid) if horizontal else Segment(mid, along_lo, mid, along_hi))
    return segments, rects


def image_rules(pixels: np.ndarray, dpi: float) -> tuple[list[Segment], list[Rect]]:
    """Rules and filled bands of a greyscale page image, in points."""
    dark = dark_pixels(pixels)
    min_length = max(2, round(MIN_RULE_INCHES * dpi))
    scale = 72 / dpi
    h_segments, h_rects = strokes_to_geometry(runs_to_strokes(long_runs(dark, min_length)), scale, True)
    v_segments, _ = strokes_to_geometry(runs_to_strokes(long_runs(dark.T, min_length)), scale, False)
    # A filled band is found along both axes; keeping the horizontal finding is enough.
    return h_segments + v_segments, h_rects
