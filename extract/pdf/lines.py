"""Words -> visual lines -> text: the grouping both running text and table
cells are built from."""
from __future__ import annotations

import re
from operator import attrgetter

from ..lexicon import BULLET_GLYPH
from ..model import BBox
from .geometry import Word

BULLET_RE = re.compile(rf"^\s*{BULLET_GLYPH}\s*")


MEASURED = frozenset(("text", "x0", "x1", "top", "bottom", "size", "bold", "italic"))


class Line:
    """Words on one visual line, left to right. Its box, text, size and
    typeface are each worked out once, on first use: layout analysis reads
    them many times, but many lines (page lines grouped for the table and
    column finders) are asked only for their box."""

    __slots__ = ("words", "text", "x0", "x1", "top", "bottom", "size", "bold", "italic")

    def __init__(self, words: list[Word]):
        self.words = words
        if len(words) == 1:
            w = words[0]
            self.text, self.size, self.bold, self.italic = w.text, round(w.size, 1), w.bold, w.italic
            self.x0, self.x1, self.top, self.bottom = w.x0, w.x1, w.top, w.bottom

    def __getattr__(self, name: str):
        # Called only for a slot not yet set: measure that part of the line.
        # Any other name (pickle asks for __setstate__ on a bare instance,
        # before ``words`` is set) is simply missing.
        if name not in MEASURED:
            raise AttributeError(name)
        words = self.words
        if name in ("x0", "x1", "top", "bottom"):
            self.x0, self.x1 = min([w.x0 for w in words]), max([w.x1 for w in words])
            self.top, self.bottom = min([w.top for w in words]), max([w.bottom for w in words])
        elif name == "text":
            self.text = " ".join([w.text for w in words])
        elif name in ("bold", "italic"):
            self.bold = all([w.bold for w in words])
            self.italic = all([w.italic for w in words])
        else:  # size
            # All one size (as a set of them would be one): the first word's.
            sizes = [w.size for w in words]
            if sizes.count(sizes[0]) == len(sizes):
                self.size = round(sizes[0], 1)
            else:
                sizes = [round(w.size, 1) for w in words]
                self.size = max(dict.fromkeys(sizes), key=sizes.count)  # the commonest, first seen on a tie
        return object.__getattribute__(self, name)

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
    # Each group is [words, top, bottom, middle, last left edge, left to
    # right so far]; the last three stay open to joining. The middle is
    # kept, not recomputed per word tested; a group whose words came left
    # to right (the usual case: a line's words share a middle) needs no sort.
    groups: list[list] = []
    # Sorted by middle, then left edge, on decorated tuples (index breaks ties).
    order = sorted([((w.top + w.bottom) / 2, w.x0, i) for i, w in enumerate(words)])
    w = words[order[0][2]]
    newest = [[w], w.top, w.bottom, order[0][0], w.x0, True]
    groups.append(newest)
    for mid, x0, i in order[1:]:
        w = words[i]
        tolerance = 0.35 * w.size
        if tolerance < 2.0:
            tolerance = 2.0
        # The newest group first: the next word in middle order is usually on it.
        if -tolerance <= newest[3] - mid <= tolerance:
            group = newest
        else:
            group = None
            for older in groups[-2:-4:-1]:
                if -tolerance <= older[3] - mid <= tolerance:
                    group = older
                    break
            if group is None:
                newest = [[w], w.top, w.bottom, mid, x0, True]
                groups.append(newest)
                continue
        group[0].append(w)
        if not x0 >= group[4]:  # written so that a NaN counts as out of order
            group[5] = False
        group[4] = x0
        if w.top < group[1] or w.bottom > group[2]:
            if w.top < group[1]:
                group[1] = w.top
            if w.bottom > group[2]:
                group[2] = w.bottom
            group[3] = (group[1] + group[2]) / 2
    return [group[0] if group[5] else sorted(group[0], key=_left) for group in groups]


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
        # A letter and a hyphen at the end (out ends with a stripped line,
        # never a newline), tested on the last two characters: a regex
        # search would scan the whole paragraph joined so far, every line.
        elif out[-1] == "-" and out[-2:-1] in LOWER_ASCII and text[0] in LOWER_ASCII:
            out = out[:-1] + text
        else:
            out = f"{out} {text}"
    return clean_text(out)


LOWER_ASCII = frozenset("abcdefghijklmnopqrstuvwxyz")
SPACE_RUN_RE = re.compile(r"[ \t\u00a0]+")


def clean_text(text: str) -> str:
    return SPACE_RUN_RE.sub(" ", text).strip()


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
