"""Deadlines relative to the report, and deadlines restated inside a plan's recommendation cell."""
from datetime import date

import pytest

from acplans.extract.restated import split_restated_deadline
from acplans.normalize.dates import find_dates
from acplans.normalize.relative_dates import relative_deadline


@pytest.mark.parametrize("published, text, end, precision", [
    ("June 2010", "within three months of publication", date(2010, 9, 30), "month"),
    ("June 2010", "within a year of this report", date(2011, 6, 30), "month"),
    ("June 2010", "within 6 months", date(2010, 12, 31), "month"),
    ("June 2010", "by the end of the next financial year", date(2012, 3, 31), "year"),
    ("February 2010", "by the end of the next financial year", date(2011, 3, 31), "year"),
    ("14 June 2010", "within three months of the date of this report", date(2010, 9, 14), "day"),
])
def test_relative_deadline_counts_from_the_reports_date(published, text, end, precision):
    span = relative_deadline(text, find_dates(published)[0])
    assert (span.end, span.precision) == (end, precision)


def test_relative_deadline_without_a_report_date_is_no_date():
    assert relative_deadline("within three months of publication", None) is None
    assert relative_deadline("June 2011", find_dates("June 2010")[0]) is None


@pytest.mark.parametrize("cell, text, when", [
    ("Produce service standards (to be completed by June 2011)", "Produce service standards", "June 2011"),
    ("Produce service standards by March 2010.", "Produce service standards", "March 2010"),
    ("Produce service standards (target date: Sep-11)", "Produce service standards", "Sep-11"),
    ("Review policies - target date 30/09/2011", "Review policies", "30/09/2011"),
    ("Publish by the end of the financial year 2010/11.", "Publish", "the end of the financial year 2010/11"),
    ("Improve services by consulting tenants", "Improve services by consulting tenants", None),
    ("Ensure the board reviews by 2011 all policies", "Ensure the board reviews by 2011 all policies", None),
])
def test_deadline_restated_in_the_recommendation_cell(cell, text, when):
    assert split_restated_deadline(cell) == (text, when)


def test_a_plans_stated_financial_year_fixes_its_end_of_financial_year():
    from acplans.extract.layouts.plan_reading import stated_financial_year
    from acplans.extract.model import Block, BlockKind
    from acplans.normalize.dates import parse_due

    intro = [Block(BlockKind.PARAGRAPH, "The plan runs to the end of the financial year 2010/11.")]
    assert stated_financial_year(intro) == "2010/11"
    year_start = find_dates(f"FY {stated_financial_year(intro)}")[0].start
    # The plan's dates mostly name 2011, yet its financial year is 2010/11.
    assert parse_due("End of financial year", default_year=2011, reference=year_start).due_date == date(2011, 3, 31)
