"""Date arithmetic of legal periods (reference/french-rules.md §7.1), as separate tested functions.

- `add_months`: same date number, or the last day of the month when that number does not exist
  (CPI R618-3; EPC Rule 131(4)): 31 August + 6 months = 28/29 February.
- `anniversary_month_end`: renewal fees fall due on the last day of the anniversary month
  (CPI R613-46, EPC Rule 51).
- `roll_forward`: a period ending on a closed day of the office moves to its next open day.
"""

from __future__ import annotations

import calendar
import datetime
from typing import Protocol

from dateutil.relativedelta import relativedelta


class Calendar(Protocol):
    def is_closed(self, day: datetime.date) -> bool: ...


def add_months(start: datetime.date, months: int) -> datetime.date:
    """`start` + `months` calendar months; the last day of the month when the date does not exist."""
    return start + relativedelta(months=months)


def add_days(start: datetime.date, days: int) -> datetime.date:
    """A period in days does not count its starting day: `start` + `days`."""
    return start + datetime.timedelta(days=days)


def month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def anniversary_month_end(filing: datetime.date, years: int) -> datetime.date:
    """The last day of the month in which the `years`-th anniversary of `filing` falls."""
    return month_end(add_months(filing, 12 * years))


def roll_forward(day: datetime.date, office: Calendar, *, limit: int = 60) -> datetime.date:
    """`day`, or the first following day on which the office is open."""
    for _ in range(limit):
        if not office.is_closed(day):
            return day
        day += datetime.timedelta(days=1)
    raise ValueError(f"no open day within {limit} days of {day}: check the office calendar")
