"""Which version of a plan a document is: its stated progress date, version
number, a dated file name or its publication date.

Landlords re-issue an action plan with progress notes ("SNI Action Plan -
progress at December 2010", "Update June 2011", "as at 30/06/2011", "v2").
Pairing orders the plans of one inspection by this stamp and tells a
re-issue (a different stamp) from a copy (the same one).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from acplans.schemas.rows import DocumentRow

from .dates import find_dates

# Words that introduce the date a plan reports progress at.
_PROGRESS_CUE = re.compile(
    r"\b(?:progress(?:\s+(?:update|report))?(?:\s+(?:at|as\s+at|as\s+of|to))?|"
    r"(?:updated?|revised|position|status)\s+(?:at|as\s+at|as\s+of|on)|update|as\s+at|as\s+of)\b[\s:,-]*", re.I)
_VERSION_NUMBER = re.compile(r"\b(?:v|ver\.?|version|issue|revision|rev\.?)\s*(\d{1,3}(?:\.\d{1,2})?)\b", re.I)
# A file name separates words with - _ . as often as spaces.
_NAME_SEPARATORS = re.compile(r"[-_.]+")


@dataclass(frozen=True)
class VersionStamp:
    """How a plan says which version it is; ``sort_key`` orders versions."""

    label: str  # the words read, e.g. "progress at December 2010"
    day: date | None  # the date the version reports progress at, or was published
    number: float | None = None  # an explicit version number

    @property
    def sort_key(self) -> tuple:
        return (self.day or date.min, self.number or 0.0)


def _cued_date(text: str | None) -> VersionStamp | None:
    """A date right after a progress cue: "progress at December 2010", "as at 30/06/2011"."""
    for cue in _PROGRESS_CUE.finditer(text or ""):
        rest = text[cue.end():cue.end() + 40]
        spans = find_dates(rest)
        if spans and 0 <= rest.find(spans[0].text) <= 1:
            words = text[cue.start():cue.end() + rest.find(spans[0].text) + len(spans[0].text)]
            return VersionStamp(" ".join(words.split()), spans[0].end)
    return None


def _version_number(text: str | None) -> VersionStamp | None:
    match = _VERSION_NUMBER.search(text or "")
    return VersionStamp(match.group(0), None, float(match.group(1))) if match else None


def _dated_name(name: str | None) -> VersionStamp | None:
    # A bare year in a file name is the inspection's year, shared by every
    # version; only a month or a day tells versions apart.
    words = _NAME_SEPARATORS.sub(" ", (name or "").rsplit(".", 1)[0])
    precise = [s for s in find_dates(words) if s.precision in ("day", "month")]
    return VersionStamp(precise[-1].text.strip(), precise[-1].end) if precise else None


def _published(text: str | None) -> VersionStamp | None:
    spans = find_dates(text)
    return VersionStamp(f"published {text.strip()}", spans[-1].end) if spans else None


def read_stamp(title: str | None, opening_text: str | None, source_name: str | None,
               published: str | None) -> VersionStamp | None:
    """The stamp of a plan: a stated progress date (title, then opening words
    and running headers), else a version number (same places, then the file
    name), else a month or day in the file name, else its publication date;
    None when it states none of them."""
    name = _NAME_SEPARATORS.sub(" ", source_name or "")
    return (_cued_date(title) or _cued_date(opening_text) or _version_number(title)
            or _version_number(opening_text) or _cued_date(name) or _version_number(name)
            or _dated_name(source_name) or _published(published))


def recorded_stamp(doc: DocumentRow) -> VersionStamp | None:
    """The stamp the normaliser recorded in a document row's version columns."""
    if not doc.version_label:
        return None
    number = _version_number(doc.version_label)
    return VersionStamp(doc.version_label, doc.version_date, number.number if number else None)
