"""The officers' workbook: a Summary sheet per inspection, then every table as a filterable sheet."""
from __future__ import annotations

from dataclasses import astuple, fields
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from acplans.schemas.rows import TABLES

from acplans.schemas.bundle import Tables
from .view import build_view

HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
HEADER_FONT = Font(bold=True, color="FFFFFF")
WRAP_OVER = 60   # characters: beyond this a column wraps instead of widening
DATE_FORMAT = "dd mmm yyyy"
SUMMARY_HEADER = ["inspection_id", "landlord", "report", "action plan", "recommendations", "answered",
                  "unanswered", "high findings", "medium findings", "low findings"]


def _cell_value(v):
    if isinstance(v, list):
        v = "; ".join(str(x) for x in v if x is not None)
    if isinstance(v, str):
        # PDF text can carry form feeds and other control characters that
        # openpyxl refuses to write.
        return ILLEGAL_CHARACTERS_RE.sub("", v)
    return v


def _write_sheet(ws, header: list[str], rows: list[list]) -> None:
    ws.append(header)
    for cell in ws[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(vertical="top")
    for row in rows:
        ws.append([_cell_value(v) for v in row])
    for line in ws.iter_rows(min_row=2):
        for cell in line:
            # openpyxl writes a string starting with "=" as a formula; document
            # text must stay text, never something Excel evaluates.
            if cell.data_type == "f":
                cell.data_type = "s"
    widths = [len(h) for h in header]
    for row in rows:
        for i, v in enumerate(row):
            n = 11 if isinstance(v, date) else len(str(_cell_value(v))) if v is not None else 0
            widths[i] = max(widths[i], n)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(width, WRAP_OVER) + 2
        wrap = width > WRAP_OVER
        for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
            if wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def write_xlsx(tables: Tables, path: str | Path) -> Path:
    """One workbook: a Summary sheet per inspection, then one sheet per table."""
    wb = Workbook()
    summary = wb.active
    summary.title = "Summary"
    rows = []
    for insp in build_view(tables).inspections:
        c = insp.counts
        rows.append([insp.row.inspection_id, insp.row.landlord,
                     insp.report.source_name if insp.report else None,
                     insp.plan.source_name if insp.plan else None,
                     c.points, c.answered, c.unanswered, c.high, c.medium, c.low])
    _write_sheet(summary, SUMMARY_HEADER, rows)
    for name, table_rows in tables:
        _write_sheet(wb.create_sheet(name), [f.name for f in fields(TABLES[name])],
                     [list(astuple(r)) for r in table_rows])
    path = Path(path)
    wb.save(path)
    return path
