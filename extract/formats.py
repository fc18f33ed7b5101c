"""Every input format acplans reads, declared once: the reader registry.

A format is one ``Backend`` line in ``BACKENDS``: its name (the
``file_type`` of documents and of the ``documents`` table), the suffixes a
folder walk picks up, the reader function as ``"module:function"`` inside
``acplans.extract``, and how its bytes are recognised (a magic string in
the first KiB, a member only its zip container holds, or plain text as the
last resort). ``InputFormat`` is generated from the registry, so adding a
format is one reader module and one line here; sniffing, dispatch, the
``file_type`` column's allowed values and folder walks all follow.

This module imports only the standard library, so the schemas (which list
the allowed ``file_type`` values) can import it without pulling in a single
reader backend, and a reader is imported only when a file of its format is
read: reading a text file never loads pdfplumber.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .model import Document


class OcrMode(StrEnum):
    """When a page is read from its image rather than its text layer."""

    AUTO = "auto"  # when the text layer fails: a scan, or text that does not decode
    ALWAYS = "always"
    NEVER = "never"


class PdfEngine(StrEnum):
    PDFIUM = "pdfium"  # fast, and reads fonts pdfminer silently drops
    PDFPLUMBER = "pdfplumber"  # pdfminer: kept for comparison


@dataclass(frozen=True)
class ReadOptions:
    """How to read, for the formats that have a choice; every reader takes
    them so that a new option reaches a backend without a new signature."""

    pdf_engine: PdfEngine = PdfEngine.PDFIUM
    ocr: OcrMode = OcrMode.AUTO


DEFAULT_OPTIONS = ReadOptions()


class Reader(Protocol):
    """A backend's entry point: read one file already sniffed as its format.
    Bad input raises ``UnreadableDocument`` naming the file and the reason."""

    def __call__(self, path: Path, sha256: str, options: ReadOptions, /) -> Document: ...


@dataclass(frozen=True)
class Backend:
    format: str
    label: str  # how messages name the format
    suffixes: tuple[str, ...]
    reader: str  # "module:function" inside acplans.extract
    magic: bytes = b""  # found within the first KiB of the file
    zip_member: str = ""  # a part only this format's zip container holds
    plain_text: bool = False  # chosen when nothing else matches and the bytes decode as text

    def load(self) -> Reader:
        module, _, function = self.reader.partition(":")
        return getattr(importlib.import_module(f"acplans.extract.{module}"), function)


BACKENDS: tuple[Backend, ...] = (
    Backend("pdf", "PDF", (".pdf",), "pdf:read_pdf", magic=b"%PDF-"),
    Backend("docx", "Word", (".docx",), "docx_reader:read_docx", zip_member="word/document.xml"),
    Backend("xlsx", "Excel", (".xlsx", ".xlsm"), "xlsx_reader:read_xlsx", zip_member="xl/workbook.xml"),
    Backend("text", "text", (".txt", ".md", ".markdown", ".text"), "text_reader:read_text", plain_text=True),
)

InputFormat = StrEnum("InputFormat", [(b.format.upper(), b.format) for b in BACKENDS])
InputFormat.__doc__ = "The formats in ``BACKENDS``; a document's ``file_type`` is one of them."

def backend(fmt: str) -> Backend:
    return next(b for b in BACKENDS if b.format == fmt)


def document_suffixes() -> frozenset[str]:
    """Lower-case suffixes a folder walk reads; other files are skipped."""
    return frozenset(s for b in BACKENDS for s in b.suffixes)


def zip_backends() -> list[Backend]:
    return [b for b in BACKENDS if b.zip_member]


def labels() -> str:
    """"PDF, Word or text": every format, named for a refusal message."""
    names = [b.label for b in BACKENDS]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
