"""Recommendation references in canonical form (see samples/gold/README.md).

Audit Commission reports number headlines ``R1``..``Rn`` and their bullets
``R<n>.<k>``; plans write the same refs loosely (``R1.``, ``6.4``,
``Recommendation 2.1``) or use a scheme of their own (``1A``, ``3D``), which
is kept.

A bullet written by its enumerator as the report prints it, a lower-case
letter or a roman numeral (``2b``, ``2.b``, ``Rec 2(b)``, ``Recommendation 2
(b)``, ``R2 (ii)``), or any letter after an ``R`` (``R2B``), is bullet k of
headline n: ``R<n>.<k>``. An upper-case letter straight after a bare number
(``1A``) is a plan's own scheme.

A leaf module: the report extractor names its headlines canonically while
reading, and the normaliser and the plan layouts use the same grammar.
"""
from __future__ import annotations

import re

ROMAN_NUMERALS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")

# The ref grammar as a pattern string, for callers that look for a ref at
# the start of a paragraph or cell: an optional "Recommendation"/"Rec"
# prefix, an optional R, the headline number and an optional bullet part.
REF_PATTERN = (
    r"(?:(?:recommendation|rec)\.?\s*)?R?\s?\d{1,2}"
    r"(?:\s*\.\s*\d{1,2}(?!\d)"
    r"|\s*\.?\s*\(\s*(?:[ivx]{1,4}|[a-h])\s*\)"
    r"|\s*\.\s*(?:[ivx]{1,4}|[a-h])(?![\w])"
    r"|[a-zA-Z](?![\w]))?"
)

_PREFIX_RE = re.compile(r"^\s*(?:recommendation|rec\.?|ref\.?)\s*", re.IGNORECASE)
_PARTS_RE = re.compile(
    r"^(?P<r>R\s*)?(?P<n>\d{1,2})"
    r"(?:\s*\.\s*(?P<dot>\d{1,2})"
    r"|\s*\.?\s*\(\s*(?P<par>[ivx]{1,4}|[a-z])\s*\)"
    r"|\s*\.\s*(?P<dl>[ivx]{1,4}|[a-z])"
    r"|\s*(?P<let>[a-zA-Z]))?\.?$", re.IGNORECASE)


def _enumerator_number(mark: str) -> int:
    """``b`` -> 2, ``ii`` -> 2: roman numerals (i..x) read as numerals, other letters by position."""
    mark = mark.lower()
    if mark in ROMAN_NUMERALS:
        return ROMAN_NUMERALS.index(mark) + 1
    return ord(mark) - ord("a") + 1


def canonical_ref(text: str | None, *, r_scheme: bool = False) -> str | None:
    """``R1.`` -> ``R1``; ``6.4`` -> ``R6.4``; ``Rec 2(b)`` -> ``R2.2``;
    ``Recommendation1B`` -> ``1B``.

    A bare number is a headline of the plan's own scheme unless ``r_scheme``
    says the document numbers its recommendations R1..Rn.
    """
    if text is None:
        return None
    body = _PREFIX_RE.sub("", text.strip()).strip(" :–-")
    m = _PARTS_RE.match(body)
    if not m:
        return None
    n = int(m["n"])
    if m["dot"]:
        return f"R{n}.{int(m['dot'])}"
    mark = m["par"] or m["dl"]
    if mark:
        return f"R{n}.{_enumerator_number(mark)}"
    if m["let"]:
        letter = m["let"]
        if m["r"] or letter.islower():
            return f"R{n}.{ord(letter.lower()) - ord('a') + 1}"
        return f"{n}{letter}"
    return f"R{n}" if (m["r"] or r_scheme) else str(n)
