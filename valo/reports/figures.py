"""The building blocks of every report: a figure defined by the records behind it, counted (or summed)
for the institution and by school, with an optional breakdown — so that each figure and its drill-down
list are the same query, through the user's restricted querysets."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Model, Q, QuerySet

from valo.directory.choices import INTERNAL_KINDS, OrganizationKind
from valo.directory.models import Organization

SCHOOL_KINDS = frozenset({OrganizationKind.SCHOOL, OrganizationKind.SUBSIDIARY_SCHOOL})


class Schools:
    """Each internal unit's school (itself for a school; the top unit for a unit under none), from one
    query of the internal units."""

    def __init__(self) -> None:
        units = {
            row["pk"]: row
            for row in Organization.objects.filter(kind__in=INTERNAL_KINDS).values(
                "pk", "parent_id", "kind", "name"
            )
        }
        self.names = {pk: row["name"] for pk, row in units.items()}
        self.school_of: dict[int, int] = {}
        for pk in units:
            node, seen = pk, set()
            while (
                units[node]["kind"] not in SCHOOL_KINDS
                and units[node]["parent_id"] in units
                and node not in seen
            ):
                seen.add(node)
                node = units[node]["parent_id"]
            self.school_of[pk] = node
        self.schools = sorted(
            {s for s in self.school_of.values() if units[s]["kind"] in SCHOOL_KINDS},
            key=lambda pk: self.names[pk],
        )

    def units_of(self, school: int) -> set[int]:
        return {unit for unit, s in self.school_of.items() if s == school}


@dataclass
class Figure:
    code: str
    label: Any
    value: Any  # an int, a Decimal, or {currency: Decimal} for money
    by_school: dict[int, Any] = field(default_factory=dict)
    breakdown: list[tuple[Any, Any]] = field(default_factory=list)
    unit: str = ""  # "money", "days" or "" (a count)
    note: Any = ""
    # Where the figure's records are listed, when not the report's drill-down (a computed figure).
    url: str = ""


@dataclass(frozen=True)
class Spec:
    """A figure of records: `records(year)` filters the model; `unit` is the path from a record to its
    unit (for the school); `amount` sums that field (with `currency`) instead of counting;
    `breakdown(queryset)` gives (label, value) rows; `date` names the field shown in the drill-down."""

    code: str
    label: Any
    model: type[Model]
    records: Callable[[int], Q]
    unit: str
    date: str
    amount: str = ""
    breakdown: Callable[[QuerySet], list[tuple[Any, Any]]] | None = None
    median_days: tuple[str, str] | None = None  # (from, to) date fields: the median interval
    note: Any = ""
    related: tuple[str, ...] = ()  # what a drill-down row's name reads (select_related)

    def queryset(
        self, user: Any, year: int, school: int | None = None, schools: Any = None
    ) -> QuerySet:
        """The records behind the figure that `user` may see (every record for a command: no user)."""
        manager = self.model.objects
        base = manager.restrict(user) if user is not None else manager.all()
        found = base.filter(self.records(year))
        if school is not None:
            found = found.filter(**{f"{self.unit}__in": schools.units_of(school)})
        return found.distinct()

    def records_of(self, user: Any, year: int, school: int | None, schools: Schools) -> QuerySet:
        """The drill-down's rows: the figure's records, oldest first, with what their names read."""
        found = self.queryset(user, year, school, schools)
        return found.select_related(*self.related).order_by(self.date, "pk")

    def figure(self, user: Any, year: int, schools: Schools) -> Figure:
        found = self.queryset(user, year)
        if self.amount:
            rows = found.values_list("pk", self.unit, self.amount, "currency")
            # A record with several units counts once for the institution, once in each school.
            value = _money({pk: (amount, currency) for pk, _u, amount, currency in rows})
            per_school: dict[int, dict] = defaultdict(dict)
            for pk, unit, amount, currency in rows:
                if unit in schools.school_of:
                    per_school[schools.school_of[unit]][pk] = (amount, currency)
            by_school = {s: _money(records) for s, records in per_school.items()}
            unit_kind = "money"
        elif self.median_days:
            start, end = self.median_days
            rows = found.values_list("pk", self.unit, start, end)
            days = {pk: (b - a).days for pk, _u, a, b in rows if a and b and b >= a}
            value = _median(days.values())
            grouped: dict[int, dict[int, int]] = defaultdict(dict)
            for pk, unit, _a, _b in rows:
                if pk in days and unit in schools.school_of:
                    grouped[schools.school_of[unit]][pk] = days[pk]
            by_school = {s: _median(d.values()) for s, d in grouped.items()}
            unit_kind = "days"
        else:
            rows = found.values_list("pk", self.unit)
            value = len({pk for pk, _u in rows})
            counted: dict[int, set[int]] = defaultdict(set)
            for pk, unit in rows:
                if unit in schools.school_of:
                    counted[schools.school_of[unit]].add(pk)
            by_school = {s: len(pks) for s, pks in counted.items()}
            unit_kind = ""
        return Figure(
            self.code,
            self.label,
            value,
            by_school,
            self.breakdown(found) if self.breakdown else [],
            unit_kind,
            note=self.note,
        )


def _money(records: dict[int, tuple[Decimal | None, str]]) -> dict[str, Decimal]:
    """{currency: total} of the records' amounts (record id → (amount, currency))."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for amount, currency in records.values():
        if amount is not None:
            totals[currency or "EUR"] += amount
    return dict(sorted(totals.items()))


def _median(days: Any) -> int | None:
    values = list(days)
    return round(statistics.median(values)) if values else None


def choice_breakdown(field_name: str, choices: Any) -> Callable[[QuerySet], list[tuple[Any, Any]]]:
    """(label, records) for each value of a choice field among the records, in the choices' order."""

    def breakdown(found: QuerySet) -> list[tuple[Any, Any]]:
        counted: dict[Any, set[int]] = defaultdict(set)
        for pk, value in found.values_list("pk", field_name):
            counted[value].add(pk)
        labels = dict(choices.choices)
        ordered = [v for v in labels if v in counted] + [v for v in counted if v not in labels]
        return [(labels.get(v, v or "—"), len(counted[v])) for v in ordered]

    return breakdown
