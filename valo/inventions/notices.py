"""What an invention's life tells people: the events the inventions app emits and to whom.

Called by the transitions (valo.inventions.transitions), so that the page, the API and any command
raise them alike; the messages are translatable and rendered in each recipient's language."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from icalendar import Calendar, Event, vCalAddress, vText

from valo.core.access import Role
from valo.correspondence.events import Attachment, Message, emit, staff_who_may, users_of

# A meeting with an hour lasts this long in the invitation.
MEETING_LENGTH = datetime.timedelta(hours=2)


def _params(invention: Any) -> dict[str, Any]:
    return {
        "reference": invention.reference or f"#{invention.pk}",
        "title": invention.title,
        "state": invention.get_state_display,
    }


def _inventors(invention: Any) -> list[Any]:
    return users_of(i.person for i in invention.inventorships.select_related("person__user"))


def _officers(invention: Any) -> list[Any]:
    return staff_who_may(invention, Role.OFFICER, "change")


def transition_made(invention: Any, user: Any, name: str, note: str = "") -> None:
    """Raise the events of one transition (called by the transition, inside its transaction)."""
    params = _params(invention)
    url = invention.get_absolute_url()
    today = timezone.localdate()
    if name == "submit":
        emit(
            "inventions.declaration_submitted",
            Message(
                _("New declaration %(reference)s: %(title)s"),
                _(
                    "The declaration of the invention “%(title)s” was submitted on %(day)s. "
                    "Its legal clocks run from now (CPI R611-7): two months to accept or contest "
                    "the classification the inventors proposed, four months from a complete "
                    "declaration to claim an invention outside the mission."
                ),
                params={**params, "day": invention.received_on or today},
                url=url,
            ),
            _officers(invention),
            actor=user,
        )
        emit(
            "inventions.declaration_received",
            Message(
                _("Your declaration %(reference)s was received"),
                _(
                    "The technology-transfer office received the declaration of “%(title)s” on "
                    "%(day)s. It will tell you its classification of the invention within two "
                    "months (CPI R611-7)."
                ),
                params={**params, "day": invention.received_on or today},
                url=url,
            ),
            [*_inventors(invention), invention.created_by],
            actor=user,
        )
    elif name == "request_information":
        emit(
            "inventions.information_requested",
            Message(
                _("More information is needed on %(reference)s"),
                _(
                    "The office asks for more information on “%(title)s”:\n%(note)s\n"
                    "Complete the declaration and submit it again."
                ),
                params={**params, "note": note},
                url=url,
            ),
            [*_inventors(invention), invention.created_by],
            actor=user,
        )
    elif name == "qualify":
        emit(
            "inventions.qualified",
            Message(
                _("%(reference)s: the invention's classification"),
                _(
                    "The office classified the invention “%(title)s” on %(day)s as: %(class)s."
                    "\n%(note)s"
                ),
                params={
                    **params,
                    "day": invention.qualified_on or today,
                    "class": invention.get_ownership_class_display,
                    "note": note,
                },
                url=url,
            ),
            _inventors(invention),
            actor=user,
        )
    elif name == "decide":
        decision = invention.decision
        emit(
            "inventions.decided",
            Message(
                _("%(reference)s: the decision"),
                _(
                    "The decision on “%(title)s” was recorded on %(day)s.\n"
                    "Protection: %(protection)s. Valorisation: %(valorisation)s.\n%(rationale)s"
                ),
                params={
                    **params,
                    "day": decision.decided_on,
                    "protection": decision.get_protection_route_display,
                    "valorisation": decision.get_valorisation_route_display,
                    "rationale": decision.rationale,
                },
                url=url,
            ),
            [*_inventors(invention), *_officers(invention)],
            actor=user,
        )
    elif name in ("protect", "transfer", "release", "abandon"):
        if name == "abandon":
            for meeting in invention.assessments.filter(status="scheduled"):
                meeting_cancelled(meeting, user)
        emit(
            "inventions.closed",
            Message(
                _("%(reference)s is now %(state)s"),
                _("The invention “%(title)s” is now %(state)s.\n%(note)s"),
                params={**params, "note": note},
                url=url,
            ),
            _inventors(invention),
            actor=user,
        )


def _attendees(meeting: Any) -> list[Any]:
    invention = meeting.invention
    committee = staff_who_may(invention, Role.COMMITTEE, "view")
    invited = users_of(p.person for p in meeting.participants.select_related("person__user"))
    return [*invited, *committee]


def meeting_event(meeting: Any, stamp: datetime.datetime) -> Event:
    """The meeting as a calendar event, in the active language: the invitation's and the personal
    feed's (valo.patents.reminders), with one UID so that a calendar keeps one entry."""
    event = Event()
    event.add("uid", f"assessment-{meeting.pk}@valo")
    event.add("sequence", meeting.invitation_sequence)
    event.add("dtstamp", stamp)
    if meeting.starts_at is not None:
        zone = timezone.get_default_timezone()
        start = datetime.datetime.combine(meeting.meeting_on, meeting.starts_at, zone)
        event.add("dtstart", start)
        event.add("dtend", start + MEETING_LENGTH)
    else:
        event.add("dtstart", meeting.meeting_on)
        event.add("dtend", meeting.meeting_on + datetime.timedelta(days=1))
    event.add(
        "summary", str(_("Assessment of %(reference)s: %(title)s") % _params(meeting.invention))
    )
    if meeting.location:
        event.add("location", meeting.location)
    return event


def invitation(meeting: Any, method: str, attendees: list[Any]) -> Any:
    """The meeting as an iCalendar message: REQUEST (an invitation or its update) or CANCEL."""

    def render(language: str) -> bytes:
        with translation.override(language):
            calendar = Calendar()
            calendar.add("prodid", "-//valo//assessment meetings//EN")
            calendar.add("version", "2.0")
            calendar.add("method", method)
            event = meeting_event(meeting, timezone.now())
            event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
            organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
            organizer.params["cn"] = vText("valo")
            event["organizer"] = organizer
            for user in attendees:
                if not user.email:
                    continue
                attendee = vCalAddress(f"mailto:{user.email}")
                attendee.params["cn"] = vText(user.get_full_name() or user.get_username())
                attendee.params["role"] = vText("REQ-PARTICIPANT")
                attendee.params["partstat"] = vText("NEEDS-ACTION")
                attendee.params["rsvp"] = vText("TRUE")
                event.add("attendee", attendee, encode=0)
            calendar.add_component(event)
            return calendar.to_ical()

    return Attachment(f"assessment-{meeting.pk}.ics", f"text/calendar; method={method}", render)


def meeting_scheduled(meeting: Any, user: Any, *, rescheduled: bool = False) -> None:
    invention = meeting.invention
    attendees = _attendees(meeting)
    subject = (
        _("Rescheduled: assessment of %(reference)s on %(day)s")
        if rescheduled
        else _("Invitation: assessment of %(reference)s on %(day)s")
    )
    emit(
        "inventions.assessment_scheduled",
        Message(
            subject,
            _(
                "You are invited to the assessment meeting of the invention “%(title)s” on "
                "%(day)s%(hour)s%(place)s. The invitation is attached for your calendar."
            ),
            params={
                **_params(invention),
                "day": meeting.meeting_on,
                "hour": f", {meeting.starts_at:%H:%M}" if meeting.starts_at else "",
                "place": f" ({meeting.location})" if meeting.location else "",
            },
            url=meeting.get_absolute_url(),
            attachments=[invitation(meeting, "REQUEST", attendees)],
        ),
        attendees,
        actor=user,
    )


def meeting_cancelled(meeting: Any, user: Any) -> None:
    meeting.invitation_sequence += 1
    meeting.save(update_fields=["invitation_sequence", "last_updated"])
    attendees = _attendees(meeting)
    emit(
        "inventions.assessment_cancelled",
        Message(
            _("Cancelled: assessment of %(reference)s on %(day)s"),
            _("The assessment meeting of “%(title)s” on %(day)s is cancelled."),
            params={**_params(meeting.invention), "day": meeting.meeting_on},
            url=meeting.invention.get_absolute_url(),
            attachments=[invitation(meeting, "CANCEL", attendees)],
        ),
        attendees,
        actor=user,
    )


def meeting_closed(meeting: Any, user: Any) -> None:
    invention = meeting.invention
    emit(
        "inventions.assessment_closed",
        Message(
            _("%(reference)s: the assessment meeting is closed"),
            _("The assessment meeting of “%(title)s” on %(day)s is closed; the decision follows."),
            params={**_params(invention), "day": meeting.meeting_on},
            url=meeting.get_absolute_url(),
        ),
        [*_inventors(invention), *_officers(invention)],
        actor=user,
    )


MEETING_FIELDS = ("meeting_on", "starts_at", "location")


def meeting_changed(
    sender: type, obj: Any, action: str, before: Any, after: Any, user: Any, **kwargs: Any
) -> None:
    """A scheduled meeting moved (its day, hour or place, by any write path): the invitation's
    update, the same event at its next SEQUENCE, goes to everyone invited."""
    from valo.core.models.changelog import ChangeAction
    from valo.inventions.choices import AssessmentStatus
    from valo.inventions.models import Assessment

    if action != ChangeAction.UPDATE or obj.status != AssessmentStatus.SCHEDULED:
        return
    if all((before or {}).get(f) == (after or {}).get(f) for f in MEETING_FIELDS):
        return
    Assessment.objects.filter(pk=obj.pk).update(invitation_sequence=obj.invitation_sequence + 1)
    obj.refresh_from_db()
    meeting_scheduled(obj, user, rescheduled=True)
