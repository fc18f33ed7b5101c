"""Due-date and status grammar, checked first against every hand-written gold answer."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from acplans.normalize.dates import DateSpan, find_dates, parse_deadline, parse_due
from acplans.normalize.status import classify_status, milestones

GOLD_DIR = Path(__file__).resolve().parent.parent / "samples" / "gold"
# Both sample inspections and their plans date from 2010.
GOLD_YEAR = 2010


def _gold(section: str, text_key: str) -> list[pytest.param]:
    params = []
    for path in sorted(GOLD_DIR.glob("*.json")):
        for index, row in enumerate(json.loads(path.read_text())[section]):
            if text_key in row:
                params.append(pytest.param(row, id=f"{path.stem}-{section}-{index}"))
    return params


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@pytest.mark.parametrize("action", _gold("actions", "due_text"))
def test_gold_action_due_date_and_status(action):
    parsed = parse_due(action["due_text"], default_year=GOLD_YEAR)
    assert (_iso(parsed.due_date), parsed.status) == (action["due_date"], action["status"])
    assert parsed.text == action["due_text"]


@pytest.mark.parametrize("response", _gold("responses", "stated_target_date_text"))
def test_gold_response_stated_deadline(response):
    parsed = parse_deadline(response["stated_target_date_text"], default_year=GOLD_YEAR)
    assert _iso(parsed.due_date) == response["stated_target_date"]


@pytest.mark.parametrize("recommendation", _gold("recommendations", "target_date_text"))
def test_gold_recommendation_deadline(recommendation):
    parsed = parse_deadline(recommendation["target_date_text"], default_year=GOLD_YEAR)
    assert _iso(parsed.due_date) == recommendation["target_date"]


def test_gold_has_the_expected_number_of_actions():
    assert len(_gold("actions", "due_text")) == 151


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("1st October 2010", date(2010, 10, 1), date(2010, 10, 1), "day"),
        ("31 July 2010", date(2010, 7, 31), date(2010, 7, 31), "day"),
        ("the 1st of October, 2010", date(2010, 10, 1), date(2010, 10, 1), "day"),
        ("1-Oct-10", date(2010, 10, 1), date(2010, 10, 1), "day"),
        ("October 1st", date(2010, 10, 1), date(2010, 10, 1), "day"),
        ("October 1, 2011", date(2011, 10, 1), date(2011, 10, 1), "day"),
        ("June 2011", date(2011, 6, 1), date(2011, 6, 30), "month"),
        ("Sept 2010", date(2010, 9, 1), date(2010, 9, 30), "month"),
        ("Sept. 2010", date(2010, 9, 1), date(2010, 9, 30), "month"),
        ("Mar-11", date(2011, 3, 1), date(2011, 3, 31), "month"),
        ("Mar '11", date(2011, 3, 1), date(2011, 3, 31), "month"),
        ("February 2012", date(2012, 2, 1), date(2012, 2, 29), "month"),
        ("31/03/2011", date(2011, 3, 31), date(2011, 3, 31), "day"),
        ("31.03.11", date(2011, 3, 31), date(2011, 3, 31), "day"),
        ("31-03-2011", date(2011, 3, 31), date(2011, 3, 31), "day"),
        ("5/4/2011", date(2011, 4, 5), date(2011, 4, 5), "day"),
        ("2011-03-31", date(2011, 3, 31), date(2011, 3, 31), "day"),
        ("End September 2010", date(2010, 9, 1), date(2010, 9, 30), "month"),
        ("by the end of July", date(2010, 7, 1), date(2010, 7, 31), "month"),
        ("mid-July", date(2010, 7, 1), date(2010, 7, 31), "month"),
        ("by the end of 2011", date(2011, 1, 1), date(2011, 12, 31), "year"),
        ("in 2012", date(2012, 1, 1), date(2012, 12, 31), "year"),
        ("2011.", date(2011, 1, 1), date(2011, 12, 31), "year"),
        ("by the end of the year", date(2010, 1, 1), date(2010, 12, 31), "year"),
        ("September/October 2010", date(2010, 9, 1), date(2010, 10, 31), "month"),
        ("October/ November 2010", date(2010, 10, 1), date(2010, 11, 30), "month"),
        ("Sept-Oct 2010", date(2010, 9, 1), date(2010, 10, 31), "month"),
        ("November - February 2011", date(2010, 11, 1), date(2011, 2, 28), "month"),
        ("29th June – 6th October 2010", date(2010, 6, 29), date(2010, 10, 6), "day"),
        ("between 10th August and 10th October 2010", date(2010, 8, 10), date(2010, 10, 10), "day"),
        ("from 5 July 2010 to 10 August 2010", date(2010, 7, 5), date(2010, 8, 10), "day"),
        ("10-12 October 2010", date(2010, 10, 10), date(2010, 10, 12), "day"),
        ("Q3 2010/11", date(2010, 10, 1), date(2010, 12, 31), "quarter"),
        ("Q4 2010/11", date(2011, 1, 1), date(2011, 3, 31), "quarter"),
        ("Q2 2011/12", date(2011, 7, 1), date(2011, 9, 30), "quarter"),
        ("third quarter of 2010/11", date(2010, 10, 1), date(2010, 12, 31), "quarter"),
        ("Quarter 1 10/11", date(2010, 4, 1), date(2010, 6, 30), "quarter"),
        ("2011/12 Q1", date(2011, 4, 1), date(2011, 6, 30), "quarter"),
        ("Q3 2010", date(2010, 7, 1), date(2010, 9, 30), "quarter"),
        ("2010/11", date(2010, 4, 1), date(2011, 3, 31), "year"),
        ("2010-11", date(2010, 4, 1), date(2011, 3, 31), "year"),
        ("2010/2011", date(2010, 4, 1), date(2011, 3, 31), "year"),
        ("FY 10/11", date(2010, 4, 1), date(2011, 3, 31), "year"),
        ("end of financial year", date(2010, 4, 1), date(2011, 3, 31), "year"),
        ("year end", date(2010, 4, 1), date(2011, 3, 31), "year"),
        ("year-end 2012", date(2011, 4, 1), date(2012, 3, 31), "year"),
        ("by financial year end 2011/12", date(2011, 4, 1), date(2012, 3, 31), "year"),
    ],
)
def test_single_date_grammar(text, start, end, precision):
    parsed = parse_due(text, default_year=2010)
    assert (parsed.due_date_start, parsed.due_date, parsed.precision) == (start, end, precision)
    assert len(parsed.spans) == 1


@pytest.mark.parametrize(
    "text",
    [
        "18 assessments",
        "£15 per case",
        "100% of calls answered",
        "30 seconds",
        "2 hour slots",
        "Phase 1",
        "R2.1",
        "Quarter 3 report.",
        "Immediately",
        "In line with the plan.",
        "Disability Discrimination Act 1995 duties",
        "24/7 service",
        "section 3.1.10",
        "March 11",
        "2010/12",
        "10/11",
        "We may review this",
        "by Jan",
        "within 28 days",
        "",
    ],
)
def test_not_dates(text):
    parsed = parse_due(text, default_year=2010)
    assert parsed.due_date is None
    assert parsed.due_date_start is None
    assert parsed.precision is None
    assert parsed.spans == ()
    assert parsed.text == text


def test_label_number_before_a_month_is_not_a_day():
    spans = find_dates("Website re-launch Phase 1 September 2010, Phase 2 definition November 2010.")
    assert spans == [
        DateSpan(date(2010, 9, 1), date(2010, 9, 30), "month", "September 2010"),
        DateSpan(date(2010, 11, 1), date(2010, 11, 30), "month", "November 2010"),
    ]


def test_spans_in_text_order_and_latest_wins():
    parsed = parse_due("Board sign off 31/12/2010. Customer sign off - July 2010 (completed).")
    assert [s.text for s in parsed.spans] == ["31/12/2010", "July 2010"]
    assert parsed.due_date == date(2010, 12, 31)
    assert parsed.precision == "day"


def test_tie_on_end_goes_to_the_narrower_span():
    parsed = parse_due("August 2010; newsletter out 31 August 2010")
    assert (parsed.due_date_start, parsed.due_date, parsed.precision) == (
        date(2010, 8, 31), date(2010, 8, 31), "day")


def test_yearless_date_needs_a_context_year():
    assert parse_due("1st August (completed).").due_date is None
    assert parse_due("1st August (completed).", default_year=2011).due_date == date(2011, 8, 1)
    assert parse_due("by the end of July", reference=date(2012, 5, 1)).due_date == date(2012, 7, 31)


def test_yearless_date_in_a_list_takes_the_year_printed_later():
    spans = find_dates("September and October 2011", default_year=2010)
    assert [(s.start, s.end) for s in spans] == [
        (date(2011, 9, 1), date(2011, 9, 30)), (date(2011, 10, 1), date(2011, 10, 31))]


def test_yearless_month_far_from_a_year_takes_the_context_year():
    parsed = parse_due("Works concluded by December or, where more significant, by March 2011.",
                       default_year=2010)
    assert [(s.text, s.end) for s in parsed.spans] == [
        ("December", date(2010, 12, 31)), ("March 2011", date(2011, 3, 31))]


def test_bare_month_ending_a_sentence_before_a_count_is_still_a_month():
    parsed = parse_due("Sign off by the end of September. 18 assessments by October 2010.", default_year=2010)
    assert [(s.text, s.end) for s in parsed.spans] == [
        ("September", date(2010, 9, 30)), ("October 2010", date(2010, 10, 31))]


def test_ambiguous_month_words_alone_must_be_capitalised():
    assert parse_due("by May", default_year=2010).due_date == date(2010, 5, 31)
    assert parse_due("by may", default_year=2010).due_date is None
    assert parse_due("17 may be late", default_year=2010).due_date is None
    assert parse_due("17 may 2011").due_date == date(2011, 5, 17)


def test_financial_year_end_follows_reference_then_default_year():
    assert parse_due("year end", reference=date(2011, 2, 1)).due_date == date(2011, 3, 31)
    assert parse_due("year end", reference=date(2011, 3, 31)).due_date == date(2011, 3, 31)
    assert parse_due("year end", reference=date(2011, 4, 1)).due_date == date(2012, 3, 31)
    assert parse_due("end of the financial year", default_year=2010).due_date == date(2011, 3, 31)
    assert parse_due("year end").due_date is None
    assert parse_due("by the end of the year").due_date is None


def test_invalid_day_is_not_a_date():
    assert parse_due("31 February 2011").due_date is None
    assert parse_due("29 February 2011").due_date is None
    assert parse_due("29 February 2012").due_date == date(2012, 2, 29)
    assert parse_due("by 29 February", default_year=2011).due_date is None
    assert parse_due("31/13/2011").due_date is None


def test_parse_due_accepts_none():
    parsed = parse_due(None)
    assert (parsed.text, parsed.due_date, parsed.status, parsed.spans) == ("", None, "planned", ())


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("immediately", None),
        ("Immediately", None),
        ("June 2011", date(2011, 6, 30)),
        ("by the end of 2010", date(2010, 12, 31)),
        ("December 2010", date(2010, 12, 31)),
    ],
)
def test_parse_deadline(text, due):
    parsed = parse_deadline(text)
    assert parsed.due_date == due
    assert parsed.status == "planned"


def test_deadline_status_is_always_planned():
    assert parse_deadline("Completed - 30 April 2010").status == "planned"
    assert parse_due("Completed - 30 April 2010").status == "completed"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Completed - 30 April 2010", "completed"),
        ("July 2010 (completed)", "completed"),
        ("This has been completed", "completed"),
        ("Framework and action plan in place", "completed"),
        ("Contract staff have received Customer First training", "completed"),
        ("This was sent out with the magazine on 7 April", "completed"),
        ("The new contract commenced as scheduled on 17 May", "completed"),
        ("Competed and in place from 31 March 2010", "completed"),
        ("Completed and to be monitored monthly.", "completed"),
        ("June 2010 (completed), to be refreshed each year.", "completed"),
        ("Phase 1 complete.", "completed"),
        ("Policy has been agreed by the Board", "completed"),
        ("System went live in May 2010", "completed"),
        ("Customer sign off - July 2010 (completed). Board sign off - September 2010.", "planned"),
        ("to be completed by December 2010", "planned"),
        ("To be done by 31 July 2010", "planned"),
        ("To be in place by July 2010", "planned"),
        ("Put in place a framework by June 2011", "planned"),
        ("Will have been completed by December", "planned"),
        ("Not yet completed", "planned"),
        ("Complete the staff survey by March 2011", "planned"),
        ("Telephony training module delivered in August 2010.", "planned"),
        ("The review was delayed to September", "planned"),
        ("Board has asked for a report by May 2011", "planned"),
        ("Quarter 3 report.", "planned"),
        ("", "planned"),
        ("September 2010 and ongoing.", "ongoing"),
        ("Ongoing from October 2010.", "ongoing"),
        ("Board and staff exercises in progress", "ongoing"),
        ("April 2010 and updated quarterly.", "ongoing"),
        ("Sessions held and will be ongoing", "ongoing"),
        ("Customer profiling collection completed. Board and staff exercises in progress", "ongoing"),
        ("Partially completed", "ongoing"),
        ("Work is being reviewed", "ongoing"),
        ("Review annually", "ongoing"),
    ],
)
def test_classify_status(text, status):
    assert classify_status(text) == status


def test_classify_status_of_none_is_planned():
    assert classify_status(None) == "planned"


def test_milestones_do_not_split_after_month_abbreviations():
    assert milestones("Due Sept. 2010. Then review; report.") == [
        "Due Sept. 2010.", "Then review;", "report."]
