"""Recommendation references in canonical form (see samples/gold/README.md).

Audit Commission reports number headlines ``R1``..``Rn`` and their bullets
``R<n>.<k>``; plans write the same refs loosely (``R1.``, ``6.4``,
``Recommendation 2.1``) or use a scheme of their own (``1A``, ``3D``), which
is kept.
"""
from __future__ import annotations

import re
from collections import Counter

REF_BODY = r"(?:R\s?\d{1,2}(?:\.\d{1,2})?|\d{1,2}\.\d{1,2}|\d{1,2}[A-Z]|\d{1,2})"
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


def parent_of(ref: str) -> str | None:
    """The headline a bullet belongs to: ``R2.3`` -> ``R2``, ``1A`` -> ``1``."""
    if m := re.fullmatch(r"(R\d+)\.\d+", ref):
        return m[1]
    if m := re.fullmatch(r"(\d+)[A-Z]", ref):
        return m[1]
    return None


def sort_key(ref: str) -> tuple:
    """Natural order (R2 < R10) that also orders refs of mixed schemes."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|[A-Z]+", ref))


def sequence_gaps(refs: list[str]) -> tuple[list[str], list[str]]:
    """Refs missing from otherwise continuous runs (R1..Rn, R2.1..R2.k, 1A..1F)
    and refs that occur more than once."""
    counts = Counter(refs)
    repeats = sorted((r for r, n in counts.items() if n > 1), key=sort_key)
    present = set(refs)
    gaps: list[str] = []
    heads = {int(m[1]) for r in present if (m := re.match(r"R?(\d+)", r))}
    r_style = any(r.startswith("R") for r in present)
    if heads:
        for n in range(1, max(heads) + 1):
            if n not in heads:
                gaps.append(f"R{n}" if r_style else str(n))
    children: dict[str, set] = {}
    for r in present:
        if m := re.fullmatch(r"(R\d+)\.(\d+)", r):
            children.setdefault(m[1], set()).add(int(m[2]))
        elif m := re.fullmatch(r"(\d+)([A-Z])", r):
            children.setdefault(m[1], set()).add(ord(m[2]) - ord("A") + 1)
    for head, members in children.items():
        for k in range(1, max(members) + 1):
            if k not in members:
                gaps.append(f"{head}.{k}" if head.startswith("R") else f"{head}{chr(ord('A') + k - 1)}")
    return sorted(gaps, key=sort_key), repeats
