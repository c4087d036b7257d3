"""The deadline engine: which rules apply to an application, the due dates they give on the office's
calendar, and keeping each application's computed deadlines in step with its dates and status.

Rules are rows of DeadlineRule (seeded by migration 0002 from reference/french-rules.md §7.2); the
rule in force on the date a period counts from applies. Computation is pure (`due_dates`); `sync`
writes the differences only, so a recompute that changes nothing writes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from valo.patents import dates
from valo.patents.calendars import OfficeCalendar, office_calendar
from valo.patents.choices import DEAD_STATUSES, Anchor, DeadlineState, Office, Trigger
from valo.patents.models import Deadline, DeadlineRule, PatentApplication


@dataclass(frozen=True)
class Due:
    """A computed deadline, before it is stored."""

    rule: DeadlineRule
    year: int | None
    base_date: datetime.date
    due_date: datetime.date
    grace_end: datetime.date | None

    @property
    def label(self) -> str:
        return f"{self.rule.label} – {self.year}" if self.year else str(self.rule.label)


def trigger_date(
    application: PatentApplication, trigger: str, priority: datetime.date | None
) -> datetime.date | None:
    return {
        Trigger.FILING: application.filing_date,
        Trigger.PRIORITY: priority,
        Trigger.SEARCH_REPORT: application.search_report_date,
        Trigger.GRANT: application.grant_date,
    }[trigger]


def rule_in_force(
    rules: Sequence[DeadlineRule], code: str, on: datetime.date
) -> DeadlineRule | None:
    """The version of rule `code` in force on `on` (rules sorted newest first per code)."""
    for rule in rules:
        if rule.code == code and rule.start <= on and (rule.end is None or rule.end >= on):
            return rule
    return None


def _due(
    rule: DeadlineRule, base: datetime.date, year: int | None, calendar: OfficeCalendar | None
) -> Due:
    if rule.anchor == Anchor.MONTH_END:
        raw = dates.anniversary_month_end(base, (year or 1) - 1)
    else:
        raw = dates.add_days(dates.add_months(base, rule.months), rule.days)
    due = dates.roll_forward(raw, calendar) if calendar is not None else raw
    grace = None
    if rule.grace_months:
        # From a month-end due date, grace ends on the last day of the 6th month after (§7.1).
        grace_raw = dates.add_months(raw, rule.grace_months)
        if rule.anchor == Anchor.MONTH_END:
            grace_raw = dates.month_end(grace_raw)
        grace = dates.roll_forward(grace_raw, calendar) if calendar is not None else grace_raw
    return Due(rule=rule, year=year, base_date=base, due_date=due, grace_end=grace)


def due_dates(
    application: PatentApplication,
    rules: Sequence[DeadlineRule],
    calendars: dict[str, OfficeCalendar],
    priority: datetime.date | None = None,
) -> list[Due]:
    """Every deadline the rules give this application (nothing once it is dead)."""
    if application.status in DEAD_STATUSES:
        return []
    if priority is None:
        priority = application.earliest_priority()
    found: list[Due] = []
    seen: set[str] = set()
    for rule in rules:
        if rule.code in seen or not rule.applies_to(application.office, application.route):
            continue
        base = trigger_date(application, rule.trigger, priority)
        if base is None:
            continue
        rule = rule_in_force(rules, rule.code, base) or rule
        seen.add(rule.code)
        if rule.start > base or (rule.end is not None and rule.end < base):
            continue
        # "*": the closed days of the application's own office.
        office = application.office if rule.calendar_office == "*" else rule.calendar_office
        calendar = calendars.get(office) if office else None
        if rule.recurring:
            for year in range(rule.first_year or 1, (rule.last_year or 20) + 1):
                found.append(_due(rule, base, year, calendar))
        else:
            found.append(_due(rule, base, None, calendar))
    return found


def load_rules() -> list[DeadlineRule]:
    return list(DeadlineRule.objects.order_by("code", "-start"))


def load_calendars(rules: Iterable[DeadlineRule]) -> dict[str, OfficeCalendar]:
    """The calendars the rules may need: those they name, and every office's for "*"."""
    offices = {r.calendar_office for r in rules if r.calendar_office and r.calendar_office != "*"}
    if any(r.calendar_office == "*" for r in rules):
        offices |= set(Office.values)
    return {office: office_calendar(office) for office in offices}


@transaction.atomic
def sync(
    applications: Iterable[PatentApplication],
    rules: Sequence[DeadlineRule] | None = None,
    calendars: dict[str, OfficeCalendar] | None = None,
) -> dict[str, int]:
    """Bring the computed deadlines of these applications in step with their dates and status.

    New deadlines are created, open ones whose date moved are updated, open ones no rule gives any
    more are removed; done, waived and missed ones, and manual ones, are never touched. Writes go
    through the logged bulk methods: one change record per deadline changed, none when nothing did.
    """
    rules = load_rules() if rules is None else rules
    calendars = load_calendars(rules) if calendars is None else calendars
    applications = list(applications)
    existing: dict[tuple[int, int, int | None], Deadline] = {
        (d.application_id, d.rule_id, d.year): d
        for d in Deadline.objects.filter(application__in=applications, rule__isnull=False)
    }
    to_create: list[Deadline] = []
    to_update: list[Deadline] = []
    keep: set[int] = set()
    for application in applications:
        responsible = application.family.responsible_id
        for due in due_dates(application, rules, calendars):
            key = (application.pk, due.rule.pk, due.year)
            current = existing.get(key)
            if current is None:
                to_create.append(
                    Deadline(
                        application=application,
                        rule=due.rule,
                        year=due.year,
                        label=due.label,
                        base_date=due.base_date,
                        due_date=due.due_date,
                        grace_end=due.grace_end,
                        responsible_id=responsible,
                        decide_by=due.due_date - datetime.timedelta(days=60) if due.year else None,
                    )
                )
                continue
            keep.add(current.pk)
            if current.state == DeadlineState.OPEN and (
                current.due_date,
                current.base_date,
                current.grace_end,
            ) != (due.due_date, due.base_date, due.grace_end):
                current.due_date, current.base_date, current.grace_end = (
                    due.due_date,
                    due.base_date,
                    due.grace_end,
                )
                to_update.append(current)
    stale = [d.pk for d in existing.values() if d.pk not in keep and d.state == DeadlineState.OPEN]
    if to_create:
        Deadline.objects.bulk_create(to_create)
    if to_update:
        Deadline.objects.bulk_update(to_update, ["due_date", "base_date", "grace_end"])
    if stale:
        Deadline.objects.filter(pk__in=stale).delete()
    return {"created": len(to_create), "updated": len(to_update), "removed": len(stale)}


def sync_application(application: PatentApplication) -> dict[str, Any]:
    return sync([application])
