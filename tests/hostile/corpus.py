"""Every kind of hostile input, written into a folder, with its exact outcome.

``build_corpus(folder)`` returns one ``Case`` per file: the ``status`` its
``documents`` row must have and a fragment its one-line ``error`` or one of
its ``review_reasons`` must hold. Where the PDF engine decides (pdfplumber
fails on a missing MediaBox where pdfium assumes one), ``engine_may`` gives
the other engine's outcome. Files stay small: bombs are a few hundred KiB
that inflate past the limits.
"""
from __future__ import annotations

import os
import random
import zlib
from dataclasses import dataclass
from pathlib import Path

from .office import docx_file, document_xml, forge_declared_size, paragraph, zeros_member
from .pdfbytes import pdf_file, stream, text_lines, text_pdf

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
NOT_INSPECTION = "no inspection report, action plan or covering report found"
PROSE = ("The landlord will review the service standards with tenants and report to the board "
         "by June 2011, and the panel has agreed that this is the right approach for all of us.")


@dataclass(frozen=True)
class Case:
    name: str
    status: str  # error, empty, unreadable_text
    reason: str  # a fragment of the one-line reason
    engine_may: tuple[str, str] | None = None  # (status, reason) another PDF engine gives instead

    def accepts(self, status: str, reasons: list[str]) -> bool:
        outcomes = [(self.status, self.reason)] + ([self.engine_may] if self.engine_may else [])
        return any(status == s and any(r in why for why in reasons) for s, r in outcomes)


def build_corpus(folder: Path) -> list[Case]:
    folder.mkdir(parents=True, exist_ok=True)
    cases = []
    for name, data, status, reason, *engine_may in _file_cases():
        (folder / name).write_bytes(data)
        cases.append(Case(name, status, reason, *engine_may))
    for name, make, status, reason in _special_cases():
        make(folder / name)
        cases.append(Case(name, status, reason))
    return cases


def _file_cases():
    sample_pdf = (SAMPLES / "home-group-inspection-report-2010.pdf").read_bytes()
    rng = random.Random(13)
    yield "truncated.pdf", sample_pdf[:3000], "error", "corrupt or truncated PDF"
    yield "one-byte.pdf", b"%", "error", "too small to be a document"
    yield "random-bytes.pdf", bytes(rng.randrange(256) for _ in range(4096)), "error", "unrecognised content"
    yield "legacy.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "error", "legacy Office (OLE) file"
    yield "encrypted.pdf", _encrypted_pdf(), "error", "encrypted"
    yield "no-mediabox.pdf", text_pdf([text_lines([PROSE] * 5)], mediabox=b""), \
        "error", "internal error while reading", ("empty", NOT_INSPECTION)
    yield "page-tree-cycle.pdf", _page_tree_cycle(), "error", "PDF has no pages", ("error", "PDF")
    # Pages whose /Rotate turns their text are read in the text's own frame,
    # so they read as the prose they are (not an inspection document).
    yield "sideways.pdf", text_pdf([text_lines([PROSE] * 30)], page_extra=b"/Rotate 90"), \
        "empty", NOT_INSPECTION
    yield "flate-bomb.pdf", _flate_bomb(300), "error", "decompression bomb"
    yield "xobject-cycle.pdf", _xobject_cycle(), "unreadable_text", "no text found"
    yield "cid-without-tounicode.pdf", _cid_without_tounicode(), "unreadable_text", "do not map to characters"
    yield "upside-down.pdf", text_pdf([text_lines([PROSE] * 30)], page_extra=b"/Rotate 180"), \
        "empty", NOT_INSPECTION
    yield "image-only.pdf", _image_only(), "unreadable_text", "no text found"
    yield "ten-thousand-rules.pdf", _many_rules(10_000), "empty", "rules and boxes, ignored"
    yield "xxe.docx", docx_file(document_xml(paragraph("&xxe;"), b'<!DOCTYPE w [<!ENTITY xxe SYSTEM '
                                                                  b'"file:///etc/passwd">]>')), "error", "declares a DTD"
    yield "billion-laughs.docx", _billion_laughs(), "error", "declares a DTD"
    yield "huge-xml.docx", docx_file(document_xml(b"<w:p/>" * (9 << 20))), "error", "MiB of XML"
    yield "zip-bomb.docx", zeros_member(210 << 20), "error", "zip bomb"
    yield "forged-size.docx", forge_declared_size(docx_file(document_xml(paragraph(PROSE) * 300)),
                                                  "word/document.xml", 100), "error", "Bad CRC-32"
    yield "nested-tables.docx", docx_file(document_xml(_nested_tables(400))), "error", "Excessive depth"
    yield "nested-tables-80.docx", docx_file(document_xml(_nested_tables(80))), "empty", NOT_INSPECTION
    # lxml's message for this spans two lines; the reason must not.
    yield "nul-in-xml.docx", docx_file(b"<\x00" + document_xml(paragraph(PROSE))[2:]), "error", \
        "Char 0x0 out of allowed range"
    yield "not-word.docx", _zip_of({"mimetype": b"application/epub+zip"}), "error", "zip file that is not"
    yield "empty-body.docx", docx_file(document_xml(b"")), "unreadable_text", "no text found"
    yield "utf16le-bom.txt", ("\ufeff" + PROSE).encode("utf-16-le"), "empty", NOT_INSPECTION
    yield "utf16be-no-bom.txt", PROSE.encode("utf-16-be"), "empty", NOT_INSPECTION
    yield "utf32.txt", PROSE.encode("utf-32"), "empty", NOT_INSPECTION
    yield "cp1252.txt", (PROSE + " \u2018quoted\u2019 caf\u00e9").encode("cp1252"), "empty", NOT_INSPECTION
    yield "heading-of-spaces.md", b"#" + b" " * 5000 + b"x\n\n" + PROSE.encode(), "empty", NOT_INSPECTION
    yield "unclosed-brackets.md", PROSE.encode() + b"\n\n" + b"[" * 250_000, "empty", NOT_INSPECTION
    yield "unclosed-tags.md", PROSE.encode() + b"\n\n" + b"<p " * 80_000, "unreadable_text", "single letters"
    yield "unclosed-links.md", PROSE.encode() + b"\n\n" + b"](" * 120_000, "empty", NOT_INSPECTION
    yield "owner-of-spaces.txt", b"Owner:" + b" " * 200_000 + b"- Director\n\n" + PROSE.encode(), \
        "empty", NOT_INSPECTION
    yield "gibberish.txt", _gibberish(rng, 400), "unreadable_text", "does not read as English"
    yield "binary-with-nuls.txt", bytes(rng.randrange(1, 256) for _ in range(200)) + b"\x00\x00\x00\x01" * 50, \
        "error", "unrecognised content"


def _special_cases():
    yield "fifo.pdf", os.mkfifo, "error", "named pipe (FIFO)"
    yield "loop.pdf", lambda p: (os.symlink(p.name, p)), "error", "symbolic link loop"
    yield "dangling.pdf", lambda p: os.symlink(p.parent / "gone.pdf", p), "error", "does not exist"
    yield "device.pdf", lambda p: os.symlink("/dev/zero", p), "error", "character device"
    yield "missing.pdf", lambda p: None, "error", "no such file"


def _encrypted_pdf() -> bytes:
    file_id = b"<00112233445566778899aabbccddeeff>"
    return pdf_file({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [] /Count 0 >>",
                     3: b"<< /Filter /Standard /V 2 /R 3 /Length 128 /O <%s> /U <%s> /P -4 >>"
                        % (b"00" * 32, b"00" * 32)},
                    trailer_extra=b"/Encrypt 3 0 R /ID [%s %s] " % (file_id, file_id))


def _page_tree_cycle() -> bytes:
    return pdf_file({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                     2: b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                     3: b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"})


def _xobject_cycle() -> bytes:
    """A form XObject that draws itself: a content stream that never ends."""
    return pdf_file({
        1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        4: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X1 5 0 R >> >> "
           b"/Contents 6 0 R >>",
        5: stream(b"/X1 Do", b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
                             b"/Resources << /XObject << /X1 5 0 R >> >>"),
        6: stream(b"/X1 Do")})


def _flate_bomb(mib: int) -> bytes:
    """A page whose content stream inflates to ``mib`` MiB of spaces."""
    squeeze = zlib.compressobj(9)
    block = b" " * (1 << 20)
    data = b"".join(squeeze.compress(block) for _ in range(mib)) + squeeze.flush()
    return pdf_file({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                     3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                     4: b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"})


def _cid_without_tounicode() -> bytes:
    font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /Hidden /Encoding /Identity-H /DescendantFonts "
            b"[<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Hidden /CIDSystemInfo << /Registry (Adobe) "
            b"/Ordering (Identity) /Supplement 0 >> /DW 500 >>] >>")
    lines = b"\n".join(b"BT /F1 12 Tf 60 %d Td <%s> Tj ET" % (800 - 16 * i, b"0012003400560078" * 12)
                       for i in range(30))
    return text_pdf([lines], font=font)


def _image_only() -> bytes:
    """A scan: one grey picture over the page, no text layer."""
    pixels = bytes([200]) * 64 * 64
    return pdf_file({
        1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> "
           b"/Contents 4 0 R >>",
        4: stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
        5: stream(pixels, b"/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
                          b"/BitsPerComponent 8", compress=True)})


def _many_rules(count: int) -> bytes:
    rules = b"\n".join(b"%d %d m %d %d l S" % (60 + i % 480, 100 + i // 480 * 20, 62 + i % 480, 100 + i // 480 * 20)
                       for i in range(count))
    return text_pdf([text_lines([PROSE] * 3) + b"\n" + rules])


def _billion_laughs() -> bytes:
    entities = b'<!ENTITY l0 "lol">' + b"".join(b'<!ENTITY l%d "%s">' % (n, b"&l%d;" % (n - 1) * 10)
                                                 for n in range(1, 10))
    return docx_file(document_xml(paragraph("&l9;"), b"<!DOCTYPE w [" + entities + b"]>"))


def _nested_tables(depth: int) -> bytes:
    inner = b"<w:p><w:r><w:t>deep</w:t></w:r></w:p>"
    for _ in range(depth):
        inner = b"<w:tbl><w:tr><w:tc>" + inner + b"</w:tc></w:tr></w:tbl><w:p/>"
    return inner


def _zip_of(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def _gibberish(rng: random.Random, words: int) -> bytes:
    letters = "bcdfghjklmnpqrstvwxz"
    return " ".join("".join(rng.choice(letters) for _ in range(rng.randrange(3, 9)))
                    for _ in range(words)).encode()
