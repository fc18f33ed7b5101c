"""Owners and sponsors: split "Name – Role" texts and merge people across entries.

A plan names the same person with different role titles on different pages
("Head of Customer Contact Centre" / "Head of Customer Service Centre"): that
is one person with both titles. A post named with no person ("Head of
Housing") is recorded as a post.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from acplans.extract.lexicon import POST_WORDS

_SEPARATOR_RE = re.compile(r"\s+[–—-]\s+|\s*[–—]\s*|\s*\|\s*|\s*:\s+")
_NAME_TOKEN_RE = re.compile(r"^(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.?|Du|De|Van|Von|Mc[A-Z][a-z]+|O’[A-Z][a-z]+|O'[A-Z][a-z]+)$")
_TITLE_RE = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Prof)\.?\s+", re.IGNORECASE)


@dataclass(frozen=True)
class PersonRef:
    name: str | None
    role: str | None


def looks_like_name(text: str) -> bool:
    """Two to four capitalised words, none of them a job-title word."""
    words = _TITLE_RE.sub("", text.strip()).split()
    if not 2 <= len(words) <= 4:
        return False
    return all(_NAME_TOKEN_RE.match(w) for w in words) and not any(w.lower() in POST_WORDS for w in words)


def parse_person(text: str | None) -> PersonRef:
    """``"Jim Preston – Director of Maintenance Services"`` ->
    name "Jim Preston", role "Director of Maintenance Services";
    ``"Director, Communications"`` alone -> a post."""
    if not text or not text.strip():
        return PersonRef(None, None)
    text = " ".join(text.split()).strip(" .;,")
    parts = [p.strip(" .;,") for p in _SEPARATOR_RE.split(text, maxsplit=1) if p.strip(" .;,")]
    if len(parts) == 2:
        first, second = parts
        if looks_like_name(first):
            return PersonRef(clean_name(first), second)
        if looks_like_name(second):
            return PersonRef(clean_name(second), first)
    if "," in text:
        first, _, rest = text.partition(",")
        if looks_like_name(first):
            return PersonRef(clean_name(first), rest.strip() or None)
        last_role, _, last = text.rpartition(",")
        if looks_like_name(last):
            return PersonRef(clean_name(last), last_role.strip() or None)
    if looks_like_name(text):
        return PersonRef(clean_name(text), None)
    return PersonRef(None, text)


def clean_name(text: str) -> str:
    return _TITLE_RE.sub("", " ".join(text.split())).strip()


def person_key(name: str | None, role: str | None) -> str:
    basis = (name or f"post:{role or ''}").lower()
    return re.sub(r"[^a-z0-9:]+", " ", basis).strip()


def person_id(key: str) -> str:
    return hashlib.sha1(key.encode()).hexdigest()[:12]


@dataclass
class PersonRecord:
    key: str
    name: str | None
    roles: list[str] = field(default_factory=list)
    as_owner: list[str] = field(default_factory=list)
    as_sponsor: list[str] = field(default_factory=list)
    doc_id: str = ""
    source_path: str = ""
    page: int | None = None


class PeopleDirectory:
    """Collects every mention and merges them by normalised name."""

    def __init__(self) -> None:
        self.people: dict[str, PersonRecord] = {}

    def add(self, ref: PersonRef, *, response_id: str, as_sponsor: bool,
            doc_id: str, source_path: str, page: int | None) -> None:
        if ref.name is None and ref.role is None:
            return
        key = person_key(ref.name, ref.role)
        record = self.people.get(key)
        if record is None:
            record = self.people[key] = PersonRecord(key, ref.name, doc_id=doc_id,
                                                     source_path=source_path, page=page)
        if ref.role and ref.role not in record.roles:
            record.roles.append(ref.role)
        target = record.as_sponsor if as_sponsor else record.as_owner
        if response_id not in target:
            target.append(response_id)
