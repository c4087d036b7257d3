"""The events the patents app emits (valo.patents.notices and .reminders raise them)."""

from django.utils.translation import gettext_lazy as _

from valo.core.access import Role
from valo.core.registry import EventType

EVENTS = (
    EventType("patents.deadlines_to_watch", _("My patent deadlines to watch (daily)")),
    EventType(
        "patents.family_created",
        _("A patent family is created"),
        "digest",
        role_defaults=((Role.OFFICER, "digest"),),
    ),
    EventType("patents.deadline_assigned", _("A patent deadline is given to me"), "digest"),
    EventType(
        "patents.renewal_consultation",
        _("The office asks my opinion on a renewal (keep or drop)"),
    ),
)
