"""Owners and sponsors: split "Name – Role" texts and merge people across entries.

A cell names an owner in any order and punctuation: "Jane Smith, Head of
Housing", "Head of Housing – Jane Smith", "Head of Housing (Jane Smith)",
"Jane Smith Head of Housing", "J. Smith - HoH", a post alone, or two owners
("Jane Smith and Tom Jones"). A name is two to four capitalised words (or
initials) none of which is a post word; with no punctuation between name
and post, a spaCy ``Matcher`` over the tokens finds the name as the words
before the post's head word ("Head", "Manager", "Officer" ...).

A plan names the same person with different role titles on different pages
("Head of Customer Contact Centre" / "Head of Customer Service Centre"): that
is one person with both titles. A post named with no person ("Head of
Housing") is recorded as a post.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from acplans.extract.lexicon import POST_WORDS

from .language import english

_SEPARATOR_RE = re.compile(r"\s+[–—-]\s+|\s*[–—]\s*|\s*\|\s*|\s*:\s+")
_NAME_TOKEN_RE = re.compile(r"^(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.?|Du|De|Van|Von|Mc[A-Z][a-z]+|O’[A-Z][a-z]+|O'[A-Z][a-z]+)$")
_TITLE_RE = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Prof)\.?\s+", re.IGNORECASE)
_BRACKETED_RE = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)$")
_TWO_OWNERS_RE = re.compile(r"\s+(?:and|&)\s+|\s*/\s*|\s*;\s*")
# The words a post title turns on: what follows a name printed straight before a post must hold one.
POST_HEADS = ("head", "director", "manager", "officer", "chief", "executive", "lead", "leader", "assistant",
              "deputy", "senior", "coordinator", "co-ordinator", "adviser", "advisor", "supervisor",
              "chair", "secretary", "controller", "specialist", "analyst", "administrator", "team")


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


# An owner cell repeats down a plan's pages; PersonRef is frozen.
@lru_cache(maxsize=4096)
def parse_person(text: str | None) -> PersonRef:
    """``"Jim Preston – Director of Maintenance Services"`` ->
    name "Jim Preston", role "Director of Maintenance Services";
    ``"Director, Communications"`` alone -> a post. Two owners give their
    names joined by " and " and their roles by "; "."""
    if not text or not text.strip():
        return PersonRef(None, None)
    text = " ".join(text.split()).strip(" .;,")
    people = [parse_one(p) for p in _TWO_OWNERS_RE.split(text) if p.strip(" .;,")]
    # "and" also joins the words of one post ("Customer and Client Experience
    # Director"): only parts that are each a person, with a whole post if any, are two owners.
    if len(people) > 1 and all(p.name and (p.role is None or is_post(p.role)) for p in people):
        roles = [p.role for p in people if p.role]
        return PersonRef(" and ".join(p.name for p in people), "; ".join(roles) or None)
    return parse_one(text)


def is_post(text: str) -> bool:
    """A whole post title: it holds a head word ("Manager", "Head"), or is an abbreviation ("HoH")."""
    words = text.split()
    return any(w.lower().strip("(),") in POST_HEADS for w in words) or bool(
        len(words) == 1 and re.fullmatch(r"[A-Z][A-Za-z]{1,5}", text) and sum(c.isupper() for c in text) >= 2)


def parse_one(text: str) -> PersonRef:
    """One person, post, or person with a post."""
    text = text.strip(" .;,")
    if m := _BRACKETED_RE.match(text):
        outer, inner = m["outer"].strip(" ,–—-"), m["inner"].strip()
        if looks_like_name(inner):
            return PersonRef(clean_name(inner), outer or None)
        if looks_like_name(outer):
            return PersonRef(clean_name(outer), inner)
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
    if split := name_before_post(text):
        return split
    return PersonRef(None, text)


@lru_cache(maxsize=1)
def _name_matcher():
    """A Matcher on the run's spaCy vocabulary, built on the first owner
    parsed: commands that read no plan never pay for spaCy."""
    from spacy.matcher import Matcher

    nlp = english()
    matcher = Matcher(nlp.vocab)
    name_token = {"TEXT": {"REGEX": r"^(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.?|Mc[A-Z][a-z]+|O['’][A-Z][a-z]+)$"},
                  "LOWER": {"NOT_IN": sorted(POST_WORDS)}}
    post_word = {"LOWER": {"IN": sorted(POST_WORDS - {"of", "and", "for", "the", "all"})}, "IS_TITLE": True}
    matcher.add("NAME_THEN_POST", [[name_token] * n + [post_word] for n in (2, 3, 4)])
    return nlp, matcher


def name_before_post(text: str) -> PersonRef | None:
    """"Jane Smith Head of Housing": the name that opens the text right
    before a post's words, when those words hold a post's head word."""
    nlp, matcher = _name_matcher()
    doc = nlp.make_doc(text)  # tokens only: the names and posts are matched as written
    starts = [(end - start, start, end) for _, start, end in matcher(doc) if start == 0]
    if not starts:
        return None
    _, _, end = max(starts)
    name, role = doc[:end - 1].text, doc[end - 1:].text
    if not looks_like_name(name) or not any(t.lower_ in POST_HEADS for t in doc[end - 1:]):
        return None
    return PersonRef(clean_name(name), role)


def each_person(ref: PersonRef) -> list[PersonRef]:
    """The people of a two-owner ``PersonRef`` ("A and B", roles "r1; r2"), one each."""
    names = ref.name.split(" and ") if ref.name else []
    if len(names) < 2:
        return [ref]
    roles = ref.role.split("; ") if ref.role else []
    if len(roles) != len(names):
        roles = [None] * len(names)
    return [PersonRef(n, r) for n, r in zip(names, roles)]


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
        for one in each_person(ref):
            self._add_one(one, response_id=response_id, as_sponsor=as_sponsor, doc_id=doc_id,
                          source_path=source_path, page=page)

    def _add_one(self, ref: PersonRef, *, response_id: str, as_sponsor: bool,
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
