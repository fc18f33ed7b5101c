"""Due dates and deadlines as printed in inspection reports and action plans.

Every date keeps its interval and precision, so a comparator can tell an
action due after a deadline from one that merely overlaps it. Text that
names no date gives ``None`` and keeps its words; nothing is guessed.

Grammar (case-insensitive unless said otherwise):

- Day, month, year in words: ``1st October 2010``, ``31 July 2010``,
  ``the 1st of October, 2010``, ``1-Oct-10``; US order only when the day is an
  ordinal or a year follows (``October 1st``, ``October 1, 2010``).
- Month and year: ``June 2011``, ``Sept. 2010``, ``Mar-11``, ``Mar '11``.
  ``March 11`` (space, two digits, no ordinal) is left alone: it reads as
  11 March or as March 2011 equally well.
- UK day-first numerics ``31/03/2011``, ``31-03-2011``, ``31.03.11`` (with a
  dot the month needs two digits, so section numbers like ``3.1.10`` stay
  numbers), and ISO ``2011-03-31``. ``dd/mm`` without a year is never a date
  (``24/7``). Two-digit years below 70 are 20xx, others 19xx.
- A bare year (``by the end of 2010`` -> 31 Dec) only after a time word
  (by, in, during, until, end of ...) or standing alone as the whole
  milestone, so ``Act 1995`` is not a date.
- UK financial years (April to March): ``2010/11``, ``2010-11``,
  ``2010/2011``, ``FY 10/11`` -> 2010-04-01..2011-03-31, precision year;
  the years must be consecutive, otherwise it is not a financial year.
  ``Q3 2010/11`` is a financial quarter (Q1 = Apr-Jun, so Q3 2010/11 ends
  2010-12-31, Q2 2011/12 ends 2011-09-30); ``Q3 2010`` is a calendar quarter;
  a quarter with no year (``Quarter 3 report``) is not a date.
- ``year end``, ``financial year end``, ``end of the financial year`` mean
  31 March: of the year written after them (``year end 2011``, ``... 2010/11``),
  else the first 31 March on or after ``reference``, else 31 March of
  ``default_year + 1`` (a plan written in a year is answering for the
  financial year that starts in it), else no date. ``end of the year`` is
  31 December of the context year.
- A day and month, or a month, with no year takes it from a later date in the
  same range or list (``September/October 2010``, ``between 10th August and
  10th October 2010``, ``29th June - 6th October 2010``, ``10-12 October
  2010``, ``September and October 2010``), moving back a year when the range
  crosses New Year (``November - February 2011``); failing that from
  ``default_year`` (else ``reference``'s year); failing that it is dropped.
- A month named alone must be a full name after a time word (``by
  December``, ``end of July``, ``mid-July``) or sit in such a range or list;
  ``May``, ``March`` and ``August`` must then be capitalised, being also
  ordinary words. Abbreviations alone (``Jan``) are names as often as months.
- A day number that labels something (``Phase 1 September 2010``,
  ``Stage 2``, ``Section 3``) is not a day; money, percentages, counts and
  durations never meet the grammar at all.
- An impossible day (``31 February 2011``, ``31/13/2011``) makes the whole
  phrase no date rather than shrinking it to the month around it.
- ``end September 2010`` is September 2010: the month's interval, the month's
  precision.

A range ``A - B`` (also ``A/B``, ``A to B``, ``from A until B``, ``between A
and B``) becomes one span from A's start to B's end with B's precision. The
due date of a text is the end of its latest span; ties go to the narrower
span. ``due_date_start`` is that span's start.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from acplans.normalize.status import PLANNED, classify_status

from .date_patterns import (
    BARE_MONTH, BARE_YEAR, BETWEEN_BEFORE, CALENDAR_YEAR_END, DAY_MONTH, DAY_RANGE_MONTH, FINANCIAL_YEAR,
    FINANCIAL_YEAR_END, FULL_MONTH_NAMES, ISO, LABEL_BEFORE, LIST_JOIN, MONTH_DAY, MONTH_NUMBERS, MONTH_YEAR,
    NUMBER_AFTER, NUMERIC, QUARTER_WORDS, QUARTER_YEAR, RANGE_JOIN, SENTENCE_END_AFTER, TIME_WORD_BEFORE,
    UNICODE_SPACES, WORD_MONTHS, YEAR_QUARTER,
)

DAY, MONTH, QUARTER, YEAR = "day", "month", "quarter", "year"
PRECISIONS = (DAY, MONTH, QUARTER, YEAR)

FINANCIAL_YEAR_START_MONTH = 4


@dataclass(frozen=True)
class DateSpan:
    start: date
    end: date
    precision: str
    text: str


@dataclass(frozen=True)
class ParsedDue:
    text: str
    due_date: date | None
    due_date_start: date | None
    precision: str | None
    status: str
    spans: tuple[DateSpan, ...]


@dataclass
class _Atom:
    """A date-like piece of text before year sharing and range joining."""

    start: int
    end: int
    day: int | None = None
    month: int | None = None
    year: int | None = None
    first_day: int | None = None  # "10-12 October": the day the range starts on
    bare_month: bool = False  # a month named alone, kept only when cued or joined
    abbreviated: bool = False  # "Jan" alone is a name as often as a month: kept only when joined
    span: tuple[date, date, str] | None = None  # quarters, years: complete as found

    @property
    def needs_year(self) -> bool:
        return self.span is None and self.month is not None and self.year is None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _two_digit_year(digits: str) -> int:
    value = int(digits)
    return value if len(digits) == 4 else (2000 + value if value < 70 else 1900 + value)


def _fy_end_year(first: str, second: str) -> int | None:
    """Year in which the financial year ``first/second`` ends, if the two are consecutive."""
    start, end = _two_digit_year(first), _two_digit_year(second)
    return end if end == start + 1 else None


def _financial_year(end_year: int) -> tuple[date, date, str]:
    return date(end_year - 1, FINANCIAL_YEAR_START_MONTH, 1), date(end_year, 3, 31), YEAR


def _quarter(first_month_year: int, first_month: int) -> tuple[date, date, str]:
    last_month = first_month + 2
    return date(first_month_year, first_month, 1), _month_end(first_month_year, last_month), QUARTER


def _quarter_number(match: re.Match[str]) -> int:
    if match.group("q"):
        return int(match.group("q"))
    word = (match.group("qn") or match.group("qo")).lower()
    return int(word) if word.isdigit() else QUARTER_WORDS[word]


def _quarter_span(match: re.Match[str]) -> tuple[date, date, str] | None:
    number = _quarter_number(match)
    if match.group("fy1"):
        end_year = _fy_end_year(match.group("fy1"), match.group("fy2"))
        if end_year is None:
            return None
        first_month = FINANCIAL_YEAR_START_MONTH + 3 * (number - 1)
        year = end_year - 1 if first_month <= 12 else end_year
        return _quarter(year, (first_month - 1) % 12 + 1)
    if match.groupdict().get("cy"):
        return _quarter(int(match.group("cy")), 3 * (number - 1) + 1)
    return None


def _valid_day(day: int, month: int, year: int | None) -> bool:
    # A yearless 29 February may still land in a leap year once the year is known.
    return 1 <= day <= calendar.monthrange(year if year is not None else 2000, month)[1]


def _year_from(match: re.Match[str]) -> int | None:
    groups = match.groupdict()
    for name in ("y4", "y4b"):
        if groups.get(name):
            return int(groups[name])
    for name in ("y2", "y2q"):
        if groups.get(name):
            return _two_digit_year(groups[name])
    return None


def _month_of(match: re.Match[str]) -> int:
    return MONTH_NUMBERS[match.group("mon")[:3].lower()]


def _month_word_ok(match: re.Match[str], has_year: bool) -> bool:
    word = match.group("mon")
    return has_year or word.lower() not in WORD_MONTHS or word[0].isupper()


def _is_label(text: str, start: int) -> bool:
    return bool(LABEL_BEFORE.search(text[max(0, start - 40):start]))


def _has_time_word_before(text: str, start: int) -> bool:
    return bool(TIME_WORD_BEFORE.search(text[max(0, start - 40):start]))


def _starts_sentence(text: str, position: int) -> bool:
    """Only punctuation and spaces between ``position`` and the previous sentence break."""
    for index in range(position - 1, -1, -1):
        if text[index] in ".;:!?(\n":
            return True
        if text[index].isalnum():
            return False
    return True


def _candidates(text: str, context_year: int | None, reference: date | None) -> list[_Atom]:
    found: list[_Atom] = []

    for pattern in (DAY_MONTH, DAY_RANGE_MONTH, MONTH_DAY):
        for m in pattern.finditer(text):
            year, month, day = _year_from(m), _month_of(m), int(m.group("day"))
            first_day = int(m.group("day1")) if "day1" in m.groupdict() else None
            if not _month_word_ok(m, year is not None):
                continue
            if pattern is not MONTH_DAY and _is_label(text, m.start()):
                continue
            if not _valid_day(day, month, year) or (first_day is not None and not 1 <= first_day < day):
                # Claim the words so "31 February 2011" does not shrink to a guessed "February 2011".
                found.append(_Atom(m.start(), m.end()))
                continue
            found.append(_Atom(m.start(), m.end(), day=day, month=month, year=year, first_day=first_day))

    for m in MONTH_YEAR.finditer(text):
        found.append(_Atom(m.start(), m.end(), month=_month_of(m), year=_year_from(m)))

    for m in BARE_MONTH.finditer(text):
        if NUMBER_AFTER.match(text, m.end("mon")):
            continue  # "March 11": day or year, no way to tell
        if _month_word_ok(m, has_year=False):
            abbreviated = m.group("mon").lower() not in FULL_MONTH_NAMES
            found.append(_Atom(m.start(), m.end(), month=_month_of(m), bare_month=True,
                               abbreviated=abbreviated))

    for pattern in (NUMERIC, ISO):
        for m in pattern.finditer(text):
            day, month, year = int(m.group("day")), int(m.group("month")), _two_digit_year(m.group("year"))
            if pattern is NUMERIC and m.group("sep") == "." and len(m.group("month")) != 2:
                continue
            if 1 <= month <= 12 and 1900 <= year <= 2099 and _valid_day(day, month, year):
                found.append(_Atom(m.start(), m.end(), day=day, month=month, year=year))

    for m in FINANCIAL_YEAR.finditer(text):
        if len(m.group("fy1")) == 2 and not m.group("prefix"):
            continue  # "10/11" alone could be a day and month
        end_year = _fy_end_year(m.group("fy1"), m.group("fy2"))
        if end_year is not None:
            found.append(_Atom(m.start(), m.end(), span=_financial_year(end_year)))

    for pattern in (QUARTER_YEAR, YEAR_QUARTER):
        for m in pattern.finditer(text):
            span = _quarter_span(m)
            if span is not None:
                found.append(_Atom(m.start(), m.end(), span=span))

    for m in FINANCIAL_YEAR_END.finditer(text):
        if m.group("fy1"):
            end_year = _fy_end_year(m.group("fy1"), m.group("fy2"))
        elif m.group("cy"):
            end_year = int(m.group("cy"))
        elif reference is not None:
            end_year = reference.year if reference <= date(reference.year, 3, 31) else reference.year + 1
        elif context_year is not None:
            end_year = context_year + 1
        else:
            end_year = None
        if end_year is not None:
            found.append(_Atom(m.start(), m.end(), span=_financial_year(end_year)))

    if context_year is not None:
        for m in CALENDAR_YEAR_END.finditer(text):
            calendar_year = (date(context_year, 1, 1), date(context_year, 12, 31), YEAR)
            found.append(_Atom(m.start(), m.end(), span=calendar_year))

    for m in BARE_YEAR.finditer(text):
        standalone = _starts_sentence(text, m.start()) and SENTENCE_END_AFTER.match(text, m.end())
        if standalone or _has_time_word_before(text, m.start()):
            year = int(m.group("year"))
            found.append(_Atom(m.start(), m.end(), span=(date(year, 1, 1), date(year, 12, 31), YEAR)))

    return found


def _without_overlaps(candidates: list[_Atom]) -> list[_Atom]:
    """Leftmost, then longest, reading wins, so ``1st October 2010`` is not also ``October 2010``."""
    chosen: list[_Atom] = []
    for atom in sorted(candidates, key=lambda a: (a.start, -(a.end - a.start))):
        if not chosen or atom.start >= chosen[-1].end:
            chosen.append(atom)
    return chosen


def _share_year(earlier: _Atom, later: _Atom) -> int:
    """The year of ``earlier`` when it borrows ``later``'s, stepping back across New Year."""
    assert later.year is not None and earlier.month is not None and later.month is not None
    crosses = (earlier.month, earlier.day or 1) > (later.month, later.day or 1)
    return later.year - 1 if crosses else later.year


def _interval(atom: _Atom) -> tuple[date, date, str] | None:
    if atom.span is not None:
        return atom.span
    assert atom.month is not None and atom.year is not None
    if atom.day is None:
        return date(atom.year, atom.month, 1), _month_end(atom.year, atom.month), MONTH
    if not _valid_day(atom.day, atom.month, atom.year):
        return None
    day = date(atom.year, atom.month, atom.day)
    start = day.replace(day=atom.first_day) if atom.first_day is not None else day
    return start, day, DAY


def _joins(text: str, earlier: _Atom, later: _Atom) -> str | None:
    """``range``, ``list`` or None for the words between two neighbouring dates."""
    gap = text[earlier.end:later.start]
    if RANGE_JOIN.fullmatch(gap):
        return "range"
    between = BETWEEN_BEFORE.search(text[max(0, earlier.start - 20):earlier.start])
    if between and re.fullmatch(r"\s*and\s*", gap, re.IGNORECASE):
        return "range"
    if LIST_JOIN.fullmatch(gap):
        return "list"
    return None


def find_dates(text: str | None, *, default_year: int | None = None,
               reference: date | None = None) -> list[DateSpan]:
    """Every date ``text`` names, in text order (grammar in the module doc)."""
    if not text:
        return []
    work = text.translate(UNICODE_SPACES)
    context_year = default_year if default_year is not None else (reference.year if reference else None)
    atoms = _without_overlaps(_candidates(work, context_year, reference))
    joins = [_joins(work, a, b) for a, b in zip(atoms, atoms[1:])]

    for i in range(len(atoms) - 1, -1, -1):
        atom = atoms[i]
        later = atoms[i + 1] if i + 1 < len(atoms) else None
        joined = later is not None and joins[i] is not None and later.span is None and later.year is not None
        cued = not atom.abbreviated and _has_time_word_before(work, atom.start)
        if atom.bare_month and not (joined or cued):
            atoms[i] = replace(atom, month=None)  # not a date; dropped below
            continue
        if atom.needs_year:
            if joined:
                atoms[i] = replace(atom, year=_share_year(atom, later))
            elif context_year is not None:
                atoms[i] = replace(atom, year=context_year)

    spans: list[DateSpan] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        usable = atom.span is not None or (atom.month is not None and atom.year is not None)
        interval = _interval(atom) if usable else None
        if interval is None:
            i += 1
            continue
        start, end, precision = interval
        stop = atom.end
        later = atoms[i + 1] if i + 1 < len(atoms) else None
        if (later is not None and joins[i] == "range" and atom.span is None and later.span is None
                and later.month is not None and later.year is not None):
            later_interval = _interval(later)
            if later_interval is not None and later_interval[1] >= start:
                end, precision, stop = later_interval[1], later_interval[2], later.end
                i += 1
        spans.append(DateSpan(start, end, precision, text[atom.start:stop]))
        i += 1
    return spans


def _latest(spans: list[DateSpan]) -> DateSpan | None:
    return max(spans, key=lambda s: (s.end, s.start), default=None)


# A plan prints the same few due texts ("Ongoing", "March 2011") on many
# actions; the result is frozen, so sharing it is safe.
@lru_cache(maxsize=4096)
def parse_due(text: str | None, *, default_year: int | None = None,
              reference: date | None = None) -> ParsedDue:
    """An action's due text: the latest date it commits to and what it says about progress."""
    raw = text or ""
    spans = find_dates(raw, default_year=default_year, reference=reference)
    latest = _latest(spans)
    return ParsedDue(
        text=raw,
        due_date=latest.end if latest else None,
        due_date_start=latest.start if latest else None,
        precision=latest.precision if latest else None,
        status=classify_status(raw),
        spans=tuple(spans),
    )


def parse_deadline(text: str | None, *, default_year: int | None = None,
                   reference: date | None = None) -> ParsedDue:
    """A report's deadline (``immediately``, ``June 2011``).

    A deadline says nothing about progress, so its status is always planned.
    """
    parsed = parse_due(text, default_year=default_year, reference=reference)
    return replace(parsed, status=PLANNED)
