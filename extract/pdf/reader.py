"""PDF backend: a ``PageSource`` engine's pages -> the shared ``Document``.

    source.page -> read_page (tables, column layout, running text in
    reading order, band lines, per page)
    -> detect_furniture (across pages) -> stitch_tables (across pages)

Each page is read once and freed straight after, so memory stays flat on
long files; only the small text results are kept. Page ranges can be read
apart (``PdfPages.read``, in other processes) and assembled into the same
``Document`` as one read (``assemble_pdf``). Bounding boxes are in points
with the origin at the top-left of the page (``model.COORD_ORIGIN``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..formats import DEFAULT_OPTIONS, PdfEngine, ReadOptions
from ..model import Block, BlockKind, Document, Page, UnreadableDocument
from .blocks import (dominant_size, drop_reference_marks, is_aside, line_block, mean_confidence, lines_to_segments,
                     segments_to_blocks)
from .columns import PageLayout, find_layout, order_blocks, place_floating
from .furniture import BandLine, detect_furniture, normalise_furniture
from .geometry import PageContent, PageSource, Word
from .guards import BoundedSource, check_pdf_file
from .lines import Line, words_to_lines
from .ocr_source import OcrFallback
from .settings import DEFAULT_SETTINGS, LayoutSettings
from .stitch import stitch_tables
from .tables import PageTable, find_tables, find_tables_on, upright_lines, words_outside


@dataclass
class PageResult:
    page: Page
    blocks: list[Block]
    band_lines: list[BandLine] = field(default_factory=list)
    # By the table block's locator, which survives pickling as ``id()`` would not.
    tables: dict[str, PageTable] = field(default_factory=dict)
    layout: PageLayout = field(default_factory=PageLayout)


@dataclass
class PageRange:
    """What pages ``start`` to ``stop - 1`` (0-based) hold before the
    document-wide stages: small and picklable, so page ranges of one file can
    be read in separate processes and assembled in another."""

    start: int
    stop: int
    results: list[PageResult]
    scanned: list[int]  # pages with no text layer and images only, left unread
    doubts: list[str]  # the guard's, for review


def open_source(path: Path, options: ReadOptions = DEFAULT_OPTIONS) -> PageSource:
    """pdfium by default: it reads fonts pdfminer silently drops and is
    several times faster; pdfplumber stays for comparison. Either way a page
    whose text layer fails is re-read by OCR as ``options.ocr`` says."""
    if options.pdf_engine is PdfEngine.PDFIUM:
        from .pdfium_source import PdfiumSource
        source: PageSource = PdfiumSource(path)
    else:
        from .plumber_source import PdfplumberSource
        source = PdfplumberSource(path)
    return OcrFallback(source, path, options.ocr)


class PdfPages:
    """An open PDF read a page range at a time. Call ``check_pdf_file``
    first, once per file: opening hands the file to the engine."""

    def __init__(self, path: Path, options: ReadOptions = DEFAULT_OPTIONS,
                 settings: LayoutSettings = DEFAULT_SETTINGS):
        self.settings = settings
        self.source = BoundedSource(open_source(path, options), path)
        if not len(self.source):
            self.source.close()
            raise UnreadableDocument(path, "PDF has no pages")

    def __len__(self) -> int:
        return len(self.source)

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, *exc) -> None:
        self.source.close()

    def read(self, start: int, stop: int) -> PageRange:
        doubts_before = len(self.source.doubts)
        part = PageRange(start, stop, [], [], [])
        for i in range(start, stop):
            content = self.source.page(i)
            result = read_page(content, self.settings)
            result.page.text_layer = content.text_layer.verdict
            if result.page.text_layer == "none" and content.images and not content.ocr:
                part.scanned.append(result.page.number)
            part.results.append(result)
        part.doubts = self.source.doubts[doubts_before:]
        return part


def read_pdf(path: Path, sha256: str, options: ReadOptions = DEFAULT_OPTIONS,
             settings: LayoutSettings = DEFAULT_SETTINGS) -> Document:
    check_pdf_file(path)
    with PdfPages(path, options, settings) as pages:
        whole = pages.read(0, len(pages))
    return assemble_pdf(path, sha256, [whole])


def assemble_pdf(path: Path, sha256: str, parts: list[PageRange]) -> Document:
    """The document from all its page ranges, in page order: whether they
    were read in one go or apart, the same ``Document``."""
    parts = sorted(parts, key=lambda part: part.start)
    results = [r for part in parts for r in part.results]
    doc = assemble_document(path, sha256, results)
    doc.warnings += text_layer_warnings(results, [n for part in parts for n in part.scanned])
    doc.review_reasons += [doubt for part in parts for doubt in part.doubts]
    return doc


def text_layer_warnings(results: list[PageResult], scanned: list[int]) -> list[str]:
    """Name the pages whose text cannot be trusted, so none passes silently."""
    warnings = []
    unreadable = [r.page.number for r in results if r.page.text_layer == "unreadable" and not r.page.ocr]
    if unreadable:
        warnings.append(f"text layer unreadable on {page_list(unreadable)} (glyphs without a Unicode "
                        "mapping): their text is missing or garbled and needs OCR")
    if scanned and len(scanned) < len(results):
        warnings.append(f"no text layer on {page_list(scanned)} (images only, probably scanned): needs OCR")
    return warnings


def page_list(numbers: list[int]) -> str:
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(map(str, numbers))


def read_page_tables(path: Path, options: ReadOptions = DEFAULT_OPTIONS,
                     settings: LayoutSettings = DEFAULT_SETTINGS) -> list[PageTable]:
    """Every table as found on its page, before stitching: what the table
    benchmark scores and ``inspect --tables-json`` prints."""
    source = open_source(path, options)
    try:
        return [table for i in range(len(source))
                for table in page_tables(source.page(i), settings)]
    finally:
        source.close()


def assemble_document(path: Path, sha256: str, results: list[PageResult]) -> Document:
    doc = Document(source_path=str(path), file_type="pdf", sha256=sha256)
    furniture = detect_furniture(r.band_lines for r in results)
    for result in results:
        strays = []
        for band, line in result.band_lines:
            if (band, normalise_furniture(line.text)) in furniture:
                kind = BlockKind.RUNNING_HEADER if band == "top" else BlockKind.RUNNING_FOOTER
                doc.furniture.append(Block(kind, line.text, result.page.number, line.bbox,
                                           line.size, line.bold, locator=f"p{result.page.number}/{band}"))
                target = result.page.running_header if band == "top" else result.page.running_footer
                target.append(line.text)
            else:
                strays.append(line_block(line, result.page.number))
        result.blocks = place_floating(result.blocks, strays, in_column=True)
    if not any(r.blocks for r in results):
        doc.warnings.append("no text found, not even by OCR: the pages may be blank or pictures")
    doc.pages = [r.page for r in results]
    doc.blocks = stitch_tables((r.blocks, {id(b): r.tables[b.locator] for b in r.blocks if b.kind is BlockKind.TABLE})
                               for r in results)
    for i, block in enumerate(doc.blocks):
        block.locator = block.locator or f"b{i}"
    return doc


def page_tables(content: PageContent, settings: LayoutSettings = DEFAULT_SETTINGS) -> list[PageTable]:
    return find_tables(content, drop_reference_marks(content.words), settings.tables)


def read_page(content: PageContent, settings: LayoutSettings = DEFAULT_SETTINGS) -> PageResult:
    number = content.number
    result = PageResult(Page(number, content.width, content.height, ocr=content.ocr,
                             ocr_confidence=mean_confidence(content.words) if content.ocr else None), [])
    words = drop_reference_marks(content.words)
    lines = upright_lines(words)
    tables = find_tables_on(content, words, lines, settings.tables)
    body_words = words_outside(words, [t.bbox for t in tables], settings.table_slack)
    segments = lines_to_segments(body_lines(words, body_words, lines))
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
    text_words = [w for seg in kept if not is_aside(seg, body_size) for w in seg.words]
    result.layout = find_layout(text_words, [t.bbox for t in tables], content.segments, content.rects, settings)
    body, asides = segments_to_blocks(kept, body_size, number, result.layout)
    for index, table in enumerate(tables):
        block = Block(BlockKind.TABLE, "", number, table.bbox, locator=f"p{number}/t{index}")
        result.tables[block.locator] = table
        body.append(block)
    result.blocks = place_floating(order_blocks(body, result.layout), asides)
    return result


def body_lines(words: list[Word], body_words: list[Word], upright: list[Line]) -> list[Line]:
    """The running text's lines. When no table took words and no word is
    turned, the body is the very list the table finders grouped (in the
    same order): their ``upright`` lines are its lines."""
    if body_words is words and sum(len(line.words) for line in upright) == len(words):
        return upright
    return words_to_lines(body_words)
