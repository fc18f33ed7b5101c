"""Running heads and footers: lines in the page's top and bottom bands that
recur across pages, kept apart from the body."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from .lines import Line

BandLine = tuple[str, Line]  # ("top" | "bottom", the line)


def detect_furniture(pages: Iterable[list[BandLine]]) -> set[tuple[str, str]]:
    """Running heads and footers: band lines whose text (digits folded)
    recurs on at least two pages near the same height."""
    pages = list(pages)
    seen: dict[tuple[str, str], list[float]] = defaultdict(list)
    for band_lines in pages:
        for band, line in band_lines:
            seen[(band, normalise_furniture(line.text))].append(line.top)
    furniture = set()
    for key, tops in seen.items():
        if len(tops) >= 2 and max(tops) - min(tops) < 6:
            furniture.add(key)
        elif re.fullmatch(r"(page\s*)?#+(\s*of\s*#+)?", key[1]):
            furniture.add(key)
    # A running head that changes with the section sits in the same slot as
    # the recurring ones: on a section's first page it is printed only once.
    slots = Counter((band, round(top)) for (band, _), tops in seen.items() if (band, _) in furniture
                    for top in tops)
    busy_slots = {slot for slot, n in slots.items() if n >= 3}
    for band_lines in pages:
        for band, line in band_lines:
            if (band, round(line.top)) in busy_slots:
                furniture.add((band, normalise_furniture(line.text)))
    return furniture


def normalise_furniture(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())
