"""Deadline reminders: each responsible person's deadlines to watch, told daily through the
notifications (valo.correspondence), and the personal iCalendar feed."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event

from valo.correspondence.events import Message, emit
from valo.patents.choices import DeadlineState
from valo.patents.models import Deadline

# The horizons of a digest, in days: overdue, then due within 7, 30 and 90 days.
HORIZONS = (7, 30, 90)


def digest_sections(
    deadlines: list[Deadline], today: datetime.date
) -> list[tuple[str, list[Deadline]]]:
    sections: dict[str, list[Deadline]] = defaultdict(list)
    for deadline in sorted(deadlines, key=lambda d: d.due_date):
        days = (deadline.due_date - today).days
        if days < 0:
            sections["overdue"].append(deadline)
        else:
            horizon = next(h for h in HORIZONS if days <= h)
            sections[str(horizon)].append(deadline)
    titles = {  # lazy: rendered in each recipient's language
        "overdue": gettext_lazy("Overdue"),
        "7": gettext_lazy("Due within 7 days"),
        "30": gettext_lazy("Due within 30 days"),
        "90": gettext_lazy("Due within 90 days"),
    }
    return [(titles[key], sections[key]) for key in ("overdue", "7", "30", "90") if sections[key]]


def officers() -> list[Any]:
    """The users holding the officer role somewhere."""
    from django.contrib.auth import get_user_model

    from valo.core.access import Role

    return list(
        get_user_model().objects.filter(memberships__role=Role.OFFICER, is_active=True).distinct()
    )


def send_digests(today: datetime.date | None = None) -> int:
    """Tell each responsible person of their open deadlines (overdue, within 7/30/90 days): the
    event `patents.deadlines_to_watch`, once per person and day (its key), by e-mail at once, in
    their daily digest or not at all as they chose. Returns the number of people told."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=HORIZONS[-1])
    # Time limits only: an expected publication is not something to act on.
    open_deadlines = (
        Deadline.objects.filter(
            state=DeadlineState.OPEN, due_date__lte=horizon, responsible__isnull=False
        )
        .exclude(rule__informational=True)
        .select_related("responsible", "application__family", "rule", "validation")
    )
    by_user: dict[Any, list[Deadline]] = defaultdict(list)
    for deadline in open_deadlines:
        by_user[deadline.responsible].append(deadline)
    # Deadlines nobody is responsible for go to every officer whose scope covers them.
    unassigned = Deadline.objects.filter(
        state=DeadlineState.OPEN, due_date__lte=horizon, responsible__isnull=True
    ).exclude(rule__informational=True)
    if unassigned.exists():
        for officer in officers():
            for deadline in unassigned.restrict(officer, "change").select_related(
                "application__family", "rule", "validation"
            ):
                by_user[officer].append(deadline)
    told = 0
    with transaction.atomic():
        for user, deadlines in by_user.items():
            message = Message(
                gettext_lazy("valo: %(count)s patent deadlines to watch"),
                template="patents/reminder_digest.txt",
                params={
                    "count": len(deadlines),
                    "sections": digest_sections(deadlines, today),
                    "today": today,
                },
                url=reverse("patents_deadline_list"),
            )
            told += len(emit("patents.deadlines_to_watch", message, [user], key=str(today)))
    return told


def calendar_feed(user: Any) -> bytes:
    """The user's open deadlines as an iCalendar document (all-day events)."""
    calendar = Calendar()
    calendar.add("prodid", "-//valo//patent deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "valo")
    deadlines = Deadline.objects.filter(responsible=user, state=DeadlineState.OPEN).select_related(
        "application__family", "rule", "validation"
    )
    stamp = timezone.now()
    for deadline in deadlines:
        event = Event()
        event.add("uid", f"deadline-{deadline.pk}@valo")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.due_date)
        event.add("dtend", deadline.due_date + datetime.timedelta(days=1))
        event.add(
            "summary",
            f"{deadline.local_label} – {deadline.application} ({deadline.application.family.reference})",
        )
        source = deadline.rule.local_source if deadline.rule else _("manual deadline")
        event.add("description", f"{deadline.application.family.title}\n{source}")
        calendar.add_component(event)
    from valo.inventions.notices import meeting_event

    for meeting in meetings_of(user):
        calendar.add_component(meeting_event(meeting, stamp))
    return calendar.to_ical()


def meetings_of(user: Any) -> list[Any]:
    """The scheduled assessment meetings the user is invited to, or may see as staff (from a month
    ago on)."""
    from valo.core.access import STAFF_ROLES, get_access
    from valo.inventions.choices import AssessmentStatus
    from valo.inventions.models import Assessment

    since = timezone.localdate() - datetime.timedelta(days=30)
    meetings = Assessment.objects.restrict(user).filter(
        status=AssessmentStatus.SCHEDULED, meeting_on__gte=since
    )
    if not get_access(user).has_role(*STAFF_ROLES):
        meetings = meetings.filter(participants__person__user=user)
    return list(meetings.select_related("invention").distinct())


def month_items(user: Any, year: int, month: int) -> list[tuple[datetime.date, list[Any]]]:
    """What falls in a month for the user, day by day: their open deadlines, the assessment meetings
    they are invited to, and the other things due that they may see (valo.core.agenda)."""
    from calendar import monthrange

    from valo.core.agenda import DueItem, due_items

    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, monthrange(year, month)[1])
    days: dict[datetime.date, list[DueItem]] = defaultdict(list)
    deadlines = (
        Deadline.objects.restrict(user)
        .filter(responsible=user, state=DeadlineState.OPEN, due_date__range=(first, last))
        .select_related("application__family", "rule", "validation")
    )
    for deadline in deadlines:
        days[deadline.due_date].append(
            DueItem(
                deadline.due_date,
                f"{deadline.local_label} – {deadline.application} ({deadline.application.family.reference})",
                deadline.application.family.get_absolute_url() + f"#deadline-{deadline.pk}",
                _("Patent deadline"),
            )
        )
    for meeting in meetings_of(user):
        if first <= meeting.meeting_on <= last:
            hour = f" {meeting.starts_at:%H:%M}" if meeting.starts_at else ""
            days[meeting.meeting_on].append(
                DueItem(
                    meeting.meeting_on,
                    f"{meeting.invention.reference}{hour}{' – ' + meeting.location if meeting.location else ''}",
                    meeting.get_absolute_url(),
                    _("Assessment meeting"),
                )
            )
    for item in due_items(user, last):
        if item.due_date >= first:
            days[item.due_date].append(item)
    return sorted(days.items())
