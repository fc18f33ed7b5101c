"""Long PDFs shared out in page ranges, so one file does not hold a single
core while the others idle.

A file's first task reads it as usual, except that a PDF is opened and its
first page read before deciding: when the file is long enough, the task
comes back as a ``Split`` (that page's results and the ranges left) instead
of a document. The ranges are queued ahead of other files, so a split file
finishes, and frees what it holds, before new files start; when they are all
back, one last task assembles the document (running heads, tables across
page breaks, warnings) and extracts and normalises it. That task runs in a
worker, not here, so extraction keeps the per-file time and memory limits
(a pathological document must not hang or swell the process that holds the
batch) and this process stays free to hand out work.

How big a range is comes from the first page: an OCR'd page costs about two
hundred times a text page (``ChunkSettings``). Judging a whole file by its
first page is the cheap pre-check: it costs nothing, as that page has to be
read anyway, where a page-by-page test would open every page once more. A
scan behind a text cover sheet is thus read in text-sized ranges, which is
slower but as right.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from acplans.batch import Failed
from acplans.extract.formats import InputFormat, ReadOptions
from acplans.extract.model import Document
from acplans.extract.reader import file_sha256, finish_document, read_document, reader_failures, sniff_format

# The PDF package loads pdfplumber: a run without PDFs never imports it, so
# it is imported where a PDF is read.
if TYPE_CHECKING:
    from acplans.extract.pdf.reader import PageRange


@dataclass(frozen=True)
class ChunkSettings:
    """Pages per task. A text page reads in about 11 ms with pdfium (the
    520-page bench file in 5.6 s) and its results pickle to about 6 KB, so
    40 pages make a task of about half a second whose hand-offs cost a few
    per cent. An OCR'd page takes about 2 s, and a worker loads the OCR
    model (0.1 s) once per range, so two pages a task already amortise it
    while sharing a ten-page scan among five workers."""

    text_pages: int = 40
    ocr_pages: int = 2
    # A file is split only when what follows its first page fills this many
    # ranges: a 60-page text file reads in under a second, which sharing
    # would hardly shorten.
    min_ranges: int = 2

    def ranges(self, page_count: int, first: PageRange) -> tuple[tuple[int, int], ...]:
        """The ranges of pages after ``first``, or none when the file is
        better read in one task."""
        size = self.ocr_pages if any(r.page.ocr for r in first.results) else self.text_pages
        if page_count - first.stop < self.min_ranges * size:
            return ()
        return tuple((start, min(start + size, page_count)) for start in range(first.stop, page_count, size))


@dataclass(frozen=True)
class Split:
    """A PDF worth reading in ranges: its first page, read, and the ranges left."""

    first: PageRange
    ranges: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class RangeRead:
    """One range of a split PDF, read."""

    part: PageRange


@dataclass(frozen=True)
class ReadFile:
    path: Path
    options: ReadOptions
    chunking: ChunkSettings | None = None  # None: read whole, as a single worker does


@dataclass(frozen=True)
class ReadPages:
    path: Path
    options: ReadOptions
    start: int
    stop: int


@dataclass(frozen=True)
class AssemblePages:
    path: Path
    parts: tuple[PageRange, ...]


def read_or_split(path: Path, options: ReadOptions, chunking: ChunkSettings) -> Document | Split:
    """The document, as ``read_document`` gives it, or for a PDF long enough
    to share out, a ``Split``. Raises ``UnreadableDocument`` as it does."""
    if sniff_format(path) != InputFormat.PDF:
        return read_document(path, options)
    from acplans.extract.pdf.guards import check_pdf_file
    from acplans.extract.pdf.reader import PdfPages, assemble_pdf

    with reader_failures(path):
        check_pdf_file(path)
        with PdfPages(path, options) as pages:
            first = pages.read(0, 1)
            ranges = chunking.ranges(len(pages), first)
            if ranges:
                return Split(first, ranges)
            rest = pages.read(1, len(pages))
        doc = assemble_pdf(path, file_sha256(path), [first, rest])
    return finish_document(doc)


def read_pages(task: ReadPages) -> RangeRead:
    from acplans.extract.pdf.reader import PdfPages

    with reader_failures(task.path), PdfPages(task.path, task.options) as pages:
        return RangeRead(pages.read(task.start, task.stop))


def assemble_pages(task: AssemblePages) -> Document:
    from acplans.extract.pdf.reader import assemble_pdf

    with reader_failures(task.path):
        doc = assemble_pdf(task.path, file_sha256(task.path), list(task.parts))
    return finish_document(doc)


class TaskPool(Protocol):
    """What ``run_files`` needs of a pool: ``batch.Pool`` or ``cluster.DaskPool``."""

    def submit(self, key: Hashable, arg: Any, group: Hashable | None = None, *, first: bool = False) -> None: ...

    def cancel(self, group: Hashable) -> None: ...

    def completed(self, on_start: Callable[[Hashable], None] | None = None) -> Iterator[tuple[Hashable, Any]]: ...


_FIRST, _ASSEMBLE = "first", "assemble"


def run_files(pool: TaskPool, tasks: list[ReadFile], *, on_done: Callable[[int, Any], None],
              on_start: Callable[[int], None] | None = None) -> None:
    """Every file's tasks through ``pool``, the pool's workers running
    ``pipeline.work``. ``on_done(i, value)`` gets each file's final value
    once: its ``FileResult``, or a ``Failed``. A range that fails fails its
    file, naming the pages, and the file's other tasks are dropped.
    ``on_start(i)`` is called as a file's first task starts."""
    parts: dict[int, list[PageRange]] = {}
    left: dict[int, int] = {}
    for i, task in enumerate(tasks):
        pool.submit((i, _FIRST), task, group=i)

    def started(key: Hashable) -> None:
        i, part = key
        if on_start and part == _FIRST:
            on_start(i)

    for (i, part), value in pool.completed(started):
        path, options = tasks[i].path, tasks[i].options
        if isinstance(value, Split):
            parts[i], left[i] = [value.first], len(value.ranges)
            for start, stop in reversed(value.ranges):  # each goes first: reversed, they queue in page order
                pool.submit((i, (start, stop)), ReadPages(path, options, start, stop), group=i, first=True)
        elif isinstance(value, RangeRead):
            parts[i].append(value.part)
            left[i] -= 1
            if not left[i]:
                del left[i]
                pool.submit((i, _ASSEMBLE), AssemblePages(path, tuple(parts.pop(i))), group=i, first=True)
        else:
            if i in parts:  # a range failed: the file's other ranges are of no use now
                pool.cancel(i)
                del parts[i], left[i]
            if isinstance(value, Failed) and isinstance(part, tuple):
                value = Failed(f"pages {part[0] + 1}–{part[1]}: {value.reason}")
            on_done(i, value)
