"""The document model every reader backend produces and every extractor reads.

One picture of a document whatever file it came in: pages, and blocks in
reading order, each with provenance. Tables are blocks whose ``table`` holds
rows of cells; a table that runs over a page break is one ``Table``.

Coordinates: PDF bounding boxes are in PDF points with the origin at the
top-left corner of the page (``COORD_ORIGIN``), x growing right and y growing
down, whichever PDF engine read them. DOCX and text have no geometry: their items
carry ``bbox=None`` and a ``locator`` naming the paragraph/table/row/cell;
formats addressed by sheet and cell use the spreadsheet's own ``Sheet!A1``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

COORD_ORIGIN = "top-left"
COORD_UNIT = "pt"


class UnreadableDocument(Exception):
    """A file that cannot be read as a document: bad input, not a bug."""

    def __init__(self, path: str | Path, reason: str, log_path: str | None = None):
        reason = " ".join(reason.split())  # libraries' messages can span lines; a reason never does
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason
        # Where the traceback of a reader's own failure was written, if one was.
        self.log_path = log_path


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"
    FOOTNOTE = "footnote"
    ASIDE = "aside"  # pull quotes and side boxes floating beside the body
    RUNNING_HEADER = "running_header"  # page furniture, kept out of the body
    RUNNING_FOOTER = "running_footer"


@dataclass(frozen=True)
class BBox:
    """A box in points, origin top-left of its page (see ``COORD_ORIGIN``)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def union(self, other: BBox) -> BBox:
        return BBox(min(self.x0, other.x0), min(self.top, other.top),
                    max(self.x1, other.x1), max(self.bottom, other.bottom))


@dataclass
class Cell:
    """One table cell. ``text`` keeps paragraph breaks as ``\\n``; an empty
    cell is ``""`` and keeps its column position. ``fill`` is the cell's
    background colour as ``#RRGGBB`` where the format records one
    (spreadsheets colour status cells red/amber/green), else ``None``."""

    text: str
    row: int
    col: int
    page: int | None = None
    bbox: BBox | None = None
    locator: str = ""
    fill: str | None = None

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n") if p.strip()]


@dataclass
class Row:
    cells: list[Cell]
    page: int | None = None

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def is_empty(self) -> bool:
        return not any(c.text.strip() for c in self.cells)


@dataclass
class Table:
    """A table in its logical form: one header row (``header``, cell texts)
    and the body ``rows``. A table over several pages lists them in ``pages``;
    the header repeated on a continuation page is not a body row."""

    header: list[str]
    rows: list[Row]
    pages: list[int] = field(default_factory=list)

    @property
    def n_cols(self) -> int:
        return max([len(self.header)] + [len(r.cells) for r in self.rows])


@dataclass
class Block:
    kind: BlockKind
    text: str
    page: int | None = None
    bbox: BBox | None = None
    font_size: float | None = None
    bold: bool = False
    level: int | None = None  # heading level (1 = top) or list nesting level
    locator: str = ""
    table: Table | None = None
    confidence: float | None = None  # mean OCR word confidence (0-100); None when read from a text layer


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    running_header: list[str] = field(default_factory=list)
    running_footer: list[str] = field(default_factory=list)
    ocr: bool = False  # read by OCR from the page image
    ocr_confidence: float | None = None  # mean word confidence (0-100) when ``ocr``
    # "ok", "none" (draws no text: a scan) or "unreadable" (draws text that
    # does not decode); pages not "ok" are the ones OCR has to read.
    text_layer: str = "ok"

    @property
    def orientation(self) -> str:
        return "landscape" if self.width > self.height else "portrait"


@dataclass
class Document:
    source_path: str
    file_type: str  # an InputFormat value (extract.formats)
    sha256: str
    pages: list[Page] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    # Running headers, footers and page numbers: recognised, kept apart from
    # ``blocks`` so no paragraph ever has them glued in.
    furniture: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Why the text as a whole cannot be trusted (``extract.quality``): the
    # document was read but holds no readable text. None when it reads.
    unreadable_text: str | None = None
    # Doubts about parts of the text (a page that does not decode) for a person to check.
    review_reasons: list[str] = field(default_factory=list)

    @property
    def source_name(self) -> str:
        return Path(self.source_path).name

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def tables(self) -> list[Block]:
        return [b for b in self.blocks if b.kind is BlockKind.TABLE]

    def blocks_on(self, first_page: int, last_page: int) -> list[Block]:
        return [b for b in self.blocks
                if b.page is None or first_page <= b.page <= last_page]
