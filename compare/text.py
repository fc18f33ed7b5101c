"""Lemmas and similarity for comparing a recommendation with a plan's restatement.

Plans restate recommendations in their own house style: imperative for the
report's gerund ("Produce" for "producing"), "customers" for "tenants",
"colleagues" for "staff". Comparing lemmas after folding a small list of
domain synonyms makes those rewordings disappear, so what is left is a real
difference of content.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from acplans.normalize.language import english

# Each group is one meaning in social-housing writing; the first word stands
# for the group. Only words a plan swaps for the inspector's word without
# changing who or what is meant belong here.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("tenant", "customer", "resident"),
    ("staff", "colleague", "employee"),
    ("produce", "develop", "create", "prepare"),
    ("improve", "enhance"),
    ("publicise", "publicize"),
    ("prioritise", "prioritize"),
    ("organisation", "organization"),
    ("programme", "program"),
)

_CANONICAL = {word: group[0] for group in SYNONYM_GROUPS for word in group}

# Typographic quotes and dashes vary between a report and a plan typed from it.
_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@lru_cache(maxsize=1)
def _lookup_table():
    return english().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")


@lru_cache(maxsize=1)
def _known_lemmas() -> frozenset[str]:
    from spacy.lookups import load_lookups

    index = load_lookups("en", ["lemma_index"]).get_table("lemma_index")
    return frozenset(word for pos in ("noun", "verb", "adj", "adv") for word in index[pos])


def lemma(word: str) -> str:
    """Lemma of one lower-case word, with synonyms folded.

    The lookup table is applied until it settles because it is not
    idempotent ("buildings" -> "building" -> "build"), and the two sides of a
    comparison may stop at different steps. It also invents a few lemmas with
    a stray final "e" ("developing" -> "develope"); those are mended when the
    word without the "e" is a known lemma.
    """
    table = _lookup_table()
    current = word
    for _ in range(3):
        following = table.get(current, current)
        if following == current:
            break
        current = following
    if current != word and current.endswith("e"):
        known = _known_lemmas()
        if current not in known and current[:-1] in known:
            current = current[:-1]
    return _CANONICAL.get(current, current)


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[tuple[str, str], ...]:
    """(word as printed, lemma) for every word of ``text``, punctuation dropped."""
    doc = english()((text or "").translate(_TYPOGRAPHY).lower())
    out = []
    for token in doc:
        if token.is_punct or token.is_space or not re.search(r"\w", token.text):
            continue
        out.append((token.text, lemma(token.text)))
    return tuple(out)


def lemmas(text: str) -> list[str]:
    """Every lemma of ``text`` in order."""
    return [lem for _, lem in tokens(text)]


def is_content(word: str, lem: str) -> bool:
    """A word that carries meaning: not a stop word, not a possessive clitic."""
    stop_words = _stop_words()
    return word not in stop_words and lem not in stop_words and word not in {"'s", "'"}


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return frozenset(english().Defaults.stop_words)


def content_lemmas(text: str) -> list[str]:
    return [lem for word, lem in tokens(text) if is_content(word, lem)]


def similarity(a: str, b: str) -> float:
    """Similarity (0..1) of the content lemmas of two texts.

    Token-set similarity scores a short text found inside a long one as a
    perfect match ("monitor and improve performance" inside a longer,
    different recommendation), so it is averaged with token-sort similarity,
    which counts the words the short text leaves out.
    """
    left, right = " ".join(content_lemmas(a)), " ".join(content_lemmas(b))
    if not left or not right:
        return 0.0
    return (fuzz.token_set_ratio(left, right) + fuzz.token_sort_ratio(left, right)) / 200.0


def same_words(a: str | None, b: str | None) -> bool:
    """True when two short texts (deadlines as printed) say the same thing."""
    return lemmas(a or "") == lemmas(b or "")
