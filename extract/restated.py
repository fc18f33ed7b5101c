"""A deadline a plan restates inside the recommendation's own cell or line:
"... by March 2011.", "... (to be completed by June 2011)", "... (target
date: Sep-11)", "... - immediately".

Only a clause that closes the text and names a date or "immediately" is a
deadline; "by" inside a recommendation ("by consulting tenants") is not.
The words are kept as printed for the normaliser to parse.
"""
from __future__ import annotations

import re

from .lexicon import MONTH

# What a deadline clause must name: a year, a month with a year or a
# two-digit year, a numeric date, a financial quarter or year, or "immediately".
_TOKEN = (rf"(?:\b(?:19|20)\d\d(?:/\d{{2}}(?:\d\d)?)?\b|\b{MONTH}[\s'’-]*\d\d\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b"
          r"|\bQ[1-4]\b|\bfinancial\s+year\b)")
# Inside brackets the date may have words after it; closing a sentence it must end it.
_WHEN = rf"(?:[^()]*?{_TOKEN}[^()]*?|immediately|as\s+soon\s+as\s+possible)"
_WHEN_LAST = rf"(?:[^()]{{0,40}}?{_TOKEN}|immediately|as\s+soon\s+as\s+possible)"
_CLAUSE = re.compile(
    r"(?:\s*[(\[]\s*(?P<p>(?:(?:to\s+be\s+)?(?:completed|achieved|implemented|done|delivered|in\s+place)\s+)?"
    rf"(?:by|before|no\s+later\s+than)\s+|(?:target(?:\s+date)?|deadline|due)\s*[:\-–]?\s*)(?P<pw>{_WHEN})\s*[)\]]"
    rf"|\s+(?:(?:to\s+be\s+)?(?:completed|achieved|implemented|in\s+place)\s+)?(?:by|before|no\s+later\s+than)\s+"
    rf"(?P<bw>{_WHEN_LAST})"
    rf"|\s*[–—-]\s*(?:target(?:\s+date)?|deadline)\s*[:\-–]?\s*(?P<tw>{_WHEN_LAST}))\s*[.;]?\s*$", re.I | re.S)


def split_restated_deadline(text: str) -> tuple[str, str | None]:
    """(the restatement without its deadline clause, the deadline as printed or None)."""
    m = _CLAUSE.search(text)
    if not m:
        return text, None
    when = (m["pw"] or m["bw"] or m["tw"]).strip(" .;")
    rest = text[:m.start()].rstrip(" ,;:–—-")
    if not rest:
        return text, None
    return rest, when
