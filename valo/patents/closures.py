"""A year's list of office closures (the OJ EPO notice, an INPI or USPTO announcement): checked as a
whole, recorded with its source, and the deadlines it moves recomputed in the same transaction."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from valo.patents import engine
from valo.patents.models import ClosedDay


@dataclass(frozen=True)
class ClosureList:
    office: str
    year: int
    source: str
    days: list[tuple[datetime.date, str]]


def parse_days(text: str, year: int) -> list[tuple[datetime.date, str]]:
    """Lines "YYYY-MM-DD reason" (the reason is optional); every error is named by its line."""
    days: list[tuple[datetime.date, str]] = []
    errors: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        head, _sep, reason = line.partition(" ")
        try:
            day = datetime.date.fromisoformat(head)
        except ValueError:
            errors.append(
                _("line %(n)s: “%(text)s” is not a date (YYYY-MM-DD).")
                % {"n": number, "text": head}
            )
            continue
        if day.year != year:
            errors.append(
                _("line %(n)s: %(day)s is outside %(year)s, the year of the list.")
                % {"n": number, "day": day, "year": year}
            )
            continue
        days.append((day, reason.strip() or _("Announced closure")))
    if errors:
        raise ValidationError(errors)
    if not days:
        raise ValidationError(_("Give at least one day."))
    return days


@transaction.atomic
def record(closures: ClosureList) -> dict[str, int]:
    """Record the days (a day already recorded keeps its row, with the new reason and source) and
    recompute, on the new calendar, the deadlines those days can move."""
    added = 0
    for day, reason in closures.days:
        row, created = ClosedDay.objects.get_or_create(
            office=closures.office,
            day=day,
            defaults={"reason": reason, "source": closures.source},
        )
        if created:
            added += 1
        elif (row.reason, row.source) != (reason, closures.source):
            row.reason, row.source = reason, closures.source
            row.save()
    days = [day for day, _reason in closures.days]
    totals = engine.recompute_all(between=(min(days), max(days)))
    return {"added": added, **totals}
