"""Words -> visual lines -> text: the grouping both running text and table
cells are built from."""
from __future__ import annotations

import re

from ..lexicon import BULLET_GLYPH
from ..model import BBox
from .geometry import Word

BULLET_RE = re.compile(rf"^\s*{BULLET_GLYPH}\s*")


class Line:
    """Words on one visual line, left to right. Its box, size and typeface
    are worked out once: layout analysis reads them many times."""

    __slots__ = ("words", "text", "x0", "x1", "top", "bottom", "size", "bold", "italic")

    def __init__(self, words: list[Word]):
        # One pass: lines are built for every cell of every table, so this
        # is among the hottest code of a run.
        first = words[0]
        x0, x1, top, bottom = first.x0, first.x1, first.top, first.bottom
        bold, italic = first.bold, first.italic
        sizes: dict[float, int] = {}
        for w in words:
            x0, x1 = min(x0, w.x0), max(x1, w.x1)
            top, bottom = min(top, w.top), max(bottom, w.bottom)
            bold, italic = bold and w.bold, italic and w.italic
            size = round(w.size, 1)
            sizes[size] = sizes.get(size, 0) + 1
        self.words = words
        self.text = " ".join(w.text for w in words)
        self.x0, self.x1, self.top, self.bottom = x0, x1, top, bottom
        self.size = max(sizes, key=sizes.__getitem__)  # the commonest, first seen on a tie
        self.bold, self.italic = bold, italic

    @property
    def bbox(self) -> BBox:
        return BBox(self.x0, self.top, self.x1, self.bottom)


def words_to_lines(words: list[Word]) -> list[Line]:
    """Group words into visual lines by their vertical middle."""
    groups: list[tuple[list[Word], list[float]]] = []  # words, [top, bottom]
    for w in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        mid = (w.top + w.bottom) / 2
        for group, extent in reversed(groups[-3:]):
            if abs((extent[0] + extent[1]) / 2 - mid) <= max(2.0, 0.35 * w.size):
                group.append(w)
                extent[0], extent[1] = min(extent[0], w.top), max(extent[1], w.bottom)
                break
        else:
            groups.append(([w], [w.top, w.bottom]))
    return [Line(sorted(group, key=lambda w: w.x0)) for group, _ in groups]


def join_lines(lines: list[str]) -> str:
    """Join printed lines into one string, repairing line-end hyphenation."""
    out = ""
    for raw in lines:
        text = raw.strip()
        if not text:
            continue
        if not out:
            out = text
        elif re.search(r"[a-z]-$", out) and re.match(r"^[a-z]", text):
            out = out[:-1] + text
        else:
            out = f"{out} {text}"
    return clean_text(out)


def clean_text(text: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


def cell_text(words: list[Word]) -> str:
    """Lines of a cell grouped into paragraphs (joined by "\\n"): a bullet
    or a taller gap starts a new paragraph."""
    paragraphs: list[list[str]] = []
    prev: Line | None = None
    for line in words_to_lines(words):
        new_para = prev is None or BULLET_RE.match(line.text) or line.top - prev.bottom > prev.size * 0.8
        if new_para:
            paragraphs.append([BULLET_RE.sub("", line.text)])
        else:
            paragraphs[-1].append(line.text)
        prev = line
    return "\n".join(join_lines(p) for p in paragraphs)
