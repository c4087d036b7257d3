"""Office calendars: weekends + public holidays of the office's seats + the closures each office
announces (ClosedDay rows, entered by administrators from the official notices).

- INPI (FR): French national holidays (Courbevoie: no Alsace-Moselle days) — CPI R618-3.
- EPO (EP): closed when any filing office is closed — Munich (Bavaria, Catholic holidays included),
  The Hague, Berlin — plus the closures of the yearly OJ EPO notice — EPC Rule 134(1).
- USPTO (US): US federal holidays — 35 U.S.C. 21(b), 37 CFR 1.6/1.7.
- WIPO (WO): Geneva holidays.
Other offices: weekends and their announced closures only, until someone enters their holidays.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import holidays

WEEKEND = (5, 6)


def _seats(office: str, years: Iterable[int]) -> list[Any]:
    years = list(years)
    if office == "FR":
        return [holidays.France(years=years)]
    if office == "EP":
        return [
            holidays.Germany(subdiv="BY", years=years, categories=("public", "catholic")),
            holidays.Netherlands(years=years),
            holidays.Germany(subdiv="BE", years=years),
        ]
    if office == "US":
        return [holidays.UnitedStates(years=years)]
    if office == "WO":
        return [holidays.Switzerland(subdiv="GE", years=years)]
    return []


@dataclass
class OfficeCalendar:
    """Whether an office is open on a given day."""

    office: str
    closures: frozenset[datetime.date] = frozenset()
    _years: dict[int, frozenset[datetime.date]] = field(default_factory=dict)

    def _holidays(self, year: int) -> frozenset[datetime.date]:
        if year not in self._years:
            days: set[datetime.date] = set()
            for seat in _seats(self.office, [year]):
                days |= set(seat.keys())
            self._years[year] = frozenset(days)
        return self._years[year]

    def is_closed(self, day: datetime.date) -> bool:
        return day.weekday() in WEEKEND or day in self.closures or day in self._holidays(day.year)


@cache
def _cached(office: str, closures: frozenset[datetime.date]) -> OfficeCalendar:
    return OfficeCalendar(office, closures)


def office_calendar(office: str) -> OfficeCalendar:
    """The calendar of an office, with the closures currently recorded (read once per call site)."""
    from valo.patents.models import ClosedDay

    closures = frozenset(ClosedDay.objects.filter(office=office).values_list("day", flat=True))
    return _cached(office, closures)
