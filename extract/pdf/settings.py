"""Every threshold of PDF layout analysis in one place, in points unless
said otherwise (pdfplumber's ``TableSettings`` style)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableSettings:
    """Ruled tables: how near two rules must be to count as one, and how
    long a rule must be to count at all."""

    snap_tolerance: float = 3.0
    join_tolerance: float = 3.0
    edge_min_length: float = 3.0
    edge_min_length_prefilter: float = 1.0
    intersection_tolerance: float = 3.0
    # A rectangle no thicker than this is a rule drawn as a filled strip.
    rule_max_thickness: float = 2.0
    cell_slack: float = 0.5  # a word belongs to a cell when its centre is this near


@dataclass(frozen=True)
class LayoutSettings:
    # Share of the page height at the top and bottom where running heads
    # and footers live.
    furniture_band: float = 0.085
    table_slack: float = 1.0  # a word is inside a table when its centre is this near
    tables: TableSettings = TableSettings()


DEFAULT_SETTINGS = LayoutSettings()
