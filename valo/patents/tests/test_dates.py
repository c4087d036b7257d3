"""The date engine: month arithmetic, anniversary month ends, office calendars and roll-forward.

Worked examples from reference/french-rules.md §7 and §9, and properties checked by hypothesis."""

from __future__ import annotations

import calendar
import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from valo.patents import dates
from valo.patents.calendars import OfficeCalendar

days = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2045, 12, 31))
offices = st.sampled_from(["FR", "EP", "US", "WO", "JP"])
EPO_YEAR_END_2022 = frozenset(
    datetime.date(2022, 12, 24) + datetime.timedelta(days=n) for n in range(9)
)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (datetime.date(2021, 8, 31), 6, datetime.date(2022, 2, 28)),  # no 31 February: month end
        (datetime.date(2023, 8, 31), 6, datetime.date(2024, 2, 29)),  # leap year
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
        (datetime.date(2021, 8, 31), 30, datetime.date(2024, 2, 29)),  # PCT 30 months
        (datetime.date(2024, 1, 15), 12, datetime.date(2025, 1, 15)),  # same date number
    ],
)
def test_add_months_keeps_the_date_number_or_takes_the_month_end(start, months, expected):
    assert dates.add_months(start, months) == expected


def test_renewals_fall_on_the_last_day_of_the_anniversary_month():
    # EP 10167109, filed 24 June 2010: the 3rd-year fee was due on 30 June 2012 (README of the data).
    assert dates.anniversary_month_end(datetime.date(2010, 6, 24), 2) == datetime.date(2012, 6, 30)
    assert dates.anniversary_month_end(datetime.date(2020, 2, 29), 1) == datetime.date(2021, 2, 28)


@pytest.mark.parametrize(
    ("office", "day", "expected", "why"),
    [
        ("FR", datetime.date(2024, 5, 1), datetime.date(2024, 5, 2), "Labour Day"),
        ("FR", datetime.date(2024, 7, 14), datetime.date(2024, 7, 15), "Bastille Day, a Sunday"),
        (
            "FR",
            datetime.date(2024, 12, 26),
            datetime.date(2024, 12, 26),
            "no Saint Stephen outside Alsace",
        ),
        ("EP", datetime.date(2024, 5, 30), datetime.date(2024, 5, 31), "Corpus Christi in Munich"),
        (
            "EP",
            datetime.date(2024, 4, 27),
            datetime.date(2024, 4, 29),
            "King's Day in The Hague, a Saturday",
        ),
        (
            "EP",
            datetime.date(2022, 12, 27),
            datetime.date(2023, 1, 2),
            "year-end closure (OJ notice)",
        ),
        ("US", datetime.date(2023, 9, 10), datetime.date(2023, 9, 11), "a Sunday"),
        ("US", datetime.date(2024, 7, 4), datetime.date(2024, 7, 5), "Independence Day"),
    ],
)
def test_closed_days_roll_forward_to_the_next_open_day(office, day, expected, why):
    closures = EPO_YEAR_END_2022 if office == "EP" else frozenset()
    assert dates.roll_forward(day, OfficeCalendar(office, closures)) == expected, why


@settings(max_examples=300, deadline=None)
@given(start=days, months=st.integers(min_value=0, max_value=240))
def test_add_months_property(start, months):
    result = dates.add_months(start, months)
    assert (result.year - start.year) * 12 + result.month - start.month == months
    last = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(start.day, last)


@settings(max_examples=300, deadline=None)
@given(start=days, years=st.integers(min_value=0, max_value=20))
def test_anniversary_month_end_property(start, years):
    result = dates.anniversary_month_end(start, years)
    assert result.month == start.month and result.year == start.year + years
    assert (result + datetime.timedelta(days=1)).day == 1


@settings(max_examples=400, deadline=None)
@given(day=days, office=offices)
def test_a_rolled_date_is_the_first_open_day(day, office):
    calendar_ = OfficeCalendar(office, EPO_YEAR_END_2022 if office == "EP" else frozenset())
    result = dates.roll_forward(day, calendar_)
    assert result >= day and not calendar_.is_closed(result)
    between = day
    while between < result:
        assert calendar_.is_closed(between)
        between += datetime.timedelta(days=1)
    assert dates.roll_forward(day, calendar_) == result  # deterministic


def test_the_epo_is_closed_when_any_filing_office_is():
    epiphany = datetime.date(2025, 1, 6)  # a Monday: a holiday in Munich only
    assert OfficeCalendar("EP").is_closed(epiphany)
    assert not OfficeCalendar("FR").is_closed(epiphany)
    liberation_day = datetime.date(2025, 5, 5)  # a Monday: The Hague only
    assert OfficeCalendar("EP").is_closed(liberation_day)
    assert not OfficeCalendar("US").is_closed(liberation_day)
