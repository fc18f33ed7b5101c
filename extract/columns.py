"""Plan table columns: the role of each column, read from its header words.

Nothing depends on a column's position; an unlabelled column takes its role
from what its cells hold.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from .refs import REF_PATTERN

class Role(StrEnum):
    ACTION = "action"
    DUE = "due"
    OWNER = "owner"
    PROGRESS = "progress"
    STATUS = "status"
    MEASURES = "measures"
    OUTCOME = "outcome"
    REF = "ref"
    RECOMMENDATION = "recommendation"
    METHOD = "method"  # "How we will do this": describes an action, is not one


# First match wins: "Progress taken to date" must be progress before "date"
# makes it a due column, "Action owner" an owner before "action" claims it,
# and "How ... will do this" a method before "will do" makes it the action.
_HEADER_ROLES: list[tuple[Role, re.Pattern]] = [
    (Role.REF, re.compile(r"^(?:ref(?:erence)?|no|number|#|item|rec(?:ommendation)?\s*(?:no|ref|number))\.?$")),
    (Role.MEASURES, re.compile(r"how do (?:we|you|i) know|measure|evidence|success|indicator|\bkpi")),
    (Role.PROGRESS, re.compile(r"progress|update|comment")),
    (Role.STATUS, re.compile(r"status|\brag\b")),
    (Role.DUE, re.compile(r"^by\b|\bby$|date|deadline|\bwhen\b|timescale|time ?frame|\bdue\b|completion")),
    (Role.OWNER, re.compile(r"responsib|\blead\b|owner|officer|\bwho\b|accountable")),
    (Role.METHOD, re.compile(r"^how\b")),
    (Role.ACTION, re.compile(r"action|will do|what we|\btasks?\b|activit|\bsteps?\b|proposed")),
    (Role.RECOMMENDATION, re.compile(r"recommendation|area for improvement|\bissue")),
    (Role.OUTCOME, re.compile(r"outcome|means for|benefit|result")),
]

# What a ref column's cell holds: "R2.1", "Rec 3", "1A", "2", maybe with text after.
CELL_REF_RE = re.compile(rf"^((?i:{REF_PATTERN}))\.?(?:\s*[:.–—-]?\s+(.*))?$", re.S)


@dataclass
class ColumnMap:
    """The role of each column (None: a column whose header says nothing we
    use)."""

    roles: list[Role | None]

    def cols(self, role: Role) -> list[int]:
        return [i for i, r in enumerate(self.roles) if r is role]

    def has(self, role: Role) -> bool:
        return role in self.roles


# Every page of a long plan repeats the same few header cells.
@lru_cache(maxsize=1024)
def role_of_header(text: str) -> Role | None:
    words = re.sub(r"[^a-z0-9#/ ]+", " ", text.lower().replace("’", "'")).strip()
    words = re.sub(r"\s+", " ", words)
    for role, pattern in _HEADER_ROLES:
        if pattern.search(words):
            return role
    return None


def map_columns(header: list[str], rows: list[list[str]] | None = None) -> ColumnMap:
    """Header cells -> roles. An unlabelled column is a ref column when its
    cells hold refs, otherwise an extra progress column: printed plans use
    one for notes on how an action is going, never for its date."""
    roles: list[Role | None] = []
    for i, text in enumerate(header):
        if not text.strip():
            body = [r[i] for r in rows or [] if i < len(r) and r[i].strip()]
            refs = [t for t in body if CELL_REF_RE.match(t.strip()) and len(t.split()) <= 2]
            roles.append(Role.REF if body and len(refs) > len(body) / 2 else Role.PROGRESS)
            continue
        roles.append(role_of_header(text))
    return ColumnMap(roles)


# Columns only an action plan's tables have: a table with none of them (a
# report's judgement table) does not make the paragraph before it an entry.
PLAN_ROLES = (Role.ACTION, Role.DUE, Role.OWNER, Role.PROGRESS, Role.STATUS)


def is_long_table(cmap: ColumnMap) -> bool:
    """A table that names the recommendation on its rows: it is a plan on
    its own, not the action table of an entry."""
    return cmap.has(Role.ACTION) and (cmap.has(Role.REF) or cmap.has(Role.RECOMMENDATION))
