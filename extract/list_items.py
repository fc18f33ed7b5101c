"""List items as reports print them: bullets and enumerators ("a)",
"(ii)", "3.") opening a paragraph, and the list punctuation closing it."""
from __future__ import annotations

import re

from .lexicon import BULLET_MARK, ENUMERATOR
from .parts import collapse

_ITEM_MARK = re.compile(rf"^(?:{BULLET_MARK}|{ENUMERATOR})\s+(?=\S)", re.I)


def is_marked_item(text: str) -> bool:
    return bool(_ITEM_MARK.match(text))


def strip_enumerator(text: str) -> str:
    return _ITEM_MARK.sub("", text, count=1)


def enumerator_of(text: str) -> str:
    """A bullet's own numbering ("a)", "(ii)", "3."); glyphs number nothing."""
    m = _ITEM_MARK.match(text)
    return m.group(0).strip() if m and re.search(r"[\w]", m.group(0)) else ""


def clean_item(text: str) -> str:
    """A list item as the gold keeps it: whitespace collapsed and the list
    punctuation ("; and", ";", ".") taken off its end."""
    text = collapse(text)
    return re.sub(r"\s*(?:[;,]\s*(?:and|or)|[;,.])\s*$", "", text).strip()


def split_inline_list(text: str) -> list[str]:
    return [clean_item(t) for t in re.split(r";\s*(?:and\s+|or\s+)?", text) if clean_item(t)]
