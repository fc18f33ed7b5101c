"""DOCX backend: body paragraphs and tables in the order Word shows them.

A DOCX has no pages, so every block and cell has ``page=None`` and
``bbox=None`` and is found again by its ``locator``:

* ``p12``        the 13th paragraph of the body (empty ones are counted too,
  so the index matches ``docx.Document(...).paragraphs``);
* ``t3``         the 4th top-level table of the body;
* ``t3/r2/c1``   a cell of it (row and column in the table's grid, row 0 being
  the first row of the source table, whether or not it became the header);
* ``t3/r2/c1/t0`` a table nested in that cell. It is emitted as a TABLE block
  of its own right after its outer table, and its text is also part of the
  outer cell's text, so a reader of either finds it.

Merged cells keep every column position: a horizontally merged cell
(``gridSpan``) puts its text in the first column of the span and ``""`` in
the columns it covers; the continuation cells of a vertical merge
(``vMerge``) are ``""`` below the top cell that holds the text. Text is
therefore never counted twice, and a column index means the same column in
every row.

Running headers and footers of every section go to ``Document.furniture``,
never into ``blocks``.
"""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError

from .lexicon import BULLET_MARKS
from .formats import DEFAULT_OPTIONS, ReadOptions
from .model import Block, BlockKind, Cell, Document, Row, Table, UnreadableDocument

_W_P, _W_TBL, _W_SDT = qn("w:p"), qn("w:tbl"), qn("w:sdt")

# What python-docx, lxml and zipfile raise on a damaged or foreign package.
_BAD_PACKAGE = (PackageNotFoundError, zipfile.BadZipFile, zlib.error, XMLSyntaxError,
                KeyError, ValueError, EOFError, OSError)


def read_docx(path: Path, sha256: str, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    path = Path(path)
    try:
        source = docx.Document(str(path))
        reader = _Reader(source)
        reader.read_body()
        reader.read_furniture()
    except _BAD_PACKAGE as exc:
        raise UnreadableDocument(
            path, f"not a readable Word document ({type(exc).__name__}: {exc})") from exc
    return Document(source_path=str(path), file_type="docx", sha256=sha256,
                    pages=[], blocks=reader.blocks, furniture=reader.furniture)


def _content_children(element):
    """Block-level children, looking through content controls (``w:sdt``),
    which Word draws as if their content stood in place."""
    for child in element:
        if child.tag == _W_SDT:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _content_children(content)
        else:
            yield child


class _Reader:
    def __init__(self, source):
        self.source = source
        self.blocks: list[Block] = []
        self.furniture: list[Block] = []
        self._default_size = _default_font_size(source)

    # -- body -------------------------------------------------------------
    def read_body(self) -> None:
        n_par = n_tbl = 0
        for child in _content_children(self.source.element.body):
            if child.tag == _W_P:
                block = self._paragraph_block(Paragraph(child, self.source), f"p{n_par}")
                n_par += 1
                if block is not None:
                    self.blocks.append(block)
            elif child.tag == _W_TBL:
                self._emit_table(DocxTable(child, self.source), f"t{n_tbl}")
                n_tbl += 1

    def _paragraph_block(self, par: Paragraph, locator: str) -> Block | None:
        text = par.text.strip()
        if not text:
            return None
        kind, level = BlockKind.PARAGRAPH, None
        heading_level = _heading_level(par)
        list_level = _list_level(par)
        if heading_level is not None:
            kind, level = BlockKind.HEADING, heading_level
        elif list_level is not None:
            kind, level = BlockKind.LIST_ITEM, list_level
        stripped = _strip_bullet(text)
        if stripped != text and kind is not BlockKind.HEADING:
            kind, level, text = BlockKind.LIST_ITEM, level or 1, stripped
        return Block(kind=kind, text=text, bold=_all_bold(par),
                     font_size=self._font_size(par), level=level, locator=locator)

    def _emit_table(self, tbl: DocxTable, locator: str) -> None:
        table, nested = _read_table(tbl, locator)
        self.blocks.append(Block(kind=BlockKind.TABLE, text=_table_text(table),
                                 locator=locator, table=table))
        for inner, inner_locator in nested:
            self._emit_table(inner, inner_locator)

    # -- headers and footers ---------------------------------------------
    def read_furniture(self) -> None:
        seen: set[tuple[BlockKind, str]] = set()
        for s_idx, section in enumerate(self.source.sections):
            parts = (
                (BlockKind.RUNNING_HEADER, "header", section.header),
                (BlockKind.RUNNING_HEADER, "first_page_header", section.first_page_header),
                (BlockKind.RUNNING_HEADER, "even_page_header", section.even_page_header),
                (BlockKind.RUNNING_FOOTER, "footer", section.footer),
                (BlockKind.RUNNING_FOOTER, "first_page_footer", section.first_page_footer),
                (BlockKind.RUNNING_FOOTER, "even_page_footer", section.even_page_footer),
            )
            for kind, name, part in parts:
                # A linked part has no definition of its own: it is an earlier
                # section's, already read (and reading it would add one).
                if part.is_linked_to_previous:
                    continue
                for j, text in enumerate(_texts_in(part._element)):
                    if (kind, text) in seen:
                        continue
                    seen.add((kind, text))
                    self.furniture.append(Block(kind=kind, text=text,
                                                locator=f"s{s_idx}/{name}/{j}"))

    # -- formatting ------------------------------------------------------
    def _font_size(self, par: Paragraph) -> float | None:
        sizes = [r.font.size.pt for r in _runs(par) if r.text.strip() and r.font.size]
        if sizes:
            return max(sizes)
        for style in _style_chain(par.style):
            if style.font.size is not None:
                return style.font.size.pt
        return self._default_size


def _runs(par: Paragraph):
    """Runs including those inside hyperlinks, which ``par.runs`` skips."""
    for item in par.iter_inner_content():
        if hasattr(item, "runs"):
            yield from item.runs
        else:
            yield item


def _style_chain(style):
    # A damaged styles part can base a style on itself; stop at a repeat.
    seen = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        yield style
        style = style.base_style


def _heading_level(par: Paragraph) -> int | None:
    for style in _style_chain(par.style):
        name = (style.name or "").strip().lower()
        if name == "title":
            return 1
        if name.startswith("heading "):
            suffix = name.removeprefix("heading ").strip()
            if suffix.isdigit():
                return int(suffix)
    # Custom heading styles still carry an outline level, as the navigation
    # pane uses it; body text has none (or 9, meaning "body").
    for ppr in [par._p.pPr] + [s.element.pPr for s in _style_chain(par.style)]:
        if ppr is None:
            continue
        outline = ppr.find(qn("w:outlineLvl"))
        if outline is not None:
            value = int(outline.get(qn("w:val"), "9"))
            return value + 1 if value < 9 else None
    return None


def _list_level(par: Paragraph) -> int | None:
    ppr = par._p.pPr
    if ppr is not None and ppr.numPr is not None:
        # numId 0 is Word's way of switching numbering off.
        num_id = ppr.numPr.numId
        if num_id is None or num_id.val != 0:
            ilvl = ppr.numPr.ilvl
            return (ilvl.val if ilvl is not None else 0) + 1
    for style in _style_chain(par.style):
        name = (style.name or "").strip()
        if name.lower().startswith("list"):
            last = name.split()[-1]
            return int(last) if last.isdigit() else 1
        style_ppr = style.element.pPr
        if style_ppr is not None and style_ppr.numPr is not None:
            ilvl = style_ppr.numPr.ilvl
            return (ilvl.val if ilvl is not None else 0) + 1
    return None


def _strip_bullet(text: str) -> str:
    for glyph in BULLET_MARKS:
        if text.startswith(glyph) and (len(text) == len(glyph)
                                       or text[len(glyph)].isspace()):
            return text[len(glyph):].strip()
    return text


def _run_bold(run, par: Paragraph) -> bool:
    if run.bold is not None:
        return run.bold
    for style in _style_chain(run.style):
        if style.font.bold is not None:
            return style.font.bold
    for style in _style_chain(par.style):
        if style.font.bold is not None:
            return style.font.bold
    return False


def _all_bold(par: Paragraph) -> bool:
    runs = [r for r in _runs(par) if r.text.strip()]
    return bool(runs) and all(_run_bold(r, par) for r in runs)


def _default_font_size(source) -> float | None:
    size = source.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
    if size is None:
        return None
    return int(size.get(qn("w:val"))) / 2  # half-points


def _texts_in(element) -> list[str]:
    """Non-empty paragraph texts under a header/footer or cell, tables included."""
    texts = []
    for child in _content_children(element):
        if child.tag == _W_P:
            text = Paragraph(child, None).text.strip()
            if text:
                texts.append(text)
        elif child.tag == _W_TBL:
            texts.extend(_table_texts(child))
    return texts


def _table_texts(tbl_element) -> list[str]:
    """A table's paragraph texts in reading order: row by row, cell by cell."""
    return [text for tr in tbl_element.iterchildren(qn("w:tr"))
            for tc in _row_cells(tr) for text in _texts_in(tc)]


def _row_cells(tr):
    for child in _content_children(tr):
        if child.tag == qn("w:tc"):
            yield child


def _grid_before(tr) -> int:
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        return 0
    before = trpr.find(qn("w:gridBefore"))
    return int(before.get(qn("w:val"), "0")) if before is not None else 0


def _is_header_row(tr) -> bool:
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        return False
    flag = trpr.find(qn("w:tblHeader"))
    return flag is not None and flag.get(qn("w:val"), "true") not in ("0", "false", "off")


def _span(tc) -> int:
    tcpr = tc.find(qn("w:tcPr"))
    span = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
    return max(1, int(span.get(qn("w:val"), "1"))) if span is not None else 1


def _continues_vertical_merge(tc) -> bool:
    tcpr = tc.find(qn("w:tcPr"))
    merge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
    # <w:vMerge w:val="restart"/> opens a merge; a bare <w:vMerge/> continues it.
    return merge is not None and merge.get(qn("w:val"), "continue") == "continue"


def _read_table(tbl: DocxTable, locator: str):
    """Return the ``Table`` and its directly nested tables with their locators."""
    grid = tbl._tbl.find(qn("w:tblGrid"))
    n_cols = len(grid.findall(qn("w:gridCol"))) if grid is not None else 0
    raw_rows: list[list[str]] = []
    nested: list[tuple[DocxTable, str]] = []
    header_rows = 0
    for r_idx, tr in enumerate(tbl._tbl.iterchildren(qn("w:tr"))):
        if header_rows == r_idx and _is_header_row(tr):
            header_rows += 1
        texts = [""] * _grid_before(tr)
        for tc in _row_cells(tr):
            col = len(texts)
            cell_locator = f"{locator}/r{r_idx}/c{col}"
            parts = []
            inner_idx = 0
            for child in _content_children(tc):
                if child.tag == _W_P:
                    text = Paragraph(child, tbl).text.strip()
                    if text:
                        parts.append(text)
                elif child.tag == _W_TBL:
                    parts.extend(_table_texts(child))
                    nested.append((DocxTable(child, tbl), f"{cell_locator}/t{inner_idx}"))
                    inner_idx += 1
            text = "" if _continues_vertical_merge(tc) else "\n".join(parts)
            texts.append(text)
            texts.extend([""] * (_span(tc) - 1))
        raw_rows.append(texts)
        n_cols = max(n_cols, len(texts))

    rows = [Row(cells=[Cell(text=t, row=r, col=c, locator=f"{locator}/r{r}/c{c}")
                       for c, t in enumerate(texts + [""] * (n_cols - len(texts)))])
            for r, texts in enumerate(raw_rows)]
    if not rows:
        return Table(header=[], rows=[]), nested
    # Rows Word repeats at the top of each page are the header; with none
    # marked, the first row is.
    n_header = max(1, header_rows)
    header = ["\n".join(t for t in col if t) for col in
              zip(*[r.texts for r in rows[:n_header]])]
    return Table(header=header, rows=rows[n_header:]), nested


def _table_text(table: Table) -> str:
    lines = ["\t".join(t.replace("\n", " ") for t in table.header)]
    lines += ["\t".join(t.replace("\n", " ") for t in row.texts) for row in table.rows]
    return "\n".join(lines)
