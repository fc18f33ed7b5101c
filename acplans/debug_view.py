"""A picture of one PDF page with what layout analysis made of it drawn on
top (pdfplumber's ``debug_tablefinder`` idea), for `acplans inspect FILE
--page N --png OUT.png`: words, ruling segments and rectangles, column
gutters, table cells, and every block boxed and labelled with its reading
order and kind."""
from __future__ import annotations

from pathlib import Path

import pypdfium2
from PIL import Image, ImageDraw, ImageFont

from acplans.extract.model import Block, BlockKind, Document, UnreadableDocument
from acplans.extract.pdf.geometry import PageContent
from acplans.extract.formats import DEFAULT_OPTIONS, ReadOptions
from acplans.extract.pdf.reader import PageResult, open_source, read_page

SCALE = 2.0  # pixels per point

# RGBA; translucent fills so the page stays readable underneath.
WORD = (70, 130, 220, 150)
SEGMENT = (220, 30, 30, 255)
RECT = (240, 140, 0, 200)
CELL = (0, 160, 60, 255)
GUTTER = (200, 0, 200, 60)
KIND_COLOURS = {
    BlockKind.HEADING: (180, 0, 120, 255),
    BlockKind.PARAGRAPH: (0, 90, 200, 255),
    BlockKind.LIST_ITEM: (0, 140, 140, 255),
    BlockKind.TABLE: (0, 150, 50, 255),
    BlockKind.FOOTNOTE: (130, 90, 0, 255),
    BlockKind.ASIDE: (120, 60, 200, 255),
    BlockKind.RUNNING_HEADER: (120, 120, 120, 255),
    BlockKind.RUNNING_FOOTER: (120, 120, 120, 255),
}
FURNITURE = (BlockKind.RUNNING_HEADER, BlockKind.RUNNING_FOOTER)


def write_page_png(doc: Document, page_number: int, out: str | Path, scale: float = SCALE,
                   options: ReadOptions = DEFAULT_OPTIONS) -> None:
    """Draw page ``page_number`` (1-based) of the PDF ``doc`` was read from
    with ``options``, as the reader saw it."""
    path = Path(doc.source_path)
    if doc.file_type != "pdf":
        raise UnreadableDocument(path, f"--png draws PDF pages; this is a {doc.file_type} file")
    if not 1 <= page_number <= len(doc.pages):
        raise UnreadableDocument(path, f"no page {page_number}: the PDF has {len(doc.pages)} pages")
    source = open_source(path, options)
    try:
        content = source.page(page_number - 1)
    finally:
        source.close()
    picture = render(path, page_number, scale)
    overlay = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    draw_analysis(ImageDraw.Draw(overlay), content, read_page(content), page_blocks(doc, page_number), scale)
    try:
        Image.alpha_composite(picture, overlay).convert("RGB").save(out, format="PNG")
    except OSError as exc:
        raise UnreadableDocument(out, f"cannot write the picture ({exc.strerror or exc})") from exc


def render(path: Path, page_number: int, scale: float) -> Image.Image:
    pdf = pypdfium2.PdfDocument(path)
    try:
        return pdf[page_number - 1].render(scale=scale).to_pil().convert("RGBA")
    finally:
        pdf.close()


def page_blocks(doc: Document, page_number: int) -> list[Block]:
    """The page's body blocks in reading order, then its running heads and
    footers."""
    return [b for b in doc.blocks + doc.furniture if b.page == page_number and b.bbox]


def draw_analysis(draw: ImageDraw.ImageDraw, content: PageContent, analysis: PageResult,
                  blocks: list[Block], scale: float) -> None:
    def box(b) -> list[float]:
        return [b.x0 * scale, b.top * scale, b.x1 * scale, b.bottom * scale]

    for gutter in analysis.layout.gutters:
        draw.rectangle(box(gutter), fill=GUTTER)
    for word in content.words:
        draw.rectangle(box(word), outline=WORD, width=1)
    for rect in content.rects:
        draw.rectangle(box(rect), outline=RECT, width=1)
    for seg in content.segments:
        draw.line(box(seg), fill=SEGMENT, width=max(1, round(scale)))
    for table in analysis.tables.values():
        for row in table.rows:
            for cell in row:
                if cell.bbox:
                    draw.rectangle(box(cell.bbox), outline=CELL, width=max(1, round(scale)))
    font = ImageFont.load_default(size=max(8, round(6 * scale)))
    for index, block in enumerate(blocks):
        colour = KIND_COLOURS[block.kind]
        draw.rectangle(box(block.bbox), outline=colour, width=max(1, round(scale)))
        label = block.kind.value if block.kind in FURNITURE else f"{index} {block.kind.value}"
        left, top = block.bbox.x0 * scale, block.bbox.top * scale
        text_box = draw.textbbox((left, top), label, font=font, anchor="lb")
        draw.rectangle(text_box, fill=colour)
        draw.text((left, top), label, font=font, fill=(255, 255, 255, 255), anchor="lb")

