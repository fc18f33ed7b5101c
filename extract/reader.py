"""One entry point for every format: sniff the bytes, hand over to a backend.

The backend is chosen from the file's content, never its name, so a PDF
saved as ``.docx`` is still read as a PDF and a renamed image is refused.
Which formats exist and which function reads each is the registry's business
(``formats.BACKENDS``): nothing here names a format.
"""
from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from . import formats
from .model import Document, UnreadableDocument

# Office files are zips; refuse one that would inflate past this (zip bombs).
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024
_HEAD_BYTES = 8192
_MAGIC_WINDOW = 1024


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sniff_format(path: Path) -> str:
    """Return the format (an ``InputFormat`` value) the file's bytes show, or raise."""
    try:
        with path.open("rb") as fh:
            head = fh.read(_HEAD_BYTES)
    except IsADirectoryError as exc:
        raise UnreadableDocument(path, "is a folder, not a file") from exc
    except OSError as exc:
        raise UnreadableDocument(path, f"cannot open: {exc.strerror or exc}") from exc
    if not head:
        raise UnreadableDocument(path, "file is empty")
    for b in formats.BACKENDS:
        if b.magic and b.magic in head[:_MAGIC_WINDOW]:
            return b.format
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(path).format
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        current = " or ".join(b.suffixes[0] for b in formats.BACKENDS if not b.plain_text)
        raise UnreadableDocument(path, f"legacy Office (OLE) file: save it as {current} and try again")
    if _looks_like_text(head):
        return next(b.format for b in formats.BACKENDS if b.plain_text)
    raise UnreadableDocument(path, f"not a {formats.labels()} file (unrecognised content)")


def _sniff_zip(path: Path) -> formats.Backend:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            total = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableDocument(path, f"corrupt or truncated zip container: {exc}") from exc
    candidates = formats.zip_backends()
    found = next((b for b in candidates if b.zip_member in names), None)
    if found is None:
        kinds = " or ".join(f"{b.label} document" for b in candidates)
        members = ", ".join(b.zip_member for b in candidates)
        raise UnreadableDocument(path, f"zip file that is not a {kinds} (no {members})")
    if total > MAX_ZIP_UNCOMPRESSED:
        raise UnreadableDocument(
            path, f"{found.format.upper()} would expand to {total // (1024 * 1024)} MiB, over the "
                  f"{MAX_ZIP_UNCOMPRESSED // (1024 * 1024)} MiB limit (possible zip bomb)")
    return found


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the 8 KiB window is still text.
        if exc.start < len(head) - 4:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


def read_document(path: str | Path, options: formats.ReadOptions = formats.DEFAULT_OPTIONS) -> Document:
    """Read any supported file into a ``Document``; bad input raises
    ``UnreadableDocument`` naming the file and the reason; ``options`` carry
    the reading choices (PDF engine, when to OCR)."""
    path = Path(path)
    fmt = sniff_format(path)
    return formats.backend(fmt).load()(path, file_sha256(path), options)
