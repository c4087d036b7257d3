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
from django.db.models import Q
from django.utils.translation import gettext as _

from valo.patents import dates
from valo.patents.calendars import OfficeCalendar, office_calendar
from valo.patents.choices import (
    DEAD_STATUSES,
    Anchor,
    DeadlineState,
    GrantEffect,
    Office,
    Trigger,
)
from valo.patents.models import Deadline, DeadlineRule, PatentApplication, Validation
from valo.patents.models.deadlines import deadline_label


@dataclass(frozen=True)
class Step:
    """One step of a due date's computation, as the "why this date" explanation shows it."""

    text: str
    day: datetime.date | None = None


@dataclass(frozen=True)
class Due:
    """A computed deadline, before it is stored."""

    rule: DeadlineRule
    year: int | None
    base_date: datetime.date
    due_date: datetime.date
    grace_end: datetime.date | None
    validation: Validation | None = None

    @property
    def label(self) -> str:
        """As stored (in English, the language the rule was entered in)."""
        state = self.validation.state if self.validation is not None else None
        return deadline_label(self.rule.label, state, self.year)


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
    """The version of rule `code` in force on `on` (rules sorted newest first per code), or a later
    version that governs the titles still in force on its start (a transitional provision, such as
    PACTE art. 118 for the utility certificates in force on 10 January 2020)."""
    found = None
    for rule in rules:
        if rule.code == code and rule.start <= on and (rule.end is None or rule.end >= on):
            found = rule
            break
    if found is None:
        return None
    later = sorted(
        (r for r in rules if r.code == code and r.start > on and r.covers_running),
        key=lambda r: r.start,
    )
    for newer in later:
        if found.last_year and newer.start < dates.add_months(on, 12 * found.last_year):
            found = newer
    return found


def patent_year(start: datetime.date, day: datetime.date) -> int:
    """The year of the title's life `day` falls in, counted from `start` (year 1 is the first)."""
    year = 1
    while dates.add_months(start, 12 * year) <= day:
        year += 1
    return year


def renewal_years(rule: DeadlineRule, base: datetime.date, grant: datetime.date | None) -> range:
    """The years a recurring rule falls due, the grant taken into account (EPC Art. 86(2), 141)."""
    first, last = rule.first_year or 1, rule.last_year or 20
    if rule.grant_effect == GrantEffect.UNTIL and grant is not None:
        last = min(last, patent_year(base, grant))
    elif rule.grant_effect == GrantEffect.AFTER:
        if grant is None:
            return range(0)
        first = max(first, patent_year(base, grant) + 1)
    return range(first, last + 1)


def _rolled(
    raw: datetime.date, calendar: OfficeCalendar | None, trace: list[Step] | None
) -> datetime.date:
    if calendar is None:
        return raw
    due = dates.roll_forward(raw, calendar)
    if trace is not None:
        day = raw
        while day < due:
            trace.append(
                Step(
                    _("closed (%(why)s): moved to the next day")
                    % {"why": calendar.closed_because(day)},
                    day,
                )
            )
            day += datetime.timedelta(days=1)
    return due


def _due(
    rule: DeadlineRule,
    base: datetime.date,
    year: int | None,
    calendar: OfficeCalendar | None,
    priority: datetime.date | None = None,
    validation: Validation | None = None,
    trace: list[Step] | None = None,
    grant: datetime.date | None = None,
) -> Due:
    deferred = False
    if rule.anchor == Anchor.MONTH_END:
        anniversary = dates.add_months(base, 12 * ((year or 1) - 1))
        raw = dates.month_end(anniversary)
        if trace is not None:
            trace.append(
                Step(
                    _(
                        "year %(year)s: anniversary %(n)s of %(base)s falls on %(anniversary)s; "
                        "due on the last day of that month"
                    )
                    % {
                        "year": year,
                        "n": (year or 1) - 1,
                        "base": base,
                        "anniversary": anniversary,
                    },
                    raw,
                )
            )
    else:
        raw = dates.add_days(dates.add_months(base, rule.months), rule.days)
        if trace is not None:
            trace.append(
                Step(
                    _(
                        "%(base)s + %(months)s months + %(days)s days (same date number, else the "
                        "month's last day)"
                    )
                    % {"base": base, "months": rule.months, "days": rule.days},
                    raw,
                )
            )
    if rule.not_before_months and priority is not None:
        limit = dates.add_months(priority, rule.not_before_months)
        if raw < limit:
            raw, deferred = limit, True
            if trace is not None:
                trace.append(
                    Step(
                        _(
                            "falls due before %(months)s months from the priority (%(priority)s): "
                            "deferred to that limit"
                        )
                        % {"months": rule.not_before_months, "priority": priority},
                        raw,
                    )
                )
    due = _rolled(raw, calendar, trace)
    grace = None
    if rule.grace_months:
        # From a month-end due date, grace ends on the last day of the 6th month after (§7.1).
        grace_raw = dates.add_months(raw, rule.grace_months)
        if rule.anchor == Anchor.MONTH_END and not deferred:
            grace_raw = dates.month_end(grace_raw)
        grace = dates.roll_forward(grace_raw, calendar) if calendar is not None else grace_raw
    if rule.after_grant_months and grant is not None:
        # The grace still counts from the fee's own due date; only its payment without surcharge
        # is allowed later.
        limit = dates.add_months(grant, rule.after_grant_months)
        if grant < raw <= limit:
            if trace is not None:
                trace.append(
                    Step(
                        _(
                            "falls due within %(months)s months of the grant mention (%(grant)s): "
                            "validly paid until then, without surcharge (EPC Art. 141(2))"
                        )
                        % {"months": rule.after_grant_months, "grant": grant},
                        limit,
                    )
                )
            due = max(due, _rolled(limit, calendar, trace))
    return Due(
        rule=rule,
        year=year,
        base_date=base,
        due_date=due,
        grace_end=grace,
        validation=validation,
    )


def _calendar(
    rule: DeadlineRule, office: str, calendars: dict[str, OfficeCalendar]
) -> OfficeCalendar | None:
    """The calendar that extends the rule's period: the one it names ("*": the office's own), or
    weekends only when it names none (a time limit still ends on a working day, PCT Rule 80.5 and
    CPI R618-3); an expected date is never extended."""
    if rule.informational:
        return None
    code = office if rule.calendar_office == "*" else rule.calendar_office
    return calendars.get(code) or calendars.get("")


def due_dates(
    application: PatentApplication,
    rules: Sequence[DeadlineRule],
    calendars: dict[str, OfficeCalendar],
    priority: datetime.date | None = None,
) -> list[Due]:
    """Every deadline the rules give this application and its validations (nothing once it is
    dead)."""
    if application.status in DEAD_STATUSES:
        return []
    if priority is None:
        priority = application.earliest_priority()
    found: list[Due] = []
    seen: set[str] = set()
    for rule in rules:
        if rule.code in seen or not rule.applies_to(application.office, application.route):
            continue
        seen.add(rule.code)
        found.extend(_rule_dues(application, rule, rules, calendars, priority, None))
    if application.office == Office.EP and application.pk is not None:
        for validation in application.validations.all():
            if validation.lapsed_on is not None:
                continue
            done: set[str] = set()
            for rule in rules:
                if rule.code in done or not rule.applies_to_validation(validation.state):
                    continue
                done.add(rule.code)
                found.extend(_rule_dues(application, rule, rules, calendars, priority, validation))
    return found


def _rule_dues(
    application: PatentApplication,
    rule: DeadlineRule,
    rules: Sequence[DeadlineRule],
    calendars: dict[str, OfficeCalendar],
    priority: datetime.date | None,
    validation: Validation | None,
    only_year: int | None = None,
    trace: list[Step] | None = None,
) -> list[Due]:
    base = trigger_date(application, rule.trigger, priority)
    if base is None:
        return []
    version = rule_in_force(rules, rule.code, base)
    if version is None:
        return []
    rule = version
    office = validation.state if validation is not None else application.office
    calendar = _calendar(rule, office, calendars)
    if not rule.recurring:
        return [_due(rule, base, None, calendar, priority, validation, trace)]
    years = renewal_years(rule, base, application.grant_date)
    if only_year is not None:
        years = [only_year] if only_year in years else []
    grant = application.grant_date
    return [_due(rule, base, year, calendar, priority, validation, trace, grant) for year in years]


def explain(
    deadline: Deadline,
    rules: Sequence[DeadlineRule] | None = None,
    calendars: dict[str, OfficeCalendar] | None = None,
) -> list[Step]:
    """Why a computed deadline falls on its date: the rule and its source, the date it counts from,
    the period, the grant's effect, the calendar and each closed day skipped."""
    if deadline.rule_id is None:
        return [Step(_("entered by hand: no rule computes it"), deadline.due_date)]
    application = deadline.application
    rules = load_rules() if rules is None else rules
    calendars = load_calendars(rules) if calendars is None else calendars
    priority = application.earliest_priority()
    rule = deadline.rule
    base = trigger_date(application, rule.trigger, priority)
    steps = [
        Step(
            _("rule: %(label)s — %(source)s (%(status)s), version in force from %(start)s")
            % {
                "label": rule.local_label,
                "source": rule.local_source,
                "status": rule.get_status_display(),
                "start": rule.start,
            }
        ),
        Step(_("counted from: %(trigger)s") % {"trigger": rule.get_trigger_display()}, base),
    ]
    if rule.recurring and rule.grant_effect and application.grant_date and base:
        year = patent_year(base, application.grant_date)
        text = (
            _(
                "grant published on %(grant)s, in year %(year)s: the European Patent Office is paid "
                "up to that year (EPC Art. 86(2))"
            )
            if rule.grant_effect == GrantEffect.UNTIL
            else _(
                "grant published on %(grant)s, in year %(year)s: renewals here start the year "
                "after (EPC Art. 141)"
            )
        )
        steps.append(Step(text % {"grant": application.grant_date, "year": year}))
    dues = _rule_dues(
        application, rule, rules, calendars, priority, deadline.validation, deadline.year, steps
    )
    office = deadline.validation.state if deadline.validation_id else application.office
    calendar = _calendar(rule, office, calendars)
    if calendar is None:
        steps.append(Step(_("an expected date, not a time limit: never extended")))
    else:
        name = calendar.office or _("weekends only")
        steps.append(Step(_("calendar: %(name)s") % {"name": name}))
        if dues and calendar.listed_years and dues[0].due_date.year not in calendar.listed_years:
            steps.append(
                Step(
                    _(
                        "no list of %(office)s closures is recorded for %(year)s: check the office's "
                        "notice and add it"
                    )
                    % {"office": calendar.office, "year": dues[0].due_date.year}
                )
            )
    if not dues:
        steps.append(Step(_("the rule no longer gives this deadline (kept as recorded)")))
    else:
        steps.append(Step(_("due date"), dues[0].due_date))
        if dues[0].grace_end:
            steps.append(
                Step(
                    _("end of the grace period (%(months)s months, +%(percent)s %%)")
                    % {"months": rule.grace_months, "percent": rule.surcharge_percent},
                    dues[0].grace_end,
                )
            )
    return steps


def load_rules() -> list[DeadlineRule]:
    return list(DeadlineRule.objects.order_by("code", "-start"))


def load_calendars(rules: Iterable[DeadlineRule]) -> dict[str, OfficeCalendar]:
    """The calendars the rules may need: those they name, every office's for "*", and weekends
    only ("") for the rules that name none."""
    offices = {r.calendar_office for r in rules if r.calendar_office != "*"}
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
                        validation=due.validation,
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


BATCH = 2000


def recompute_all(
    between: tuple[datetime.date, datetime.date] | None = None,
) -> dict[str, int]:
    """Recompute every application's deadlines (after a rule or a calendar changed), in batches.

    `between` (first, last day of new closures): only the applications with an open deadline or
    grace end in those days — the only ones a closure can move (a date it makes closed is today
    due on that very day, or was already moved past an open one)."""
    rules = load_rules()
    calendars = load_calendars(rules)
    totals = {"applications": 0, "created": 0, "updated": 0, "removed": 0}
    applications = PatentApplication.objects.select_related("family").prefetch_related(
        "priority_claims", "validations"
    )
    if between is not None:
        touched = Deadline.objects.filter(state=DeadlineState.OPEN).filter(
            Q(due_date__range=between) | Q(grace_end__range=between)
        )
        applications = applications.filter(pk__in=touched.values("application"))
    ids = list(applications.values_list("pk", flat=True))
    totals["applications"] = len(ids)
    for start in range(0, len(ids), BATCH):
        batch = applications.filter(pk__in=ids[start : start + BATCH])
        for key, value in sync(batch, rules, calendars).items():
            totals[key] += value
    return totals
