"""Office calendars: weekends + public holidays of the office's seats + the closures each office
announces (ClosedDay rows, entered by administrators from the official notices).

- INPI (FR): French national holidays (Courbevoie: no Alsace-Moselle days) — CPI R618-3.
- EPO (EP): closed when any filing office is closed — Munich (Bavaria, Catholic holidays included),
  The Hague, Berlin — plus the closures of the yearly OJ EPO notice — EPC Rule 134(1).
- USPTO (US): US federal holidays — 35 U.S.C. 21(b), 37 CFR 1.6/1.7.
- WIPO (WO): Geneva holidays.
- DPMA (DE): Bavarian holidays (Munich); UKIPO (GB): bank holidays of England and Wales.
Other offices, and a period that names no office (PCT Rule 80.5 at an office not yet known):
weekends and their announced closures only, until someone enters their holidays.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import holidays
from django.utils.dates import WEEKDAYS

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
    if office == "DE":
        return [holidays.Germany(subdiv="BY", years=years, categories=("public", "catholic"))]
    if office == "GB":
        return [holidays.UnitedKingdom(subdiv="ENG", years=years)]
    return []


@dataclass
class OfficeCalendar:
    """Whether an office is open on a given day."""

    office: str
    closures: frozenset[datetime.date] = frozenset()
    reasons: tuple[tuple[datetime.date, str], ...] = ()
    _years: dict[int, dict[datetime.date, str]] = field(default_factory=dict)

    def _holidays(self, year: int) -> dict[datetime.date, str]:
        if year not in self._years:
            days: dict[datetime.date, str] = {}
            for seat in _seats(self.office, [year]):
                for day, name in seat.items():
                    days.setdefault(day, name)
            self._years[year] = days
        return self._years[year]

    def is_closed(self, day: datetime.date) -> bool:
        return day.weekday() in WEEKEND or day in self.closures or day in self._holidays(day.year)

    def closed_because(self, day: datetime.date) -> str | None:
        """Why the office is closed on `day` (None when it is open)."""
        if day.weekday() in WEEKEND:
            return str(WEEKDAYS[day.weekday()])  # in the reader's language
        if day in self.closures:
            return dict(self.reasons).get(day, "announced closure")
        return self._holidays(day.year).get(day)

    @property
    def listed_years(self) -> frozenset[int]:
        """The years for which the office's announced closures are recorded."""
        return frozenset(day.year for day in self.closures)


@cache
def _cached(office: str, reasons: tuple[tuple[datetime.date, str], ...]) -> OfficeCalendar:
    return OfficeCalendar(office, frozenset(day for day, _reason in reasons), reasons)


def office_calendar(office: str) -> OfficeCalendar:
    """The calendar of an office, with the closures currently recorded (read once per call site);
    office "" is the calendar of weekends only."""
    from valo.patents.models import ClosedDay

    reasons = tuple(
        ClosedDay.objects.filter(office=office).order_by("day").values_list("day", "reason")
    )
    return _cached(office, reasons)
