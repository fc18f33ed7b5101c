"""Deadlines an inspector sets relative to the report itself.

"within three months of publication", "within a year of this report",
"within six months", "by the end of the next financial year" name no date
on their own; against the report's own date (its publication month, as a
``DateSpan``) they do. The result keeps the precision of that date: a report
published in "June 2010" asked for "within three months" is due by
September 2010, a month.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from .dates import DAY, MONTH, YEAR, DateSpan

_COUNT_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_COUNT_WORDS.update({"a": 1, "an": 1, "eighteen": 18, "twenty-four": 24})
_WITHIN = re.compile(
    r"\bwithin\s+(?:the\s+)?(?:next\s+)?(?P<n>\d{1,2}|[a-z-]+)\s+(?P<unit>weeks?|months?|years?)\b", re.I)
_NEXT_FY = re.compile(r"\bend\s+of\s+(?:the\s+)?next\s+(?:financial|fiscal)\s+year\b", re.I)


def _shift_months(d: date, months: int, *, to_month_end: bool) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, last if to_month_end else min(d.day, last))


def relative_deadline(text: str | None, published: DateSpan | None) -> DateSpan | None:
    """The span a relative deadline names, counted from ``published``; None
    when the text is not relative or there is no date to count from."""
    if not text or published is None:
        return None
    if m := _WITHIN.search(text):
        n = int(m["n"]) if m["n"].isdigit() else _COUNT_WORDS.get(m["n"].lower())
        if n is None:
            return None
        unit = m["unit"].lower().rstrip("s")
        whole_months = published.precision != DAY
        if unit == "week":
            end = published.end + timedelta(weeks=n)
            if whole_months:
                end = _shift_months(end, 0, to_month_end=True)
        else:
            months = n * 12 if unit == "year" else n
            end = _shift_months(published.end, months, to_month_end=whole_months)
        start = end.replace(day=1) if whole_months else end
        return DateSpan(start, end, MONTH if whole_months else published.precision, m.group(0))
    if m := _NEXT_FY.search(text):
        current_end = published.end.year + (1 if published.end.month >= 4 else 0)
        return DateSpan(date(current_end, 4, 1), date(current_end + 1, 3, 31), YEAR, m.group(0))
    return None

