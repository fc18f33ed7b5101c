"""Words -> visual lines -> text: the grouping both running text and table
cells are built from."""
from __future__ import annotations

import re
from operator import attrgetter

from ..lexicon import BULLET_GLYPH
from ..model import BBox
from .geometry import Word

BULLET_RE = re.compile(rf"^\s*{BULLET_GLYPH}\s*")


class Line:
    """Words on one visual line, left to right. Its box, size and typeface
    are worked out once: layout analysis reads them many times."""

    __slots__ = ("words", "text", "x0", "x1", "top", "bottom", "size", "bold", "italic")

    def __init__(self, words: list[Word]):
        # Lines are built for every cell of every table, so this is among
        # the hottest code of a run: builtins over attribute lists, not a
        # Python loop of pairwise min/max.
        self.words = words
        if len(words) == 1:
            w = words[0]
            self.text, self.size, self.bold, self.italic = w.text, round(w.size, 1), w.bold, w.italic
            self.x0, self.x1, self.top, self.bottom = w.x0, w.x1, w.top, w.bottom
            return
        self.text = " ".join([w.text for w in words])
        self.x0, self.x1 = min([w.x0 for w in words]), max([w.x1 for w in words])
        self.top, self.bottom = min([w.top for w in words]), max([w.bottom for w in words])
        self.bold = all([w.bold for w in words])
        self.italic = all([w.italic for w in words])
        if len(distinct := {w.size for w in words}) == 1:
            self.size = round(distinct.pop(), 1)
        else:
            sizes = [round(w.size, 1) for w in words]
            self.size = max(dict.fromkeys(sizes), key=sizes.count)  # the commonest, first seen on a tie

    @property
    def bbox(self) -> BBox:
        return BBox(self.x0, self.top, self.x1, self.bottom)


def words_to_lines(words: list[Word]) -> list[Line]:
    """Group words into visual lines by their vertical middle."""
    return [Line(group) for group in line_groups(words)]


def line_groups(words: list[Word]) -> list[list[Word]]:
    """The words of each visual line, left to right, lines top to bottom:
    what ``words_to_lines`` measures, for callers that need only the words."""
    if len(words) < 2:  # most table cells: nothing to group
        return [list(words)] if words else []
    # Each group is [words, top, bottom, middle]; the last three stay open
    # to joining. The middle is kept, not recomputed per word tested.
    groups: list[list] = []
    # Sorted by middle, then left edge, on decorated tuples (index breaks ties).
    order = sorted([((w.top + w.bottom) / 2, w.x0, i) for i, w in enumerate(words)])
    for mid, _, i in order:
        w = words[i]
        tolerance = 0.35 * w.size
        if tolerance < 2.0:
            tolerance = 2.0
        n = len(groups)
        # The newest group first: the next word in middle order is usually on it.
        for k in range(n - 1, n - 4 if n > 3 else -1, -1):
            group = groups[k]
            if -tolerance <= group[3] - mid <= tolerance:
                group[0].append(w)
                if w.top < group[1] or w.bottom > group[2]:
                    if w.top < group[1]:
                        group[1] = w.top
                    if w.bottom > group[2]:
                        group[2] = w.bottom
                    group[3] = (group[1] + group[2]) / 2
                break
        else:
            groups.append([[w], w.top, w.bottom, (w.top + w.bottom) / 2])
    return [group[0] if len(group[0]) == 1 else sorted(group[0], key=_left) for group in groups]


_left = attrgetter("x0")


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
    return lines_text(words_to_lines(words))


def lines_text(lines: list[Line]) -> str:
    """Lines of a cell grouped into paragraphs (joined by "\\n"): a bullet
    or a taller gap starts a new paragraph."""
    if len(lines) == 1 and not BULLET_RE.match(lines[0].text):
        return clean_text(lines[0].text)
    paragraphs: list[list[str]] = []
    prev: Line | None = None
    for line in lines:
        new_para = prev is None or BULLET_RE.match(line.text) or line.top - prev.bottom > prev.size * 0.8
        if new_para:
            paragraphs.append([BULLET_RE.sub("", line.text)])
        else:
            paragraphs[-1].append(line.text)
        prev = line
    return "\n".join(join_lines(p) for p in paragraphs)
