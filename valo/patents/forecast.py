"""What the portfolio will cost: official renewal fees of the open renewal deadlines, per year and
per school, from the fee schedules in force on each due date and the office each is paid to (the
validated state after a European grant). Renewals decided "drop" are left out
(and shown as the saving they make)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from valo.directory.choices import OrganizationKind
from valo.patents.choices import DeadlineState, RenewalDecision
from valo.patents.models import Deadline, Fee

# The budget shows what is still due this year, then this many full years.
YEARS_AHEAD = 5


@dataclass
class Forecast:
    years: list[int]
    schools: list[str]
    # (school, year) → amount in EUR
    amounts: dict[tuple[str, int], Decimal] = field(default_factory=dict)
    savings: dict[int, Decimal] = field(default_factory=dict)
    unpriced: int = 0
    # office → renewals due with no fee recorded (e.g. national renewals marked unconfirmed)
    unpriced_offices: dict[str, int] = field(default_factory=dict)

    # The first year is counted from `today`: what is still due this year (its label says so).
    today: datetime.date | None = None

    @property
    def labels(self) -> list[str]:
        """The columns' headings: "rest of 2026" for the year under way (once it has begun)."""
        from django.utils.translation import gettext

        found = [str(year) for year in self.years]
        if found and self.today and self.today > datetime.date(self.today.year, 1, 1):
            found[0] = gettext("rest of %(year)s") % {"year": self.years[0]}
        return found

    def total(self, year: int) -> Decimal:
        return sum((v for (_s, y), v in self.amounts.items() if y == year), Decimal(0))

    def row(self, school: str) -> list[Decimal]:
        return [self.amounts.get((school, year), Decimal(0)) for year in self.years]


def _school(unit: Any) -> str:
    node = unit
    while node is not None:
        if node.kind in (OrganizationKind.SCHOOL, OrganizationKind.SUBSIDIARY_SCHOOL):
            return node.short_name or node.name
        node = node.parent
    return unit.short_name or unit.name


def fee_for(fees: list[Fee], office: str, year: int, on: datetime.date) -> Fee | None:
    for fee in fees:
        if (
            fee.office == office
            and fee.year == year
            and fee.start <= on
            and (fee.end is None or fee.end >= on)
        ):
            return fee
    return None


def forecast(deadlines: QuerySet[Deadline], today: datetime.date | None = None) -> Forecast:
    """The renewal fees of `deadlines` (already restricted to the user) still due this year and in the next 5."""
    today = today or timezone.localdate()
    years = list(range(today.year, today.year + 1 + YEARS_AHEAD))
    reduced = settings.VALO_REDUCED_FEES
    fees = list(Fee.objects.filter(code="renewal").order_by("-start"))
    result = Forecast(years=years, schools=[], today=today)
    window = deadlines.filter(
        state=DeadlineState.OPEN, year__isnull=False, due_date__year__in=years
    ).select_related("application__family__unit__parent__parent", "rule", "validation")
    schools: set[str] = set()
    for deadline in window:
        # A validated European patent's renewals are paid in its state (EPC Art. 141).
        office = deadline.office
        fee = fee_for(fees, office, deadline.year, deadline.due_date)
        if fee is None:
            result.unpriced += 1
            result.unpriced_offices[office] = result.unpriced_offices.get(office, 0) + 1
            continue
        amount = fee.reduced_amount if reduced and fee.reduced_amount is not None else fee.amount
        if deadline.renewal_decision == RenewalDecision.DROP:
            result.savings[deadline.due_date.year] = (
                result.savings.get(deadline.due_date.year, Decimal(0)) + amount
            )
            continue
        school = _school(deadline.application.family.unit)
        schools.add(school)
        key = (school, deadline.due_date.year)
        result.amounts[key] = result.amounts.get(key, Decimal(0)) + amount
    result.schools = sorted(schools)
    return result
