"""Every threshold of PDF layout analysis in one place, in points unless
said otherwise (pdfplumber's ``TableSettings`` style)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WhitespaceSettings:
    """Tables without rules: sizes in ems of the line's type size."""

    chunk_gap_ems: float = 0.6  # a wider gap between words may be a column gap
    split_gap_ems: float = 0.3  # a wider one is no word space: in a column gap, it splits cells
    row_gap_ems: float = 1.6  # lines further apart than this end a region
    section_gap_ems: float = 3.5  # unless within this and in the region's columns (a blank line between sections)
    max_size_step: float = 1.5  # points: a line this much larger or smaller ends a region
    max_single_lines: int = 2  # single-chunk lines a region may hold in a row
    min_rows: int = 3
    min_gap_width: int = 4  # points: a column gap narrower than this is a word space
    gap_crossing_share: float = 0.1  # share of rows that may cross a column gap
    short_cell_words: int = 4
    short_cell_share: float = 0.75  # of filled cells, at most short_cell_words long or numeric
    numeric_column_share: float = 0.6  # of a column's filled cells, for it to be a numeric column
    min_text_columns: int = 3  # without a numeric column, a table needs this many
    # A side of a gutter is prose when this share of its chunks run to
    # prose_chunk_words words or more.
    prose_chunk_words: int = 6
    prose_share: float = 0.4


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
    whitespace: WhitespaceSettings = WhitespaceSettings()
    # A grid is part of a bigger table when words beside it, within this
    # many ems, number more than this share of the words inside it.
    fragment_reach_ems: float = 2.0
    fragment_share: float = 0.3
    # Row rules ending past a grid's outer column rule imply the table's
    # side there (table_sides) when they rule rows: no band between two of
    # them is taller than this many ems (a cell of three lines at most).
    row_band_max_ems: float = 4.0
    min_turned_glyphs: int = 20  # glyphs turned 90 degrees before a turned table is looked for
    turned_join_ems: float = 0.15  # turned glyphs closer than this (of their height) make one word
    touching_join_ems: float = 0.05  # upright words closer than this (of their size) are one word


@dataclass(frozen=True)
class LayoutSettings:
    # Share of the page height at the top and bottom where running heads
    # and footers live.
    furniture_band: float = 0.085
    table_slack: float = 1.0  # a word is inside a table when its centre is this near
    # Columns: a gutter is whitespace at least this wide between words of
    # at least ``column_min_rows`` rows (two when a rule is drawn in it),
    # with a column at least ``column_min_width`` wide either side; of the
    # rows level with the other side's text, the sparser side holds at least
    # ``column_balance`` of the denser side's (side heads beside a single
    # column of text are not a column; a column ending early still is).
    gutter_min_width: float = 10.0
    column_min_rows: int = 4
    column_min_rows_ruled: int = 2
    column_min_width: float = 72.0
    column_balance: float = 0.5
    column_rule_min_length: float = 36.0
    tables: TableSettings = TableSettings()


DEFAULT_SETTINGS = LayoutSettings()
