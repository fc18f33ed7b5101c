"""PDF backend: pdfplumber pages -> the shared ``Document`` model.

The stage is a chain of small functions whose results can be inspected:

    page_words -> drop_reference_marks -> words_to_lines -> lines_to_segments
    -> segments_to_blocks            (running text, per page)
    page.find_tables -> table_to_rows (per page) -> stitch_tables (across pages)
    band_candidates -> detect_furniture (across pages)

Each page is read once and closed straight after, so memory stays flat on
long files; only the small text results are kept. Bounding boxes are in
points with the origin at the top-left of the page (``model.COORD_ORIGIN``).
"""
from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from .lexicon import BULLET_GLYPH, ENUMERATOR
from .model import BBox, Block, BlockKind, Cell, Document, Page, Row, Table, UnreadableDocument

BULLET_RE = re.compile(rf"^\s*{BULLET_GLYPH}\s*")
# Footnote reference marks printed as small raised roman numerals, digits or daggers.
MARK_RE = re.compile(r"^(?:[ivxlc]{1,6}|\d{1,2}|[*†‡§])$")
FOOTNOTE_START_RE = re.compile(r"^(?:[ivxlc]{1,6}|\d{1,2}|[*†‡§])\s+\S")
# Share of the page height at the top and bottom where running heads and
# footers live.
BAND = 0.085


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    italic: bool
    font: str


@dataclass
class Line:
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return Counter(round(w.size, 1) for w in self.words).most_common(1)[0][0]

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)

    @property
    def italic(self) -> bool:
        return all(w.italic for w in self.words)

    @property
    def bbox(self) -> BBox:
        return BBox(self.x0, self.top, self.x1, self.bottom)


@dataclass
class PageTable:
    """A table as found on one page, before stitching across pages."""

    page: int
    bbox: BBox
    rows: list[list[Cell]]
    col_edges: list[float]


@dataclass
class PageResult:
    page: Page
    blocks: list[Block]
    band_lines: list[tuple[str, Line]] = field(default_factory=list)  # ("top"|"bottom", line)
    tables: list[PageTable] = field(default_factory=list)


def read_pdf(path: Path, sha256: str) -> Document:
    doc = Document(source_path=str(path), file_type="pdf", sha256=sha256)
    results: list[PageResult] = []
    try:
        with pdfplumber.open(path) as pdf:
            if not pdf.pages:
                raise UnreadableDocument(path, "PDF has no pages")
            for index, page in enumerate(pdf.pages):
                try:
                    results.append(read_page(page, index + 1))
                finally:
                    page.close()
    except UnreadableDocument:
        raise
    except Exception as exc:
        if reason := pdf_failure_reason(exc):
            raise UnreadableDocument(path, reason) from exc
        raise
    furniture = detect_furniture(results)
    for result in results:
        for band, line in result.band_lines:
            key = (band, normalise_furniture(line.text))
            if key in furniture:
                kind = BlockKind.RUNNING_HEADER if band == "top" else BlockKind.RUNNING_FOOTER
                doc.furniture.append(Block(kind, line.text, result.page.number, line.bbox,
                                           line.size, line.bold, locator=f"p{result.page.number}/{band}"))
                target = result.page.running_header if band == "top" else result.page.running_footer
                target.append(line.text)
            else:
                result.blocks.append(line_block(line, result.page.number))
        result.blocks.sort(key=lambda b: (b.bbox.top if b.bbox else 0, b.bbox.x0 if b.bbox else 0))
    if not any(r.blocks for r in results):
        doc.warnings.append("no text layer: the PDF may be a scan (OCR is not supported)")
    doc.pages = [r.page for r in results]
    doc.blocks = stitch_tables(results)
    for i, block in enumerate(doc.blocks):
        block.locator = block.locator or f"b{i}"
    return doc


def pdf_failure_reason(exc: Exception) -> str | None:
    """A one-line reason when ``exc`` says the file is bad; None for bugs.
    pdfplumber wraps pdfminer's errors, so the cause is looked at too."""
    cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return "PDF is encrypted and needs a password"
    module = type(cause).__module__
    if isinstance(cause, PDFSyntaxError) or module.startswith(("pdfminer", "pdfplumber")) \
            or isinstance(exc, PdfminerException):
        detail = str(cause).strip() or type(cause).__name__
        return f"corrupt or truncated PDF ({detail})"
    return None


def read_page(page, number: int) -> PageResult:
    result = PageResult(Page(number, float(page.width), float(page.height)), [])
    found = page.find_tables()
    table_boxes = [BBox(*t.bbox) for t in found]
    words = page_words(page)
    words = drop_reference_marks(words)
    for table in found:
        result.tables.append(table_to_page_table(table, words, number))
    body_words = [w for w in words if not any(inside(w, box) for box in table_boxes)]
    lines = words_to_lines(body_words)
    segments = lines_to_segments(lines)
    body_size = dominant_size(segments)
    top_band, bottom_band = page.height * BAND, page.height * (1 - BAND)
    kept = []
    for seg in segments:
        if not seg.italic or seg.size <= body_size:
            if seg.bottom <= top_band and seg.size <= body_size + 0.5:
                result.band_lines.append(("top", seg))
                continue
            if seg.top >= bottom_band and seg.size <= body_size + 0.5:
                result.band_lines.append(("bottom", seg))
                continue
        kept.append(seg)
    result.blocks = segments_to_blocks(kept, body_size, number)
    for pt in result.tables:
        result.blocks.append(Block(BlockKind.TABLE, "", number, pt.bbox, table=None,
                                   locator=f"p{number}/t{result.tables.index(pt)}"))
    return result


def page_words(page) -> list[Word]:
    raw = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False,
                             x_tolerance=1.5, y_tolerance=2)
    words = []
    for w in raw:
        font = w["fontname"]
        lowered = font.lower()
        words.append(Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], float(w["size"]),
                          "bold" in lowered or "black" in lowered or "heavy" in lowered,
                          "italic" in lowered or "oblique" in lowered, font))
    return words


def drop_reference_marks(words: list[Word]) -> list[Word]:
    """Remove raised footnote reference marks ("iv", "2") that sit beside
    larger text: left in, they split lines and pollute sentences."""
    kept = []
    for w in words:
        if MARK_RE.match(w.text):
            neighbours = [o for o in words if o is not w and o.size > w.size + 0.3
                          and o.top < w.bottom and w.top < o.bottom and abs(o.x0 - w.x0) < 300]
            if neighbours and any(o.top > w.top + 0.8 for o in neighbours):
                continue
        kept.append(w)
    return kept


def inside(w: Word, box: BBox, slack: float = 1.0) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return box.x0 - slack <= cx <= box.x1 + slack and box.top - slack <= cy <= box.bottom + slack


def words_to_lines(words: list[Word]) -> list[Line]:
    """Group words into visual lines by their vertical middle."""
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        mid = (w.top + w.bottom) / 2
        for line in reversed(lines[-3:]):
            lmid = (line.top + line.bottom) / 2
            if abs(lmid - mid) <= max(2.0, 0.35 * w.size):
                line.words.append(w)
                break
        else:
            lines.append(Line([w]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def lines_to_segments(lines: list[Line]) -> list[Line]:
    """Split a visual line where a wide gap or a change of typeface separates
    two things printed side by side (a pull quote beside a heading)."""
    segments = []
    for line in lines:
        current = [line.words[0]]
        for prev, w in zip(line.words, line.words[1:]):
            gap = w.x0 - prev.x1
            if gap > max(18.0, 3 * w.size) or (gap > 6 and w.italic != prev.italic):
                segments.append(Line(current))
                current = [w]
            else:
                current.append(w)
        segments.append(Line(current))
    return sorted(segments, key=lambda s: (s.top, s.x0))


def dominant_size(lines: list[Line]) -> float:
    counts = Counter()
    for line in lines:
        for w in line.words:
            counts[round(w.size, 1)] += len(w.text)
    return counts.most_common(1)[0][0] if counts else 10.0


def line_block(line: Line, page: int) -> Block:
    return Block(BlockKind.PARAGRAPH, clean_text(line.text), page, line.bbox, line.size, line.bold)


def segments_to_blocks(lines: list[Line], body_size: float, page: int) -> list[Block]:
    """Group lines into blocks: asides (a column in a different typeface),
    headings (larger or bold), list items (bullet glyph), footnotes (smaller,
    starting with a mark), paragraphs."""
    asides = [ln for ln in lines if is_aside(ln, body_size)]
    body = [ln for ln in lines if not is_aside(ln, body_size)]
    return group_lines(body, body_size, page) + group_asides(asides, page)


def is_aside(line: Line, body_size: float) -> bool:
    return line.italic and line.size >= body_size - 0.5


def group_asides(lines: list[Line], page: int) -> list[Block]:
    blocks: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if blocks and abs(blocks[-1][-1].x0 - line.x0) < 20 and line.top - blocks[-1][-1].bottom < line.size * 1.6:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return [make_block(BlockKind.ASIDE, group, page) for group in blocks]


def line_kind(line: Line, body_size: float) -> BlockKind:
    text = line.text
    if BULLET_RE.match(text):
        return BlockKind.LIST_ITEM
    if is_small_print(line, body_size):
        return BlockKind.FOOTNOTE
    if line.size > body_size + 0.6 or (line.bold and len(text) < 120 and not text.endswith((".", ";", ","))):
        return BlockKind.HEADING
    return BlockKind.PARAGRAPH


def is_small_print(line: Line, body_size: float) -> bool:
    """Footnotes: clearly smaller than the body; a marked one ("iv The ...")
    may be only a little smaller."""
    if line.bold:
        return False
    if line.size <= body_size * 0.85:
        return True
    return line.size <= body_size * 0.96 and bool(FOOTNOTE_START_RE.match(line.text))


def group_lines(lines: list[Line], body_size: float, page: int) -> list[Block]:
    groups: list[tuple[BlockKind, list[Line]]] = []
    for line in lines:
        kind = line_kind(line, body_size)
        if groups and continues(groups[-1], line, kind, body_size):
            groups[-1][1].append(line)
        else:
            groups.append((kind, [line]))
    return [make_block(kind, group, page) for kind, group in groups]


def continues(group: tuple[BlockKind, list[Line]], line: Line, kind: BlockKind, body_size: float) -> bool:
    """Does ``line`` carry on the block ``group`` started?"""
    gkind, glines = group
    last = glines[-1]
    gap = line.top - last.bottom
    spacing = max(last.size, line.size)
    if gap > spacing * 0.9 or gap < -spacing:
        return False
    if gkind is BlockKind.HEADING:
        return kind is BlockKind.HEADING and abs(line.size - last.size) < 0.3 and line.bold == last.bold
    if gkind is BlockKind.FOOTNOTE:
        return is_small_print(line, body_size) and not FOOTNOTE_START_RE.match(line.text)
    if kind in (BlockKind.LIST_ITEM, BlockKind.FOOTNOTE):
        return False
    if abs(line.size - last.size) > 0.3:
        return False
    if kind is BlockKind.HEADING and gkind is not BlockKind.HEADING and line.bold != last.bold:
        return False
    # A line printed left of the block's text edge starts a new numbered
    # paragraph ("26 To rise ...", the number hangs in the margin).
    first = glines[0]
    text_edge = min(ln.x0 for ln in glines[1:]) if len(glines) > 1 else first.x0
    if line.x0 < text_edge - 8 and re.match(r"^\d+\s", line.text):
        return False
    return True


def make_block(kind: BlockKind, lines: list[Line], page: int) -> Block:
    bbox = lines[0].bbox
    for ln in lines[1:]:
        bbox = bbox.union(ln.bbox)
    text = join_lines([ln.text for ln in lines])
    level = None
    if kind is BlockKind.LIST_ITEM:
        level = 2 if lines[0].words[0].text in "◦○▫-–" else 1
        text = BULLET_RE.sub("", text)
    sizes = [ln.size for ln in lines]
    return Block(kind, text, page, bbox, statistics.median(sizes), all(ln.bold for ln in lines), level)


def join_lines(lines: list[str]) -> str:
    """Join printed lines into one string, repairing line-end hyphenation."""
    out = ""
    for raw in lines:
        text = raw.strip()
        if not text:
            continue
        if not out:
            out = text
        elif re.search(r"[a-z]-$", out) and re.match(r"^[a-z]", text):
            out = out[:-1] + text
        else:
            out = f"{out} {text}"
    return clean_text(out)


def clean_text(text: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


# ---------------------------------------------------------------- tables

def table_to_page_table(table, words: list[Word], page: int) -> PageTable:
    rows = []
    col_edges: list[float] = []
    for r_index, row in enumerate(table.rows):
        cells = []
        for c_index, cell_box in enumerate(row.cells):
            if cell_box is None:
                cells.append(Cell("", r_index, c_index, page, None))
                continue
            box = BBox(*cell_box)
            cell_words = [w for w in words if inside(w, box, slack=0.5)]
            cells.append(Cell(cell_text(cell_words), r_index, c_index, page, box))
            if r_index == 0:
                col_edges.append(round(box.x0))
        rows.append(cells)
    return PageTable(page, BBox(*table.bbox), rows, col_edges)


def cell_text(words: list[Word]) -> str:
    """Lines of a cell grouped into paragraphs (joined by "\\n"): a bullet
    or a taller gap starts a new paragraph."""
    lines = words_to_lines(words)
    paragraphs: list[list[str]] = []
    prev: Line | None = None
    for line in lines:
        new_para = prev is None or BULLET_RE.match(line.text) or line.top - prev.bottom > prev.size * 0.8
        if new_para:
            paragraphs.append([BULLET_RE.sub("", line.text)])
        else:
            paragraphs[-1].append(line.text)
        prev = line
    return "\n".join(join_lines(p) for p in paragraphs)


def stitch_tables(results: list[PageResult]) -> list[Block]:
    """Turn per-page tables into logical ones: a table that starts a page
    with the same columns as the table that ended the previous page is its
    continuation; the repeated header row is dropped and a row split by the
    break is joined."""
    blocks: list[Block] = []
    open_table: tuple[Block, PageTable] | None = None
    for result in results:
        for block in result.blocks:
            if block.kind is not BlockKind.TABLE:
                blocks.append(block)
                if block.kind not in (BlockKind.ASIDE, BlockKind.FOOTNOTE):
                    open_table = None
                continue
            pt = result.tables[int(block.locator.rsplit("/t", 1)[1])]
            if open_table and is_continuation(open_table[1], pt):
                extend_table(open_table[0], open_table[1], pt)
                open_table = (open_table[0], pt)
                continue
            header = [c.text for c in pt.rows[0]] if pt.rows else []
            body = [Row(cells, pt.page) for cells in pt.rows[1:]]
            table = Table(header=header, rows=body, pages=[pt.page])
            block.table = table
            block.text = "\t".join(header)
            blocks.append(block)
            open_table = (block, pt)
    return blocks


def is_continuation(prev: PageTable, cur: PageTable) -> bool:
    if cur.page != prev.page + 1 or not cur.rows or not prev.rows:
        return False
    if len(cur.rows[0]) != len(prev.rows[0]):
        return False
    return all(abs(a - b) < 4 for a, b in zip(prev.col_edges, cur.col_edges))


def extend_table(block: Block, prev: PageTable, cur: PageTable) -> None:
    table = block.table
    rows = cur.rows
    if [norm_header(c.text) for c in rows[0]] == [norm_header(h) for h in table.header]:
        rows = rows[1:]
    if rows and table.rows and is_split_row(rows[0], table.rows):
        for cell, extra in zip(table.rows[-1].cells, rows[0]):
            if extra.text:
                cell.text = join_split_cell(cell.text, extra.text)
        rows = rows[1:]
    offset = len(table.rows) + 1
    for i, cells in enumerate(rows):
        for cell in cells:
            cell.row = offset + i
        table.rows.append(Row(cells, cur.page))
    table.pages.append(cur.page)


def norm_header(text: str) -> str:
    return re.sub(r"\W+", "", text.lower().replace("’", "'"))


ENUMERATOR_RE = re.compile(rf"^(?:{ENUMERATOR})\s")


def is_split_row(cells: list[Cell], earlier: list[Row]) -> bool:
    """A row continued from the previous page: every filled cell starts in
    lower case, as a sentence cut at the break does; or the table numbers
    its rows ("i)", "2.") and this row carries no number."""
    filled = [c.text for c in cells if c.text.strip()]
    if not filled:
        return False
    if all(re.match(r"^[a-z]", t) for t in filled):
        return True
    numbered = [bool(ENUMERATOR_RE.match(r.cells[0].text)) for r in earlier if r.cells and r.cells[0].text]
    return (sum(numbered) >= 1 and numbered[-1]
            and not ENUMERATOR_RE.match(cells[0].text) and not cells[0].text[:1].isdigit())


def join_split_cell(before: str, after: str) -> str:
    """The continuation's first paragraph finishes the cut one; any further
    paragraphs stay paragraphs."""
    if not before:
        return after
    first, *rest = after.split("\n")
    return "\n".join([join_lines([before, first]), *rest])


def detect_furniture(results: list[PageResult]) -> set[tuple[str, str]]:
    """Running heads and footers: band lines whose text (digits folded)
    recurs on at least two pages near the same height."""
    seen: dict[tuple[str, str], list[float]] = defaultdict(list)
    for result in results:
        for band, line in result.band_lines:
            seen[(band, normalise_furniture(line.text))].append(line.top)
    furniture = set()
    for key, tops in seen.items():
        if len(tops) >= 2 and max(tops) - min(tops) < 6:
            furniture.add(key)
        elif re.fullmatch(r"(page\s*)?#+(\s*of\s*#+)?", key[1]):
            furniture.add(key)
    # A running head that changes with the section sits in the same slot as
    # the recurring ones: on a section's first page it is printed only once.
    slots = Counter((band, round(top)) for (band, _), tops in seen.items() if (band, _) in furniture
                    for top in tops)
    busy_slots = {slot for slot, n in slots.items() if n >= 3}
    for result in results:
        for band, line in result.band_lines:
            if (band, round(line.top)) in busy_slots:
                furniture.add((band, normalise_furniture(line.text)))
    return furniture


def normalise_furniture(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())
