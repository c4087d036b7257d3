"""The events the inventions app emits (valo.inventions.notices raises them); declared apart from
the code that raises them so that the AppConfig can name them before the models load."""

from django.utils.translation import gettext_lazy as _

from valo.core.access import Role
from valo.core.registry import EventType

EVENTS = (
    EventType(
        "inventions.declaration_submitted",
        _("A declaration is submitted (to the office)"),
        role_defaults=((Role.OFFICER, "immediate"),),
    ),
    EventType(
        "inventions.declaration_received",
        _("My declaration was received (receipt to the inventors)"),
        to_actor=True,
    ),
    EventType(
        "inventions.information_requested", _("The office asks the inventors for more information")
    ),
    EventType("inventions.qualified", _("The invention's legal classification (CPI R611-7)")),
    EventType(
        "inventions.assessment_scheduled", _("An assessment meeting is scheduled (invitation)")
    ),
    EventType(
        "inventions.assessment_cancelled", _("An assessment meeting is cancelled"), to_actor=True
    ),
    EventType("inventions.assessment_closed", _("An assessment meeting is closed"), "digest"),
    EventType("inventions.decided", _("The decision on an invention is recorded")),
    EventType(
        "inventions.closed", _("An invention is protected, transferred, released or abandoned")
    ),
)
