"""PDF backend: a ``PageSource`` engine's pages -> the shared ``Document``.

    source.page -> read_page (tables, running text, band lines, per page)
    -> detect_furniture (across pages) -> stitch_tables (across pages)

Each page is read once and freed straight after, so memory stays flat on
long files; only the small text results are kept. Bounding boxes are in
points with the origin at the top-left of the page (``model.COORD_ORIGIN``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import Block, BlockKind, Document, Page, UnreadableDocument
from .blocks import dominant_size, drop_reference_marks, line_block, lines_to_segments, segments_to_blocks
from .furniture import BandLine, detect_furniture, normalise_furniture
from .geometry import PageContent, PageSource
from .lines import words_to_lines
from .settings import DEFAULT_SETTINGS, LayoutSettings
from .stitch import stitch_tables
from .tables import PageTable, centre_in, find_tables


@dataclass
class PageResult:
    page: Page
    blocks: list[Block]
    band_lines: list[BandLine] = field(default_factory=list)
    tables: dict[int, PageTable] = field(default_factory=dict)  # by id() of the table's block


def open_source(path: Path) -> PageSource:
    from .plumber_source import PdfplumberSource
    return PdfplumberSource(path)


def read_pdf(path: Path, sha256: str, settings: LayoutSettings = DEFAULT_SETTINGS) -> Document:
    source = open_source(path)
    try:
        if not len(source):
            raise UnreadableDocument(path, "PDF has no pages")
        results = [read_page(source.page(i), settings) for i in range(len(source))]
    finally:
        source.close()
    return assemble_document(path, sha256, results)


def read_page_tables(path: Path, settings: LayoutSettings = DEFAULT_SETTINGS) -> list[PageTable]:
    """Every table as found on its page, before stitching: what the table
    benchmark scores and ``inspect --tables-json`` prints."""
    source = open_source(path)
    try:
        return [table for i in range(len(source))
                for table in page_tables(source.page(i), settings)]
    finally:
        source.close()


def assemble_document(path: Path, sha256: str, results: list[PageResult]) -> Document:
    doc = Document(source_path=str(path), file_type="pdf", sha256=sha256)
    furniture = detect_furniture(r.band_lines for r in results)
    for result in results:
        for band, line in result.band_lines:
            if (band, normalise_furniture(line.text)) in furniture:
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
    doc.blocks = stitch_tables((r.blocks, r.tables) for r in results)
    for i, block in enumerate(doc.blocks):
        block.locator = block.locator or f"b{i}"
    return doc


def page_tables(content: PageContent, settings: LayoutSettings = DEFAULT_SETTINGS) -> list[PageTable]:
    return find_tables(content, drop_reference_marks(content.words), settings.tables)


def read_page(content: PageContent, settings: LayoutSettings = DEFAULT_SETTINGS) -> PageResult:
    number = content.number
    result = PageResult(Page(number, content.width, content.height), [])
    words = drop_reference_marks(content.words)
    tables = find_tables(content, words, settings.tables)
    body_words = [w for w in words if not any(centre_in(w, t.bbox, settings.table_slack) for t in tables)]
    segments = lines_to_segments(words_to_lines(body_words))
    body_size = dominant_size(segments)
    top_band = content.height * settings.furniture_band
    bottom_band = content.height * (1 - settings.furniture_band)
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
    for index, table in enumerate(tables):
        block = Block(BlockKind.TABLE, "", number, table.bbox, locator=f"p{number}/t{index}")
        result.tables[id(block)] = table
        result.blocks.append(block)
    return result
