"""Bounds on what a PDF may cost before and while an engine reads it.

Engines trust the file: pdfminer inflates a 1 GiB Flate bomb into memory and
lays out a page of 200,000 glyphs in minutes. So, whatever the engine:

* ``check_pdf_file`` reads the raw bytes once before any engine does: a file
  over ``MAX_PDF_BYTES`` is refused, and every compressed stream is inflated
  as a stream, in chunks, and the file refused as a bomb as soon as one
  stream passes ``MAX_STREAM_INFLATED`` or all together ``MAX_TOTAL_INFLATED``;
  nothing is kept, so this costs time in proportion to the real content only.
* ``BoundedSource`` wraps an engine's ``PageSource``: more than ``MAX_PAGES``
  pages is refused, and a page with more words or rules than any printed page
  holds is cut to the bound, so layout analysis does bounded work, and the
  cut is recorded in ``doubts`` for review, as is a page whose text runs
  mostly sideways.
"""
from __future__ import annotations

import mmap
import zlib
from dataclasses import replace
from pathlib import Path

from ..model import UnreadableDocument
from .geometry import PageContent, PageSource

MAX_PDF_BYTES = 512 * 1024 * 1024
MAX_STREAM_INFLATED = 256 * 1024 * 1024
MAX_TOTAL_INFLATED = 1024 * 1024 * 1024
MAX_PAGES = 3000
# A dense A4 page in small print holds ~3,000 words and a ruled table a few
# hundred rules; tenfold is no document's page.
MAX_WORDS_PER_PAGE = 30_000
MAX_RULES_PER_PAGE = 5_000

_CHUNK = 1 << 20
_FIRST_CHUNK = 1 << 14


def check_pdf_file(path: Path) -> None:
    """Refuse a PDF too large, or whose streams inflate past the limits."""
    size = path.stat().st_size
    if not size:
        return  # nothing to inflate; the engine names what is wrong
    if size > MAX_PDF_BYTES:
        raise UnreadableDocument(path, f"PDF is {size >> 20} MiB, over the {MAX_PDF_BYTES >> 20} MiB limit")
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        total = 0
        for start in _stream_starts(data):
            inflated = _inflated_size(data, start, MAX_STREAM_INFLATED + 1)
            total += inflated
            if inflated > MAX_STREAM_INFLATED or total > MAX_TOTAL_INFLATED:
                limit = MAX_STREAM_INFLATED if inflated > MAX_STREAM_INFLATED else MAX_TOTAL_INFLATED
                raise UnreadableDocument(
                    path, f"PDF streams inflate to over {limit >> 20} MiB (decompression bomb); not read")


def _stream_starts(data: mmap.mmap):
    """Offsets where stream data begins: after ``stream`` and its line end."""
    at = data.find(b"stream")
    while at != -1:
        if data[max(at - 3, 0):at] != b"end":
            start = at + len(b"stream")
            if data[start:start + 2] == b"\r\n":
                yield start + 2
            elif data[start:start + 1] in (b"\n", b"\r"):
                yield start + 1
        at = data.find(b"stream", at + 6)


def _inflated_size(data: mmap.mmap, start: int, limit: int) -> int:
    """Bytes the zlib stream at ``start`` inflates to, counted up to ``limit``;
    0 when the data there is not zlib (an image, another filter)."""
    inflater = zlib.decompressobj()
    size = 0
    at = start
    # Most streams are a few KiB: feed a small first chunk and grow it, so a
    # page's content stream does not cost a MiB of copying.
    chunk = _FIRST_CHUNK
    try:
        while size < limit and not inflater.eof and at < len(data):
            pending = data[at:at + chunk]
            at += len(pending)
            chunk = min(chunk * 4, _CHUNK)
            while pending and size < limit and not inflater.eof:
                size += len(inflater.decompress(pending, _CHUNK))
                pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # not zlib, or damaged: the engine will say so if it matters
    return size


class BoundedSource:
    """A ``PageSource`` whose pages cost bounded layout work; see the module docstring."""

    def __init__(self, source: PageSource, path: Path):
        self._source = source
        self.doubts: list[str] = []
        pages = len(source)
        if pages > MAX_PAGES:
            source.close()
            raise UnreadableDocument(path, f"PDF has {pages} pages, over the {MAX_PAGES} page limit")

    def __len__(self) -> int:
        return len(self._source)

    def page(self, index: int) -> PageContent:
        content = self._source.page(index)
        cuts = []
        if len(content.words) > MAX_WORDS_PER_PAGE:
            cuts.append(f"{len(content.words)} words, only the first {MAX_WORDS_PER_PAGE} read")
            content = replace(content, words=content.words[:MAX_WORDS_PER_PAGE])
        rules = len(content.segments) + len(content.rects)
        if rules > MAX_RULES_PER_PAGE:
            cuts.append(f"{rules} rules and boxes, ignored (tables on it are read as text)")
            content = replace(content, segments=[], rects=[])
        sideways = sum(1 for w in content.words if not w.upright)
        if sideways > len(content.words) / 2:
            self.doubts.append(f"page {content.number}: most text runs sideways (rotation {content.rotation})")
        if cuts:
            self.doubts.append(f"page {content.number} holds more than any printed page: {'; '.join(cuts)}")
        return content

    def close(self) -> None:
        self._source.close()
