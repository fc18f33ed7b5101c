"""Which text encoding a file's bytes are in: shared by sniffing and the text reader.

Standard library only, so ``reader`` can sniff without loading a backend.
UTF-32 and UTF-16 are told by their byte-order mark, or without one by where
the NUL bytes fall (ASCII text in UTF-16LE has a NUL after every letter); a
NUL anywhere else means the bytes are not text at all.
"""
from __future__ import annotations

import codecs

# Share of 2- or 4-byte units that must show the NUL pattern of ASCII text.
_NUL_PATTERN_SHARE = 0.9

_BOMS = (  # UTF-32 first: its little-endian BOM begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def text_encoding(head: bytes) -> str | None:
    """The encoding the first bytes of a file are written in, or None when
    they are not text. ``head`` may end inside a character."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    if b"\x00" in head:
        return _encoding_by_nuls(head)
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the sniffing window is still UTF-8.
        if exc.start >= len(head) - 4 and exc.reason == "unexpected end of data":
            return "utf-8"
    try:
        head.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return None


def _encoding_by_nuls(head: bytes) -> str | None:
    for width, name in ((4, "utf-32"), (2, "utf-16")):
        units = [head[i:i + width] for i in range(0, len(head) - width + 1, width)]
        if not units:
            continue
        for order, nul_at, char_at in (("le", slice(1, None), 0), ("be", slice(0, -1), width - 1)):
            text_like = sum(1 for u in units if not u[nul_at].strip(b"\x00") and u[char_at])
            if text_like >= _NUL_PATTERN_SHARE * len(units):
                return f"{name}-{order}"
    return None
