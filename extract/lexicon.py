"""The words and marks every stage reads documents by, in one place: month
names, bullet glyphs, list enumerators, the words that say an action is done
or under way, and the words that make a phrase a post rather than a person.

A leaf module (it imports only the standard library) so readers, extractors
and the normaliser share one copy; patterns are strings to be compiled by
the caller with the flags its grammar needs.
"""
from __future__ import annotations

import calendar
import re

# -- months ---------------------------------------------------------------

MONTH_NAMES = tuple(name.lower() for name in calendar.month_name if name)
MONTHS_FULL = "|".join(MONTH_NAMES)
# A month as printed in full or abbreviated ("Sept", "Jun").
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
MONTH_ABBREVIATIONS = tuple(name[:3] for name in MONTH_NAMES if len(name) > 3) + ("sept",)
YEAR_RE = re.compile(r"\b(19[89]\d|20\d\d)\b")

# -- lists ----------------------------------------------------------------

# Typographic bullets, including the Symbol-font bullet Word and PDF
# conversions leave as a private-use character.
BULLET_GLYPHS = "•◦▪▫‣⁃●○■□·\uf0b7"
# Plain-text bullets. PDF text is not read with these: a line there opening
# with a hyphen is a range, a minus sign or a hyphenated word cut by a break.
TYPED_BULLETS = "-*"
BULLET_MARKS = BULLET_GLYPHS + TYPED_BULLETS
BULLET_GLYPH = "[" + re.escape(BULLET_GLYPHS) + "]"
BULLET_MARK = "[" + re.escape(BULLET_MARKS) + "]"
# A list item's own number: "i)", "(ii)", "a)", "3.", "iv.", "b.". A capital
# letter with a full stop is a person's initial ("J. Smith"), whatever flags
# the caller compiles with.
ENUMERATOR = r"\(?(?:[ivx]{1,5}|[a-z]|\d{1,2})\)|(?:[ivx]{1,5}|\d{1,2}|(?-i:[a-z]))\."

# -- where an action stands -----------------------------------------------

# A verdict that work is finished.
COMPLETION_WORDS = r"completed|achieved|done"
# A state that only exists once the work is done.
IN_EFFECT_WORDS = r"in\s+(?:place|use|operation)"
# A start-type event told in the past.
STARTED_WORDS = r"commenced|began|went\s+live|took\s+place|took\s+effect"
# Work under way.
ONGOING_WORDS = r"on[\s-]?going|in\s+progress|under\s?way"
# Work that recurs with no end.
RECURRENCE_WORDS = r"weekly|fortnightly|monthly|quarterly|annually|yearly|bi-?annually|six[\s-]monthly"

# -- people -------------------------------------------------------------

# Words that make a phrase a job title rather than a person's name.
POST_WORDS = frozenset({
    "head", "director", "manager", "officer", "chief", "executive", "lead", "leader", "team",
    "services", "service", "department", "board", "committee", "group", "panel", "assistant",
    "deputy", "senior", "coordinator", "co-ordinator", "consultant", "adviser", "advisor",
    "supervisor", "president", "chair", "chairman", "secretary", "controller", "partner",
    "specialist", "analyst", "administrator", "of", "and", "for", "the", "customer", "housing",
    "finance", "development", "communications", "performance", "maintenance", "repairs",
    "involvement", "resident", "residents", "tenant", "tenants", "policy", "operations", "all",
    "staff", "colleagues", "managers", "hr", "it", "ict", "asset", "assets", "regional", "area",
    # Service areas that open a post's title ("Neighbourhood Services Manager").
    "neighbourhood", "neighbourhoods", "lettings", "income", "rent", "rents", "estate", "estates",
    "insight", "community", "communities", "equality", "diversity", "resources", "property", "contact",
    "centre", "support", "quality", "governance", "strategy", "business", "corporate", "technical",
    "planning", "safety", "health", "tenancy", "welfare", "procurement", "information", "legal",
    "compliance", "risk", "audit", "investment", "regeneration", "homes", "sales", "people",
})
# Labels a plan prints before the person answerable for an entry.
OWNER_LABEL = r"responsible(?:\s+officer)?|lead(?:\s+officer)?|owner|accountable"
SPONSOR_LABEL = r"(?:executive\s+)?sponsor"
