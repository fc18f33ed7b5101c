"""Whether a read document's text can be trusted at all: no silent empty success.

A reader that returns without error has not necessarily read anything. Its
text may be glyph ids a font never mapped to characters (pdfminer writes
``(cid:12)``, other engines U+FFFD or private-use code points), letters
that spell nothing (a font with a scrambled encoding), or nothing at all. ``assess_text``
sets ``Document.unreadable_text`` when the document as a whole is not
readable and adds page-level doubts to ``Document.review_reasons``.

``bound_whitespace`` shortens runs of whitespace no document prints but a
hostile one can: later stages' patterns (``\\s*:\\s+`` and the like) are
quadratic on a run of spaces, so none of them sees a long one.
"""
from __future__ import annotations

import re

from .model import Block, Document

# A whole document whose text is at least this share of undecodable
# characters is unreadable; a page over it is named for review.
MAX_UNDECODABLE_SHARE = 0.3
# English (or Welsh) prose, even in the terse cells of a plan, is more than
# this share of its commonest words; text below it over enough words is
# letters that spell nothing.
MIN_FUNCTION_WORD_SHARE = 0.02
MIN_WORDS_TO_JUDGE_LANGUAGE = 300
# Prose has a few single-letter words ("a", "I", list marks); a page read
# across sideways lines yields one letter per word.
MAX_SINGLE_LETTER_SHARE = 0.5

# Longer runs of whitespace become one space (or one line break if they hold one).
MAX_WHITESPACE_RUN = 64

_LONG_WHITESPACE = re.compile(r"\s{%d,}" % (MAX_WHITESPACE_RUN + 1))
_CID = re.compile(r"\(cid:\d{1,6}\)")
_WORD = re.compile(r"[A-Za-z]{1,40}")
# Not characters at all: U+FFFD, control characters that are not
# whitespace, private-use code points and lone surrogates (Unicode
# categories Cc, Co and Cs). One class, not a per-character category
# lookup: every character of every document passes through it.
_UNDECODABLE = re.compile(r"[\ufffd\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ue000-\uf8ff"
                          r"\U000f0000-\U000ffffd\U00100000-\U0010fffd\ud800-\udfff]")
_FUNCTION_WORDS = frozenset(
    "the and of to a in for is be will with on by that this are as at from or an it all not "
    "we our has have been was were which should its their "
    # Welsh, as bodies in Wales publish in it: its commonest words count too.
    "y yr yn ac o ar am ei eu mae bod gan ond hefyd".split())


def assess_text(doc: Document) -> None:
    """Judge the text ``doc`` holds; see the module docstring."""
    texts = list(_texts(doc.blocks))
    if not any(t.strip() for t in texts):
        doc.unreadable_text = "no text found: blank, or only pictures or undecodable text that OCR could not read"
        return
    # The PDF engine's loss guard counted glyphs its fonts could not map: when
    # every page with text failed it, no character of the text can be trusted.
    unmapped = [p.number for p in doc.pages if p.text_layer == "unreadable" and not p.ocr]
    if unmapped and len(unmapped) == sum(1 for p in doc.pages if p.text_layer != "none"):
        doc.unreadable_text = (f"the text of page(s) {_numbers(unmapped)} is glyphs the file's fonts do not map "
                               "to characters (unreadable text layer)")
        return
    share = undecodable_share("".join(texts))
    if share >= MAX_UNDECODABLE_SHARE:
        doc.unreadable_text = (f"{share:.0%} of the text is glyphs the file's fonts do not map to "
                               "characters (unreadable text layer)")
        return
    words = _WORD.findall(_ascii_lower("\n".join(texts)))
    if len(words) >= MIN_WORDS_TO_JUDGE_LANGUAGE:
        single = list(map(len, words)).count(1) / len(words)
        if single > MAX_SINGLE_LETTER_SHARE:
            doc.unreadable_text = (f"{single:.0%} of the words are single letters: the text runs sideways "
                                   "(a rotated page) or its letters are placed one by one")
            return
        common = _common_share(words)
        if common < MIN_FUNCTION_WORD_SHARE and _common_share([w[::-1] for w in words]) >= 5 * MIN_FUNCTION_WORD_SHARE:
            doc.unreadable_text = "the text reads backwards: a page turned upside down was not turned back"
            return
        if common < MIN_FUNCTION_WORD_SHARE:
            doc.unreadable_text = (f"the text does not read as English (only {common:.1%} common words): "
                                   "a scrambled font encoding, or not prose")
            return
    doc.review_reasons += _page_doubts(doc)


def bound_whitespace(doc: Document) -> None:
    """Cut every run of whitespace longer than ``MAX_WHITESPACE_RUN``."""
    for block in doc.blocks + doc.furniture:
        block.text = _shorten_runs(block.text)
        if block.table is not None:
            block.table.header = [_shorten_runs(t) for t in block.table.header]
            for row in block.table.rows:
                for cell in row.cells:
                    cell.text = _shorten_runs(cell.text)


def _shorten_runs(text: str) -> str:
    if len(text) <= MAX_WHITESPACE_RUN:
        return text
    return _LONG_WHITESPACE.sub(lambda m: "\n" if "\n" in m.group() else " ", text)


def _ascii_lower(text: str) -> str:
    """A-Z lowered and nothing else, in one pass over the whole text rather
    than a call per word: UTF-8 bytes of other characters are all above
    0x7F, which ``bytes.lower`` leaves alone (``str.lower`` would also turn
    the Kelvin sign into a "k"). The words are then found in the text
    joined by line breaks, which end a word as the end of each text does."""
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


def _common_share(words: list[str]) -> float:
    return sum(map(_FUNCTION_WORDS.__contains__, words)) / len(words)


def undecodable_share(text: str) -> float:
    """Share of the non-space characters that are not characters at all."""
    # Most text has no "(cid:" at all: then there is nothing to take out.
    cids = _CID.findall(text) if "(cid:" in text else []
    rest = _CID.sub("", text) if cids else text
    bad = len(cids) + len(_UNDECODABLE.findall(rest))
    if not bad:  # the usual case: no need to count the characters
        return 0.0
    total = len(cids) + sum(map(len, rest.split()))  # split() drops exactly what isspace() calls space
    return bad / total if total else 0.0


def _page_doubts(doc: Document) -> list[str]:
    doubts = []
    by_page: dict[int, list[str]] = {}
    for block in doc.blocks:
        if block.page is not None:
            by_page.setdefault(block.page, []).extend(_texts([block]))
    garbled = [n for n, t in sorted(by_page.items())
               if undecodable_share("".join(t)) >= MAX_UNDECODABLE_SHARE]
    if garbled:
        doubts.append(f"undecodable glyphs on page(s) {_numbers(garbled)}")
    return doubts


def _texts(blocks: list[Block]):
    for block in blocks:
        yield block.text
        if block.table is not None:
            yield from block.table.header
            yield from (c.text for row in block.table.rows for c in row.cells)


def _numbers(pages: list[int]) -> str:
    return ", ".join(map(str, pages[:10])) + (f" and {len(pages) - 10} more" if len(pages) > 10 else "")
