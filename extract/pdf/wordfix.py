"""Words as the table finders need them: glyphs an engine left apart but
printed touching (letter-spaced or turned text) joined into one word."""
from __future__ import annotations

from dataclasses import replace

from .geometry import Word
from .lines import Line


def join_touching(lines: list[Line], join_ems: float) -> list[Word]:
    """The lines' words, line by line, words on one line closer than
    ``join_ems`` of their size made one word: a word space is never that
    narrow."""
    joined = []
    for line in lines:
        current = line.words[0]
        for w in line.words[1:]:
            # min(current.size, w.size), without the call: every word passes here.
            if w.x0 - current.x1 <= join_ems * (w.size if w.size < current.size else current.size):
                current = replace(current, text=current.text + w.text, x1=max(current.x1, w.x1),
                                  top=min(current.top, w.top), bottom=max(current.bottom, w.bottom))
            else:
                joined.append(current)
                current = w
        joined.append(current)
    return joined
