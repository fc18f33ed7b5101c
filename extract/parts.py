"""The blocks one part of a file holds, as every extractor reads them."""
from __future__ import annotations

import re
from collections import Counter

from .model import Block, BlockKind, Document
from .records import DocumentPart, Source

# Blocks that are not the body's text: notes, asides and running furniture.
SKIPPED_KINDS = (BlockKind.FOOTNOTE, BlockKind.ASIDE,
                 BlockKind.RUNNING_HEADER, BlockKind.RUNNING_FOOTER)


def part_blocks(doc: Document, part: DocumentPart) -> list[Block]:
    """The part's block range (``last_block`` -1: to the end of the file),
    kept to its pages when it has any."""
    last = part.last_block if part.last_block >= 0 else len(doc.blocks) - 1
    blocks = doc.blocks[part.first_block:last + 1]
    if part.page_start is not None or part.page_end is not None:
        lo, hi = part.page_start or 1, part.page_end or 10 ** 6
        blocks = [b for b in blocks if b.page is None or lo <= b.page <= hi]
    return blocks


def without_running_lines(blocks: list[Block]) -> list[Block]:
    """Blocks without furniture the reader left in the body (text
    conversions keep running heads as lines of their own)."""
    repeated = repeated_lines(blocks)
    return [b for b in blocks if _furniture_key(b) not in repeated]


def repeated_lines(blocks: list[Block]) -> set[str]:
    """Short unpunctuated lines printed three times or more, page numbers
    aside, are running heads. Sentences recur too ("The expected benefits
    of this recommendation are:") but end in punctuation."""
    counts = Counter(_furniture_key(b) for b in blocks
                     if b.kind is BlockKind.PARAGRAPH and len(b.text.split()) <= 12
                     and not re.search(r"[.:;?!]$", b.text.strip()))
    return {key for key, n in counts.items() if n >= 3 and key}


def _furniture_key(block: Block) -> str:
    return re.sub(r"\d+", "#", collapse(block.text)).lower() if block.kind is BlockKind.PARAGRAPH else ""


def in_part(block: Block, part: DocumentPart) -> bool:
    if part.page_start is None or block.page is None:
        return True
    return part.page_start <= block.page <= (part.page_end or block.page)


def collapse(text: str) -> str:
    return " ".join(text.split())


# re.IGNORECASE also matches dotted and dotless i to "i" and long s to "s",
# where str.lower() does not; mapped first, folded text holds a lower-case
# word wherever a case-blind search finds it (checked over every code point).
_IGNORECASE_EXTRAS = {"İ": "i", "ı": "i", "ſ": "s"}


def fold_case(text: str) -> str:
    """Text to search with lower-case patterns and no re.IGNORECASE, which
    keeps the regex engine's fast skip to a pattern's first word."""
    # replace() rather than translate(), which is slow on non-ASCII text.
    for letter, folded in _IGNORECASE_EXTRAS.items():
        text = text.replace(letter, folded)
    return text.lower()


def source_of(path: str, block: Block) -> Source:
    return Source(path, block.page, block.locator)
