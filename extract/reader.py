"""One entry point for every format: sniff the bytes, hand over to a backend.

The backend is chosen from the file's content, never its name, so a PDF
saved as ``.docx`` is still read as a PDF and a renamed image is refused.
"""
from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from .model import Document, UnreadableDocument

# A DOCX is a zip; refuse one that would inflate past this (zip bombs).
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sniff_format(path: Path) -> str:
    """Return 'pdf', 'docx' or 'text' from the file's bytes, or raise."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except IsADirectoryError as exc:
        raise UnreadableDocument(path, "is a folder, not a file") from exc
    except OSError as exc:
        raise UnreadableDocument(path, f"cannot open: {exc.strerror or exc}") from exc
    if not head:
        raise UnreadableDocument(path, "file is empty")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableDocument(path, "legacy Word/Excel (OLE) file: save it as .docx or PDF and try again")
    if _looks_like_text(head):
        return "text"
    raise UnreadableDocument(path, "not a PDF, DOCX or text file (unrecognised content)")


def _sniff_zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            total = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableDocument(path, f"corrupt or truncated zip container: {exc}") from exc
    if "word/document.xml" not in names:
        raise UnreadableDocument(path, "zip file that is not a Word document (no word/document.xml)")
    if total > MAX_DOCX_UNCOMPRESSED:
        raise UnreadableDocument(
            path, f"DOCX would expand to {total // (1024 * 1024)} MiB, over the "
                  f"{MAX_DOCX_UNCOMPRESSED // (1024 * 1024)} MiB limit (possible zip bomb)")
    return "docx"


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


def read_document(path: str | Path, pdf_engine: str | None = None) -> Document:
    """Read any supported file into a ``Document``; bad input raises
    ``UnreadableDocument`` naming the file and the reason. ``pdf_engine``
    picks the PDF engine ("pdfium", the default, or "pdfplumber")."""
    path = Path(path)
    kind = sniff_format(path)
    sha = file_sha256(path)
    if kind == "pdf":
        from .pdf import read_pdf
        return read_pdf(path, sha, engine=pdf_engine) if pdf_engine else read_pdf(path, sha)
    if kind == "docx":
        from .docx_reader import read_docx
        return read_docx(path, sha)
    from .text_reader import read_text
    return read_text(path, sha)
