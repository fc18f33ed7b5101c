"""One entry point for every format: sniff the bytes, hand over to a backend.

The backend is chosen from the file's content, never its name, so a PDF
saved as ``.docx`` is still read as a PDF and a renamed image is refused.
Which formats exist and which function reads each is the registry's business
(``formats.BACKENDS``): nothing here names a format.
"""
from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
import traceback
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import formats
from .encoding import text_encoding
from .model import Document, UnreadableDocument
from .quality import assess_text, bound_whitespace

# Office files are zips; refuse one that would inflate past this (zip bombs),
# or whose XML alone would (pictures are large, a report's text is not: an
# XML parse over this takes minutes).
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ZIP_XML = 48 * 1024 * 1024
# No report or plan fits in fewer bytes; a stub or cut download is refused by size.
MIN_DOCUMENT_BYTES = 16
_HEAD_BYTES = 8192
_MAGIC_WINDOW = 1024


def file_sha256(path: Path) -> str:
    """SHA-256 of a regular file's bytes; raises ``OSError`` for anything else,
    as opening a FIFO would wait for a writer forever."""
    reason = not_a_regular_file(path)
    if reason:
        raise OSError(reason)
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sniff_format(path: Path) -> str:
    """Return the format (an ``InputFormat`` value) the file's bytes show, or raise."""
    reason = not_a_regular_file(path)
    if reason:
        raise UnreadableDocument(path, reason)
    try:
        with path.open("rb") as fh:
            head = fh.read(_HEAD_BYTES)
    except OSError as exc:
        raise UnreadableDocument(path, f"cannot open: {exc.strerror or exc}") from exc
    if not head:
        raise UnreadableDocument(path, "file is empty")
    if len(head) < MIN_DOCUMENT_BYTES and head.strip():
        size = f"{len(head)} byte" + ("s" if len(head) > 1 else "")
        raise UnreadableDocument(path, f"only {size}: too small to be a document")
    for b in formats.BACKENDS:
        if b.magic and b.magic in head[:_MAGIC_WINDOW]:
            return b.format
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(path).format
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        current = " or ".join(b.suffixes[0] for b in formats.BACKENDS if not b.plain_text)
        raise UnreadableDocument(path, f"legacy Office (OLE) file: save it as {current} and try again")
    if text_encoding(head):
        return next(b.format for b in formats.BACKENDS if b.plain_text)
    raise UnreadableDocument(path, f"not a {formats.labels()} file (unrecognised content)")


def _sniff_zip(path: Path) -> formats.Backend:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            candidates = formats.zip_backends()
            found = next((b for b in candidates if b.zip_member in names), None)
            if found is None:
                kinds = " or ".join(f"{b.label} document" for b in candidates)
                members = ", ".join(b.zip_member for b in candidates)
                raise UnreadableDocument(path, f"zip file that is not a {kinds} (no {members})")
            problem = _zip_bomb_or_entities(zf, found.format.upper())
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise UnreadableDocument(path, f"corrupt or truncated zip container: {exc}") from exc
    if problem:
        raise UnreadableDocument(path, problem)
    return found


def _zip_bomb_or_entities(zf: zipfile.ZipFile, label: str) -> str | None:
    """Inflate every member as a stream, trusting no size the zip declares,
    and stop at the limits; XML parts must not declare a DTD (Office files
    never do, entity attacks always do)."""
    total = xml_total = 0
    for info in zf.infolist():
        is_xml = info.filename.endswith((".xml", ".rels"))
        with zf.open(info) as member:
            first = True
            while chunk := member.read(1 << 20):
                if is_xml and first and (b"<!DOCTYPE" in chunk[:4096] or b"<!ENTITY" in chunk[:4096]):
                    return (f"{label} part {info.filename} declares a DTD or entities, which Office files "
                            "never do (possible XML entity attack)")
                first = False
                total += len(chunk)
                xml_total += len(chunk) if is_xml else 0
                if total > MAX_ZIP_UNCOMPRESSED:
                    return (f"{label} expands to over {MAX_ZIP_UNCOMPRESSED >> 20} MiB, the limit "
                            "(possible zip bomb)")
                if xml_total > MAX_ZIP_XML:
                    return (f"{label} holds over {MAX_ZIP_XML >> 20} MiB of XML, the limit "
                            "(a document this size would take too long to read)")
    return None


_SPECIAL_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
                  (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def not_a_regular_file(path: Path) -> str | None:
    """Why ``path`` is not a regular file to open, told from its type alone,
    or None. Opening a FIFO or a device would wait or read forever."""
    try:
        info = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop: the link never reaches a file"
        if exc.errno == errno.ENOENT:
            return "symbolic link to a file that does not exist" if path.is_symlink() else "no such file"
        return f"cannot open: {exc.strerror or exc}"
    if stat.S_ISDIR(info.st_mode):
        return "is a folder, not a file"
    kind = next((name for test, name in _SPECIAL_KINDS if test(info.st_mode)), None)
    if kind or not stat.S_ISREG(info.st_mode):
        return f"is {kind or 'a special file'}, not a regular file: not opened"
    return None


def read_document(path: str | Path, options: formats.ReadOptions = formats.DEFAULT_OPTIONS) -> Document:
    """Read any supported file into a ``Document``; bad input raises
    ``UnreadableDocument`` naming the file and the reason; ``options`` carry
    the reading choices (PDF engine, when to OCR)."""
    path = Path(path)
    fmt = sniff_format(path)
    with reader_failures(path):
        doc = formats.backend(fmt).load()(path, file_sha256(path), options)
    return finish_document(doc)


@contextmanager
def reader_failures(path: Path) -> Iterator[None]:
    """A reader's failure inside as ``UnreadableDocument``: one line naming
    the file and the reason, whichever process reads which part of it."""
    try:
        yield
    except UnreadableDocument:
        raise
    except MemoryError as exc:
        raise UnreadableDocument(path, "ran out of memory reading it (too large, or a decompression bomb)") from exc
    except RecursionError as exc:
        raise UnreadableDocument(path, "structure nested too deeply to read") from exc
    except Exception as exc:  # a reader's bug: one line for the user, the traceback kept for us
        log_path = write_crash_log(path, exc)
        raise UnreadableDocument(
            path, f"internal error while reading ({type(exc).__name__}: {_first_line(exc)}); "
                  f"traceback in {log_path}; please report it with this file", log_path) from exc


def finish_document(doc: Document) -> Document:
    """The checks every backend's document gets: bounded whitespace, and
    whether its text reads at all."""
    bound_whitespace(doc)
    assess_text(doc)
    return doc


def write_crash_log(path: Path, exc: Exception) -> str:
    """Write the traceback of ``exc`` to a log file named after ``path``
    (in ``$ACPLANS_LOG_DIR``, else the temporary folder) and return its path."""
    folder = Path(os.environ.get("ACPLANS_LOG_DIR") or tempfile.gettempdir())
    name = f"acplans-error-{hashlib.sha256(str(path).encode()).hexdigest()[:12]}.log"
    log_path = folder / name
    text = f"{path}\n" + "".join(traceback.format_exception(exc))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        log_path.write_text(text, encoding="utf-8")
    except OSError:
        return "(no log: the log folder is not writable)"
    return str(log_path)


def _first_line(exc: Exception) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else "no message"
