"""The debugging view of a ``Document``: what every later stage sees."""
from __future__ import annotations

import dataclasses
from collections import Counter
from itertools import groupby

from pathlib import Path

from acplans.extract.formats import DEFAULT_OPTIONS, ReadOptions
from acplans.extract.model import COORD_ORIGIN, COORD_UNIT, Block, BlockKind, Document
from acplans.extract.reader import read_document, sniff_format


def document_to_dict(doc: Document) -> dict:
    """The whole model as plain data, for `acplans inspect --json`."""
    data = dataclasses.asdict(doc)
    data["coordinates"] = {"origin": COORD_ORIGIN, "unit": COORD_UNIT}
    return data


def page_tables_to_dict(path: str, options: ReadOptions = DEFAULT_OPTIONS) -> dict:
    """Tables as found on each page, before stitching, for `acplans inspect
    --tables-json` (the table benchmark's contract). Formats without pages
    give their tables whole, header first."""
    if sniff_format(Path(path)) == "pdf":
        from acplans.extract.pdf.reader import read_page_tables  # the PDF layer only when a PDF is read
        tables = [{"page": t.page, "rows": [[c.text for c in row] for row in t.rows]}
                  for t in read_page_tables(Path(path), options)]
    else:
        tables = [{"page": b.table.pages[0] if b.table.pages else None,
                   "rows": [b.table.header] + [r.texts for r in b.table.rows]}
                  for b in read_document(path, options).tables() if b.table is not None]
    return {"tables": tables}


def summarise(doc: Document, *, width: int = 100) -> str:
    """Per page: blocks by kind, each table's shape and header, and what was
    recognised as running header or footer."""
    out = [f"{doc.source_path}: {doc.file_type}, {doc.page_count or 'no'} pages, "
           f"{len(doc.blocks)} blocks, {len(doc.tables())} tables"]
    out += [f"  warning: {w}" for w in doc.warnings]
    out += [f"  unreadable text: {doc.unreadable_text}"] if doc.unreadable_text else []
    out += [f"  review: {r}" for r in doc.review_reasons]
    if ocr_pages := [p for p in doc.pages if p.ocr]:
        numbers = ", ".join(str(p.number) for p in ocr_pages)
        confidences = [p.ocr_confidence for p in ocr_pages if p.ocr_confidence is not None]
        mean = f", mean confidence {sum(confidences) / len(confidences):.0f}%" if confidences else ""
        out.append(f"  read by OCR: pages {numbers}{mean}")
    furniture = Counter((b.kind.value, b.text) for b in doc.furniture)
    for (kind, text), n in sorted(furniture.items(), key=lambda kv: -kv[1])[:8]:
        out.append(f"  {kind} x{n}: {clip(text, width)}")
    for page, blocks in groupby(doc.blocks, key=lambda b: b.page):
        blocks = list(blocks)
        kinds = Counter(b.kind.value for b in blocks)
        label = f"page {page}" if page is not None else "body"
        out.append(f"-- {label}: " + ", ".join(f"{n} {k}" for k, n in kinds.items()))
        out += [describe(b, width) for b in blocks]
    return "\n".join(out)


def describe(block: Block, width: int) -> str:
    if block.kind is BlockKind.TABLE and block.table is not None:
        t = block.table
        pages = f" pages {t.pages[0]}-{t.pages[-1]}" if len(t.pages) > 1 else ""
        head = " | ".join(clip(h, 24) for h in t.header)
        return f"   table {len(t.rows)}x{t.n_cols}{pages}: [{head}]"
    tag = block.kind.value + (f"{block.level}" if block.level and block.kind is BlockKind.HEADING else "")
    return f"   {tag:<10} {clip(block.text, width)}"


def clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
