"""Lemmas and similarity for comparing a recommendation with a plan's restatement.

Plans restate recommendations in their own house style: imperative for the
report's gerund ("Produce" for "producing"), "customers" for "tenants",
"colleagues" for "staff". Comparing lemmas after folding a small list of
domain synonyms makes those rewordings disappear, so what is left is a real
difference of content.
"""
from __future__ import annotations

import gzip
import importlib.util
import json
import re
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

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


# Words as spaCy's English tokenizer cuts them, for the words that carry
# letters or digits (punctuation is dropped anyway): web addresses and
# numbers keep their separators ("5,000", "31/03/2011", "2.4"), a unit comes
# off its number ("1m"), dotted names stay whole ("e.g.", "r2.4"), clitics
# come off ("do" + "n't", "tenant" + "'s"). A letter may carry combining
# marks (Indic scripts), which Python's \w leaves out.
_LETTER = r"(?:\w|[\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0900-\u0963\u0966-\u0dff])"
_TOKEN_RE = re.compile(r"""
      (?:https?://|www\.)\S+?(?=[.,;:!?)\]]*(?:\s|$))
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+
    | \d+(?:[.,/:]\d+)+
    | \d+(?=(?:km|kg|mm|cm|ml|mg|m|g|l|am|pm)\b)
    | \w+?(?=n't\b) | n't\b | can(?=not\b)
    | '(?:s|d|ll|m|re|ve)\b
    | (?:[a-z]\.){2,}
    | <L>+(?:\.<L>+)+
    | <L>+
""".replace("<L>", _LETTER), re.VERBOSE)


# The lemma tables and stop list are spaCy's own data, read directly:
# importing spaCy to get at them costs a second and 150 MB.
def _spacy_lookups(name: str) -> dict:
    import importlib.resources

    path = importlib.resources.files("spacy_lookups_data").joinpath("data", f"en_{name}.json.gz")
    with path.open("rb") as fh:
        return json.loads(gzip.decompress(fh.read()))


@lru_cache(maxsize=1)
def _lookup_table() -> dict[str, str]:
    return _spacy_lookups("lemma_lookup")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words, run from its source file: importing the
    module would import spaCy as a whole."""
    spec = importlib.util.find_spec("spacy")
    source = Path(spec.submodule_search_locations[0], "lang", "en", "stop_words.py")
    namespace: dict = {}
    exec(compile(source.read_text(encoding="utf-8"), str(source), "exec"), namespace)
    return frozenset(namespace["STOP_WORDS"])


@lru_cache(maxsize=1)
def _known_lemmas() -> frozenset[str]:
    index = _spacy_lookups("lemma_index")
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
    words = _TOKEN_RE.findall((text or "").translate(_TYPOGRAPHY).lower())
    return tuple((word, lemma(word)) for word in words)


def lemmas(text: str) -> list[str]:
    """Every lemma of ``text`` in order."""
    return [lem for _, lem in tokens(text)]


def is_content(word: str, lem: str) -> bool:
    """A word that carries meaning: not a stop word, not a possessive clitic."""
    stop_words = _stop_words()
    return word not in stop_words and lem not in stop_words and word not in {"'s", "'"}


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
