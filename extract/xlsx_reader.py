"""XLSX backend: every visible worksheet as the blocks a Word plan would give.

A sheet's used range (the bounding box of the cells holding text, so empty
rows and columns round it are trimmed) is read top to bottom:

* Rows above the first row with two or more filled cells are the title:
  each becomes a block of its own, a HEADING when its cell is bold or larger
  than the workbook's default font (level 1 when larger, 2 when only bold),
  else a PARAGRAPH. A title typed into a merged range across the top of the
  sheet is therefore a title, not a table row, as it would be in Word.
* The first row with two or more filled cells is the header; when a merged
  cell in it runs down over the rows below, those rows are header too and
  each column's header is its texts joined by ``\\n``. Everything below is
  the body of one TABLE, rows with no text left out. A one-cell row inside
  the body (a section label across a merged range) stays a table row.

Merged ranges resolve to the grid the DOCX reader gives: the text stands in
the top-left cell of the range and every other cell of the range is ``""``,
so text is never counted twice and a column index means the same column in
every row.

Cell text is what Excel prints: strings with their line breaks as ``\\n``;
whole numbers without ``.0``; dates rendered through the cell's own number
format, so ``mmm-yy`` gives "Mar-11" and a due date keeps the month
precision its author chose, while ``dd/mm/yyyy`` gives "31/03/2011". Excel
shows built-in format 14 in the reader's locale; these are British
documents, so it prints day/month/year. Formulas give their cached value.
A solid background colour is kept on the cell as ``fill`` ("#RRGGBB");
theme colours, which need the workbook theme resolved, stay ``None``.

Print headers and footers (the page furniture of a printed sheet) go to
``Document.furniture``, codes such as ``&P`` removed.

No pages: ``page=None``, ``bbox=None``. Every cell's ``locator`` is its
spreadsheet address, ``Plan!B7`` (``'Action plan'!B7`` when the sheet name
needs quoting), and a TABLE block's locator is its range, ``Plan!A3:F40``.
"""
from __future__ import annotations

import re
import zipfile
import zlib
from datetime import date, datetime, time
from pathlib import Path
from xml.etree.ElementTree import ParseError

import openpyxl
from lxml.etree import XMLSyntaxError
from openpyxl.styles.colors import COLOR_INDEX
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from .formats import DEFAULT_OPTIONS, ReadOptions
from .model import Block, BlockKind, Cell, Document, Row, Table, UnreadableDocument

# openpyxl's full mode (the only one that sees merged ranges) holds every
# cell as an object, at dozens of times the XML's size; cap the sheets' XML.
MAX_SHEET_XML = 40 * 1024 * 1024
# A stray entry far from the plan would make the grid mostly empty cells.
MAX_GRID_CELLS = 2_000_000
UK_SHORT_DATE = "dd/mm/yyyy"
_BUILTIN_SHORT_DATES = {"mm-dd-yy", "m/d/yy", "m/d/yy h:mm"}

# What openpyxl, zipfile and the XML parsers raise on a damaged package.
_BAD_PACKAGE = (InvalidFileException, zipfile.BadZipFile, zlib.error, XMLSyntaxError, ParseError,
                KeyError, ValueError, TypeError, IndexError, AttributeError, EOFError, OSError)

_DATE_TOKEN = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.|y+|m+|d+|h+|s+|am/pm|a/p|.', re.I)
_PRINT_CODE = re.compile(r'&&|&"[^"]*"|&\d+|&[A-Za-z]')
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def read_xlsx(path: Path, sha256: str, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    path = Path(path)
    _check_size(path)
    try:
        # A file object, not the name: openpyxl refuses names not ending in
        # .xlsx, and the format was already told from the content.
        with path.open("rb") as fh:
            workbook = openpyxl.load_workbook(fh, data_only=True)
    except _BAD_PACKAGE as exc:
        raise UnreadableDocument(
            path, f"not a readable Excel workbook ({type(exc).__name__}: {exc})") from exc
    doc = Document(source_path=str(path), file_type="xlsx", sha256=sha256)
    default_size = _default_font_size(workbook)
    printed: set[tuple[BlockKind, str]] = set()
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            doc.warnings.append(f"hidden sheet {sheet.title!r} not read")
            continue
        doc.blocks += _SheetReader(path, sheet, default_size).blocks()
        # Sheets of one plan usually share their footer: keep it once.
        for block in print_furniture(sheet):
            if (block.kind, block.text) not in printed:
                printed.add((block.kind, block.text))
                doc.furniture.append(block)
    if not doc.blocks:
        raise UnreadableDocument(path, "workbook holds no text in any visible sheet")
    return doc


def _check_size(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            size = sum(i.file_size for i in zf.infolist() if i.filename.startswith("xl/worksheets/"))
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableDocument(path, f"corrupt or truncated zip container: {exc}") from exc
    if size > MAX_SHEET_XML:
        raise UnreadableDocument(
            path, f"worksheets hold {size // (1024 * 1024)} MiB of XML, over the "
                  f"{MAX_SHEET_XML // (1024 * 1024)} MiB limit for one workbook")


def _default_font_size(workbook) -> float:
    fonts = getattr(workbook, "_fonts", None)
    return float(fonts[0].sz) if fonts and fonts[0].sz else 11.0


def print_furniture(sheet) -> list[Block]:
    """The headers and footers Excel prints on every page, with their codes
    (page number, file name, font) taken out."""
    parts = (("oddHeader", BlockKind.RUNNING_HEADER), ("evenHeader", BlockKind.RUNNING_HEADER),
             ("firstHeader", BlockKind.RUNNING_HEADER), ("oddFooter", BlockKind.RUNNING_FOOTER),
             ("evenFooter", BlockKind.RUNNING_FOOTER), ("firstFooter", BlockKind.RUNNING_FOOTER))
    blocks = []
    for name, kind in parts:
        for position in ("left", "center", "right"):
            raw = getattr(getattr(sheet, name), position).text or ""
            text = " ".join(_PRINT_CODE.sub(lambda m: "&" if m[0] == "&&" else " ", raw).split())
            if text:
                blocks.append(Block(kind=kind, text=text, locator=f"{sheet_ref(sheet.title)}!{name}/{position}"))
    return blocks


def sheet_ref(title: str) -> str:
    """The sheet as a formula names it: quoted when not a plain word."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", title):
        return title
    return "'" + title.replace("'", "''") + "'"


class _SheetReader:
    def __init__(self, path: Path, sheet, default_size: float):
        self.path = path
        self.sheet = sheet
        self.ref = sheet_ref(sheet.title)
        self.default_size = default_size
        # Only the cells the file defines: iterating the dimension instead
        # would create a cell for every position up to a stray far corner.
        self.cells = sheet._cells
        self.texts = {pos: text for pos, c in self.cells.items() if (text := cell_text(c))}
        self.merges = list(sheet.merged_cells.ranges)

    def blocks(self) -> list[Block]:
        if not self.texts:
            return []
        filled: dict[int, list[int]] = {}
        for r, c in sorted(self.texts):
            filled.setdefault(r, []).append(c)
        rows = list(filled)
        self.first_col = min(c for _, c in self.texts)
        self.last_col = max(c for _, c in self.texts)
        span = (rows[-1] - rows[0] + 1) * (self.last_col - self.first_col + 1)
        if span > MAX_GRID_CELLS:
            raise UnreadableDocument(self.path, f"sheet {self.sheet.title!r} spans {span:,} cells "
                                                f"from corner to corner, over the {MAX_GRID_CELLS:,} limit")
        header_row = next((r for r in rows if len(filled[r]) >= 2), None)
        title_rows = [r for r in rows if header_row is None or r < header_row]
        out = [self._title_block(r, filled[r]) for r in title_rows]
        if header_row is not None:
            out.append(self._table_block(header_row, [r for r in rows if r > header_row]))
        return out

    def _title_block(self, r: int, cols: list[int]) -> Block:
        cells = [self.cells[r, c] for c in cols]
        font = cells[0].font
        size = float(font.sz) if font and font.sz else self.default_size
        bold = all(bool(c.font and c.font.b) for c in cells)
        kind, level = BlockKind.PARAGRAPH, None
        if size > self.default_size or bold:
            kind, level = BlockKind.HEADING, 1 if size > self.default_size else 2
        return Block(kind=kind, text=" ".join(self.texts[r, c] for c in cols), bold=bold, font_size=size,
                     level=level, locator=self._address(r, cols[0]))

    def _table_block(self, header_row: int, below: list[int]) -> Block:
        header_end = max([m.max_row for m in self.merges if m.min_row == header_row] + [header_row])
        header_rows = [self._row(r, header_row) for r in range(header_row, header_end + 1)]
        header = ["\n".join(t for t in column if t) for column in zip(*[row.texts for row in header_rows])]
        body = [self._row(r, header_row) for r in below if r > header_end]
        last_row = max([header_end] + below)
        locator = (f"{self.ref}!{get_column_letter(self.first_col)}{header_row}:"
                   f"{get_column_letter(self.last_col)}{last_row}")
        table = Table(header=header, rows=body)
        return Block(kind=BlockKind.TABLE, text=_table_text(table), locator=locator, table=table)

    def _row(self, r: int, top: int) -> Row:
        cells = []
        for c in range(self.first_col, self.last_col + 1):
            cells.append(Cell(text=self.texts.get((r, c), ""), row=r - top, col=c - self.first_col,
                              locator=self._address(r, c), fill=cell_fill(self.cells.get((r, c)))))
        return Row(cells=cells)

    def _address(self, r: int, c: int) -> str:
        return f"{self.ref}!{get_column_letter(c)}{r}"


def cell_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (datetime, date)):
        return format_date(value, cell.number_format)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, (int, float)):
        if "%" in (cell.number_format or ""):
            return f"{value * 100:g}%"
        return str(int(value)) if float(value).is_integer() else f"{value:.15g}"
    lines = str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.strip() for line in lines if line.strip())


def cell_fill(cell) -> str | None:
    fill = getattr(cell, "fill", None)
    if fill is None or fill.fill_type != "solid" or fill.fgColor is None:
        return None
    color = fill.fgColor
    if color.type == "rgb" and isinstance(color.rgb, str):
        return "#" + color.rgb[-6:].upper()
    if color.type == "indexed" and isinstance(color.indexed, int) and color.indexed < len(COLOR_INDEX):
        return "#" + COLOR_INDEX[color.indexed][-6:].upper()
    return None


def format_date(value: date, number_format: str | None) -> str:
    """The date as Excel prints it with this number format (the first
    section; colours, locales and literals as Excel treats them)."""
    fmt = (number_format or "").split(";")[0]
    if fmt.lower() in _BUILTIN_SHORT_DATES or not re.search(r"[ymd]", fmt, re.I):
        fmt = UK_SHORT_DATE
    tokens = _DATE_TOKEN.findall(fmt)
    return "".join(_render_token(value, token, tokens, i) for i, token in enumerate(tokens)).strip()


def _render_token(value: date, token: str, tokens: list[str], i: int) -> str:
    low = token.lower()
    if token.startswith('"'):
        return token[1:-1]
    if token.startswith("\\"):
        return token[1:]
    if token.startswith("["):
        return ""
    if token.startswith("_"):
        return " "
    if token.startswith("*"):
        return ""
    if low[0] == "y":
        return f"{value.year % 100:02d}" if len(low) <= 2 else f"{value.year:04d}"
    if low[0] == "d":
        return _day(value, len(low))
    if low[0] == "m":
        if _is_minutes(tokens, i):
            return f"{getattr(value, 'minute', 0):02d}"
        return _month(value.month, len(low))
    if low[0] == "h":
        return f"{getattr(value, 'hour', 0):0{min(len(low), 2)}d}"
    if low[0] == "s":
        return f"{getattr(value, 'second', 0):02d}"
    if low in ("am/pm", "a/p"):
        return "AM" if getattr(value, "hour", 0) < 12 else "PM"
    return token


def _day(value: date, width: int) -> str:
    if width == 1:
        return str(value.day)
    if width == 2:
        return f"{value.day:02d}"
    name = _DAYS[value.weekday()]
    return name[:3] if width == 3 else name


def _month(month: int, width: int) -> str:
    if width == 1:
        return str(month)
    if width == 2:
        return f"{month:02d}"
    name = _MONTHS[month - 1]
    return {3: name[:3], 5: name[0]}.get(width, name)


def _is_minutes(tokens: list[str], i: int) -> bool:
    """``m`` means minutes right after an hour or right before seconds."""
    def neighbour(step: int) -> str:
        j = i + step
        while 0 <= j < len(tokens):
            low = tokens[j].lower()
            if low[0] in "ymdhs" and low.isalpha():
                return low[0]
            j += step
        return ""
    return neighbour(-1) == "h" or neighbour(1) == "s"


def _table_text(table: Table) -> str:
    lines = ["\t".join(t.replace("\n", " ") for t in table.header)]
    lines += ["\t".join(t.replace("\n", " ") for t in row.texts) for row in table.rows]
    return "\n".join(lines)
