"""Recommendation references in canonical form (see samples/gold/README.md).

Audit Commission reports number headlines ``R1``..``Rn`` and their bullets
``R<n>.<k>``; plans write the same refs loosely (``R1.``, ``6.4``,
``Recommendation 2.1``) or use a scheme of their own (``1A``, ``3D``), which
is kept.

A leaf module: the report extractor names its headlines canonically while
reading, and the normaliser imports the same function.
"""
from __future__ import annotations

import re

_PREFIX_RE = re.compile(r"^\s*(?:recommendation|rec\.?|ref\.?)\s*", re.IGNORECASE)
_R_DOTTED_RE = re.compile(r"^R\s*(\d{1,2})(?:\s*\.\s*(\d{1,2}))?\.?$", re.IGNORECASE)
_DOTTED_RE = re.compile(r"^(\d{1,2})\s*\.\s*(\d{1,2})\.?$")
_OWN_SCHEME_RE = re.compile(r"^(\d{1,2})\s*([A-Z])\.?$", re.IGNORECASE)
_NUMBER_RE = re.compile(r"^(\d{1,2})\.?$")


def canonical_ref(text: str | None, *, r_scheme: bool = False) -> str | None:
    """``R1.`` -> ``R1``; ``6.4`` -> ``R6.4``; ``Recommendation1B`` -> ``1B``.

    A bare number is a headline of the plan's own scheme unless ``r_scheme``
    says the document numbers its recommendations R1..Rn.
    """
    if text is None:
        return None
    body = _PREFIX_RE.sub("", text.strip()).strip(" :–-")
    if m := _R_DOTTED_RE.match(body):
        return f"R{int(m[1])}" + (f".{int(m[2])}" if m[2] else "")
    if m := _DOTTED_RE.match(body):
        return f"R{int(m[1])}.{int(m[2])}"
    if m := _OWN_SCHEME_RE.match(body):
        return f"{int(m[1])}{m[2].upper()}"
    if m := _NUMBER_RE.match(body):
        return f"R{int(m[1])}" if r_scheme else str(int(m[1]))
    return None
