"""Text and Markdown backend, for reports already converted to text.

What it understands, as conversions of these reports write it:

* ``#`` headings (level = number of ``#``); ``-``, ``*`` and ``•`` bullets,
  nested by indentation (two spaces a level); paragraphs separated by blank
  lines, the lines of one paragraph joined with a space; ``---`` rules are
  dropped.
* Tab-separated tables: consecutive lines holding a tab are one TABLE, its
  first line the header. Rows are padded to one width so a column keeps its
  position when trailing cells are missing, and columns empty in every row
  are dropped from the right. Inline HTML in a cell (``<ul><li>``, ``<p>``,
  ``<br>``) becomes ``\\n``-separated paragraphs with bullet glyphs removed.
* The "one cell per line" dump of a Word table: each cell starts on a line
  of its own with a single leading tab, its further paragraphs follow on
  lines without one, and the run of such lines before the first blank line
  is the header (and sets the width). A blank line after a complete row
  followed by a line without a tab ends the table; a row's last cell whose
  text itself contains a blank line is cut there, as the dump cannot tell
  the two apart.
* Markdown emphasis and links are reduced to their text; a block wrapped
  whole in ``**`` or ``<b>`` is ``bold``. A paragraph opening with a
  ``<sup>`` mark is a FOOTNOTE; ``<sup>`` reference marks inside other text
  are removed so they do not glue onto the word before them.

No geometry: ``page=None``, ``bbox=None``; ``locator`` is ``l<line>`` (1-based
line of the block's first line), cells ``l<line>/c<col>`` with the line of
their row.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from .encoding import text_encoding
from .lexicon import BULLET_MARK
from .formats import DEFAULT_OPTIONS, ReadOptions
from .model import Block, BlockKind, Cell, Document, Row, Table, UnreadableDocument

# Every pattern here runs on untrusted text, so none has two quantifiers
# that can match the same characters (a line of 5,000 spaces took minutes),
# and no unclosed ``<``, ``[`` or ``(`` makes a match scan past the next one
# (100 KB of unclosed tags was quadratic).
_HEADING_MARK = re.compile(r"(#{1,6})[ \t]")
_BULLET = re.compile(r"^( *)[-*•]\s+(.*)$")
_FOOTNOTE = re.compile(r"^<sup>([^<]*)</sup>(.*)$", re.S)
_SUP = re.compile(r"<sup>[^<]*</sup>", re.I)
_BREAK = re.compile(r"<br[^<>]*>|</?(?:p|li|ul|ol|div)\b[^<>]*>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
_BOLD_WHOLE = re.compile(r"^(?:\*\*(.+)\*\*|<b>(.+)</b>)$", re.S | re.I)
_CELL_BULLET = re.compile(rf"^{BULLET_MARK}\s+")


# A report converted to text is well under a MiB; more is not one.
MAX_TEXT_BYTES = 16 * 1024 * 1024
# Characters a heading or rule line is read from: longer lines are paragraphs.
_MARKUP_LINE = 500


def read_text(path: Path, sha256: str, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    path = Path(path)
    with path.open("rb") as fh:
        raw = fh.read(MAX_TEXT_BYTES + 1)
    if len(raw) > MAX_TEXT_BYTES:
        raise UnreadableDocument(path, f"text file over {MAX_TEXT_BYTES >> 20} MiB: too large for a report")
    text, warnings = decode_text(path, raw)
    if not text.strip():
        raise UnreadableDocument(path, "text file is empty or holds only whitespace")
    lines = re.split(r"\r\n|\r|\n", text)
    return Document(source_path=str(path), file_type="text", sha256=sha256,
                    pages=[], blocks=_Parser(lines).parse(), warnings=warnings)


def decode_text(path: Path, raw: bytes) -> tuple[str, list[str]]:
    """The file's text and any warning about its encoding: UTF-16 and UTF-32
    by their byte-order mark or NUL pattern, else UTF-8, else Windows-1252."""
    encoding = text_encoding(raw[:8192]) or "utf-8"
    if encoding.startswith(("utf-16", "utf-32")):
        try:
            return raw.decode(encoding), []
        except UnicodeDecodeError as exc:
            raise UnreadableDocument(path, f"text looks like {encoding.upper()} but does not decode ({exc.reason} "
                                           f"at byte {exc.start})") from exc
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252"), ["not valid UTF-8: decoded as Windows-1252 (cp1252)"]
        except UnicodeDecodeError as exc:
            raise UnreadableDocument(
                path, f"text is neither UTF-8, UTF-16 nor Windows-1252 ({exc})") from exc


class _Parser:
    def __init__(self, lines: list[str]):
        self.lines = lines
        self.blocks: list[Block] = []
        self._para: list[str] = []
        self._para_start = 0
        self._para_kind = BlockKind.PARAGRAPH
        self._para_level: int | None = None

    def parse(self) -> list[Block]:
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            if _is_cell_line(line) and _is_cell_line(self._line(i + 1)):
                self._flush()
                i = self._cell_per_line_table(i)
                continue
            if "\t" in line and line.strip():
                self._flush()
                i = self._tab_table(i)
                continue
            self._plain_line(i, line)
            i += 1
        self._flush()
        return self.blocks

    def _line(self, i: int) -> str:
        return self.lines[i] if i < len(self.lines) else ""

    def _plain_line(self, i: int, line: str) -> None:
        if not line.strip() or _is_rule(line):
            self._flush()
            return
        heading = _HEADING_MARK.match(line) if len(line) <= _MARKUP_LINE else None
        if heading:
            self._flush()
            text, bold = _clean_inline(_heading_text(line[heading.end():]))
            if text:
                self.blocks.append(Block(kind=BlockKind.HEADING, text=text, bold=bold,
                                         level=len(heading.group(1)), locator=f"l{i + 1}"))
            return
        bullet = _BULLET.match(line)
        if bullet:
            self._flush()
            self._start(i, BlockKind.LIST_ITEM, len(bullet.group(1)) // 2 + 1)
            self._para.append(bullet.group(2))
            return
        if not self._para:
            self._start(i, BlockKind.PARAGRAPH, None)
        # A line right under a bullet continues that item (Markdown's lazy
        # continuation), as under a paragraph it continues the paragraph.
        self._para.append(line.strip())

    def _start(self, i: int, kind: BlockKind, level: int | None) -> None:
        self._para_start, self._para_kind, self._para_level = i, kind, level

    def _flush(self) -> None:
        if not self._para:
            return
        joined = " ".join(part.strip() for part in self._para)
        self._para = []
        kind, level = self._para_kind, self._para_level
        footnote = _FOOTNOTE.match(joined) if kind is BlockKind.PARAGRAPH else None
        if footnote and footnote.group(1).strip():
            kind, joined = BlockKind.FOOTNOTE, f"{footnote.group(1).strip()} {footnote.group(2).strip()}"
        text, bold = _clean_inline(joined)
        if text:
            self.blocks.append(Block(kind=kind, text=text, bold=bold, level=level,
                                     locator=f"l{self._para_start + 1}"))

    # -- tables -----------------------------------------------------------
    def _tab_table(self, start: int) -> int:
        end = start
        while end < len(self.lines) and "\t" in self.lines[end] and self.lines[end].strip():
            end += 1
        grid = [[_clean_cell(c) for c in self.lines[n].split("\t")] for n in range(start, end)]
        width = max(len(r) for r in grid)
        grid = [r + [""] * (width - len(r)) for r in grid]
        while width > 1 and not any(r[width - 1] for r in grid):
            width -= 1
        self._emit_table([r[:width] for r in grid], list(range(start, end)))
        return end

    def _cell_per_line_table(self, start: int) -> int:
        i = start
        header = []
        while i < len(self.lines) and _is_cell_line(self.lines[i]):
            header.append([self.lines[i][1:]])
            i += 1
        width = len(header)
        rows: list[list[list[str]]] = [header]
        row_lines = [start]
        row: list[list[str]] = []
        after_blank = False
        while i < len(self.lines):
            line = self.lines[i]
            if line.startswith("\t") and "\t" not in line[1:]:
                if len(row) == width:
                    rows.append(row)
                    row = []
                if not row:
                    row_lines.append(i)
                row.append([line[1:]])
            elif not line.strip():
                after_blank = True
            elif row and not (after_blank and (len(row) == width or not row[-1][0].strip())):
                row[-1].append(line)
            else:
                break
            if line.strip():
                after_blank = False
            i += 1
        if row and any(p.strip() for cell in row for p in cell):
            rows.append(row)
        else:
            row_lines = row_lines[:len(rows)]
        grid = [[_clean_cell("\n".join(cell)) for cell in r] + [""] * (width - len(r))
                for r in rows]
        self._emit_table(grid, row_lines)
        # Resume at the first line after the table's last text, so blank
        # lines and the line that ended the table are read as usual.
        while i > start and not self.lines[i - 1].strip():
            i -= 1
        return i

    def _emit_table(self, grid: list[list[str]], row_lines: list[int]) -> None:
        rows = [Row(cells=[Cell(text=t, row=r, col=c, locator=f"l{row_lines[r] + 1}/c{c}")
                           for c, t in enumerate(texts)])
                for r, texts in enumerate(grid)]
        table = Table(header=rows[0].texts, rows=rows[1:])
        rendered = "\n".join("\t".join(t.replace("\n", " ") for t in texts) for texts in grid)
        self.blocks.append(Block(kind=BlockKind.TABLE, text=rendered,
                                 locator=f"l{row_lines[0] + 1}", table=table))


def _is_rule(line: str) -> bool:
    """``---``, ``* * *``, ``___``: three or more of one mark, spaces between."""
    marks = "".join(line.split())
    return len(marks) >= 3 and marks[0] in "-*_" and marks == marks[0] * len(marks)


def _heading_text(rest: str) -> str:
    """A heading's text without Markdown's optional closing ``#``s."""
    text = rest.strip()
    closed = text.rstrip("#")
    if closed != text and (not closed or closed[-1].isspace()):
        text = closed
    return text.strip()


def _is_cell_line(line: str) -> bool:
    """A line of the one-cell-per-line dump: one leading tab, text, no other tab."""
    return line.startswith("\t") and "\t" not in line[1:] and bool(line.strip())


def _clean_inline(text: str) -> tuple[str, bool]:
    """Reduce Markdown/HTML inline markup to text; say whether all of it was bold."""
    text = _SUP.sub("", text)
    text = _LINK.sub(r"\1", text).strip()
    whole = _BOLD_WHOLE.match(text)
    bold = bool(whole) and "**" not in (whole.group(1) or "")
    text = _TAG.sub("", text).replace("**", "")
    return re.sub(r"\s+", " ", html.unescape(text)).strip(), bold


def _clean_cell(text: str) -> str:
    paragraphs = []
    for part in _BREAK.sub("\n", _SUP.sub("", text)).split("\n"):
        part, _ = _clean_inline(part)
        part = _CELL_BULLET.sub("", part)
        if part:
            paragraphs.append(part)
    return "\n".join(paragraphs)
