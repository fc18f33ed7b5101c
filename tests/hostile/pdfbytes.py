"""Raw PDF files written object by object, with a correct xref table, so a
test can break exactly one structure and nothing else."""
from __future__ import annotations

import zlib


def pdf_file(objects: dict[int, bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF whose objects are ``{number: body}``; bodies are raw PDF syntax."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[number]) if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, trailer_extra, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def text_pdf(pages: list[bytes], *, page_extra: bytes = b"", mediabox: bytes = b"/MediaBox [0 0 595 842]",
             font: bytes = HELVETICA) -> bytes:
    """One page per content stream; the font is resource /F1 on every page."""
    objects = {3: font}
    kids = []
    for i, content in enumerate(pages):
        page, data = 10 + 2 * i, 11 + 2 * i
        kids.append(b"%d 0 R" % page)
        objects[page] = (b"<< /Type /Page /Parent 2 0 R %s /Resources << /Font << /F1 3 0 R >> >> "
                         b"/Contents %d 0 R %s >>" % (mediabox, data, page_extra))
        objects[data] = stream(content)
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    return pdf_file(objects)


def text_lines(lines: list[str], size: int = 11, top: int = 800, leading: int = 14) -> bytes:
    """A content stream printing ``lines`` in Helvetica down the page."""
    out = [b"BT /F1 %d Tf %d TL 60 %d Td" % (size, leading, top)]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        out.append(b"(%s) Tj T*" % escaped.encode("latin-1"))
    out.append(b"ET")
    return b"\n".join(out)
