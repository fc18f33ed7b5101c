"""Recommendation references across a document: parents, order and gaps.

Canonical form itself (``canonical_ref``) lives with the extractors, in
``acplans.extract.refs``, because the report extractor needs it while
reading and extract must not import the normaliser.
"""
from __future__ import annotations

import re
from collections import Counter

from acplans.extract.refs import canonical_ref

__all__ = ["canonical_ref", "parent_of", "sequence_gaps", "sort_key"]


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
