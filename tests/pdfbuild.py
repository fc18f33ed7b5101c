"""Build small PDFs byte by byte, for tests that need a page the samples do
not have: fonts without a Unicode map, rotated pages, shifted boxes."""
from __future__ import annotations

from pathlib import Path

HELVETICA = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


class PdfBuilder:
    def __init__(self):
        self.objects: list[bytes] = [b""]  # object 1, the page tree, is written by ``save``
        self.pages: list[int] = []

    def add(self, body: str | bytes) -> int:
        self.objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(self.objects)

    def stream(self, data: str | bytes, entries: str = "") -> int:
        raw = data.encode("latin-1") if isinstance(data, str) else data
        return self.add(f"<< {entries} /Length {len(raw)} >>\nstream\n".encode("latin-1") + raw + b"\nendstream")

    def page(self, content: str, resources: str = "", extra: str = "",
             mediabox: tuple[float, ...] = (0, 0, 612, 792)) -> None:
        """A page whose parent is filled in by ``save`` (object 1 is the page tree)."""
        stream = self.stream(content)
        box = " ".join(str(v) for v in mediabox)
        self.pages.append(self.add(f"<< /Type /Page /Parent 1 0 R /MediaBox [{box}] "
                                   f"/Resources << {resources} >> /Contents {stream} 0 R {extra} >>"))

    def save(self, path: Path) -> Path:
        kids = " ".join(f"{n} 0 R" for n in self.pages)
        objects = [f"<< /Type /Pages /Kids [{kids}] /Count {len(self.pages)} >>".encode(), *self.objects[1:],
                   b"<< /Type /Catalog /Pages 1 0 R >>"]
        out = bytearray(b"%PDF-1.7\n")
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
        out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
        out += f"trailer\n<< /Size {len(objects) + 1} /Root {len(objects)} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
        path.write_bytes(bytes(out))
        return path
