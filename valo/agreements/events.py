"""The events the agreements app emits (valo.agreements.notices raises them)."""

from django.utils.translation import gettext_lazy as _

from valo.core.access import Role
from valo.core.registry import EventType

EVENTS = (
    EventType("agreements.signed", _("An agreement is signed"), "digest"),
    EventType(
        "agreements.statement_received",
        _("A licensee's royalty statement is recorded"),
        "digest",
        role_defaults=((Role.FINANCE, "digest"),),
    ),
    EventType(
        "agreements.payment_received", _("A payment is received under an agreement"), "digest"
    ),
    EventType(
        "agreements.notice_received",
        _("A co-owner's notice of a draft licence is recorded (CPI L613-29)"),
    ),
)
