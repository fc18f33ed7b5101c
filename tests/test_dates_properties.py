"""Properties of the due-date grammar that must hold for any date and any text."""
from __future__ import annotations

import calendar
from datetime import date, timedelta

from hypothesis import assume, given
from hypothesis import strategies as st

from acplans.normalize.dates import PRECISIONS, find_dates, parse_due
from acplans.normalize.status import STATUSES, classify_status

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2069, 12, 31))
month_names = st.sampled_from([calendar.month_name[m] for m in range(1, 13)])
ordinals = st.sampled_from(["", "st", "nd", "rd", "th"])
# Letters and spaces only: cannot spell a number, and month words are filtered out below.
plain_words = st.text(alphabet="abcdefghiklnopqrsuvwxyz ", max_size=40)


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _has_month_word(text: str) -> bool:
    lowered = text.lower()
    return any(calendar.month_abbr[m].lower() in lowered for m in range(1, 13))


def _day_month_year(day: date, ordinal: str = "", full: bool = True) -> str:
    names = calendar.month_name if full else calendar.month_abbr
    return f"{day.day}{ordinal} {names[day.month]} {day.year}"


@given(dates, ordinals, st.booleans())
def test_day_month_year_in_words_round_trips(day, ordinal, full):
    parsed = parse_due(_day_month_year(day, ordinal, full))
    assert (parsed.due_date_start, parsed.due_date, parsed.precision) == (day, day, "day")


@given(dates, st.booleans())
def test_month_year_gives_the_whole_month(day, full):
    names = calendar.month_name if full else calendar.month_abbr
    parsed = parse_due(f"{names[day.month]} {day.year}.")
    assert parsed.due_date == _month_end(day)
    assert parsed.due_date_start == day.replace(day=1)
    assert parsed.precision == "month"


@given(dates, st.sampled_from(["/", "-", "."]), st.booleans())
def test_uk_numeric_dates_are_day_first(day, separator, short_year):
    year = f"{day.year % 100:02d}" if short_year else str(day.year)
    parsed = parse_due(f"{day.day:02d}{separator}{day.month:02d}{separator}{year}")
    assert parsed.due_date == day
    assert parsed.precision == "day"


@given(dates)
def test_iso_dates_round_trip(day):
    assert parse_due(day.isoformat()).due_date == day


@given(dates)
def test_day_and_month_take_the_default_year(day):
    parsed = parse_due(f"by {day.day} {calendar.month_name[day.month]}", default_year=day.year)
    assert parsed.due_date == day


@given(dates, dates)
def test_two_milestones_give_the_later_date(first, second):
    text = f"Draft by {_day_month_year(first)}. Sign off {_day_month_year(second)}."
    parsed = parse_due(text)
    assert parsed.due_date == max(first, second)
    assert [s.end for s in parsed.spans] == [first, second]


@given(st.integers(min_value=1990, max_value=2068), st.integers(0, 364), st.integers(0, 364))
def test_range_in_one_year_spans_from_first_to_last_day(year, offset_a, offset_b):
    first, last = (date(year, 1, 1) + timedelta(days=d) for d in sorted((offset_a, offset_b)))
    names = calendar.month_name
    text = f"{first.day} {names[first.month]} – {last.day} {names[last.month]} {last.year}"
    parsed = parse_due(text)
    assert (parsed.due_date_start, parsed.due_date) == (first, last)
    assert len(parsed.spans) == 1


@given(st.integers(min_value=1990, max_value=2068), st.integers(min_value=1, max_value=4))
def test_financial_quarters_lie_inside_their_financial_year(year, quarter):
    parsed = parse_due(f"Q{quarter} {year}/{(year + 1) % 100:02d}")
    assert parsed.precision == "quarter"
    assert date(year, 4, 1) <= parsed.due_date_start < parsed.due_date <= date(year + 1, 3, 31)
    assert parsed.due_date_start.day == 1
    assert parsed.due_date == _month_end(parsed.due_date)
    assert (parsed.due_date.year * 12 + parsed.due_date.month) - (
        parsed.due_date_start.year * 12 + parsed.due_date_start.month) == 2
    assert parsed.due_date.month == (3 * quarter + 2) % 12 + 1


@given(dates, plain_words)
def test_words_after_a_date_do_not_change_it(day, words):
    assume(not _has_month_word(words))
    assert parse_due(f"{_day_month_year(day)}. {words}").due_date == day


@given(st.text(), st.integers(min_value=1900, max_value=2099) | st.none(), dates | st.none())
def test_never_raises_and_intervals_are_ordered(text, default_year, reference):
    parsed = parse_due(text, default_year=default_year, reference=reference)
    assert parsed.text == text
    assert parsed.status in STATUSES
    assert (parsed.due_date is None) == (parsed.due_date_start is None) == (parsed.precision is None)
    if parsed.due_date is not None:
        assert parsed.due_date_start <= parsed.due_date
        assert parsed.due_date == max(s.end for s in parsed.spans)
    position = 0
    for span in parsed.spans:
        assert span.start <= span.end
        assert span.precision in PRECISIONS
        position = text.index(span.text, position) + len(span.text)


@given(st.text())
def test_text_without_digits_or_month_words_names_no_date(text):
    assume(not any(ch.isdigit() for ch in text) and not _has_month_word(text))
    assert find_dates(text) == []
    assert parse_due(text).due_date is None


@given(st.text())
def test_status_is_always_one_of_three(text):
    assert classify_status(text) in STATUSES


@given(dates, dates)
def test_a_later_open_milestone_keeps_the_action_planned(done, still_open):
    done_milestone = f"Sign off {calendar.month_name[done.month]} {done.year} (completed)."
    open_milestone = f"Launch {calendar.month_name[still_open.month]} {still_open.year}."
    assert classify_status(done_milestone) == "completed"
    assert classify_status(f"{done_milestone} {open_milestone}") == "planned"
