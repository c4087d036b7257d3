"""The officers' daily reminder of what else falls due: every registered agenda source (contract
obligations, licensee statements owed, royalties unpaid, L531-x authorisations to renew …; see
valo.core.agenda) within 30 days or overdue, as the event `correspondence.agenda_due`, once a day."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from valo.core.access import Role
from valo.core.agenda import due_items
from valo.correspondence.events import Message, emit, language_of
from valo.correspondence.mail import absolute

HORIZON_DAYS = 30


def remind(today: datetime.date | None = None) -> int:
    """Tell each officer of their open agenda items; returns the number of officers told."""
    from valo.directory.models import Membership

    today = today or timezone.localdate()
    until = today + datetime.timedelta(days=HORIZON_DAYS)
    officers = get_user_model().objects.filter(
        pk__in=Membership.objects.filter(role=Role.OFFICER).values("user_id"), is_active=True
    )
    told = 0
    for officer in officers:
        # The sources word their items in the active language: the officer's.
        with translation.override(language_of(officer)):
            items = [(item, absolute(item.url)) for item in due_items(officer, until)]
        if not items:
            continue
        message = Message(
            _("valo: %(count)s obligations, statements and authorisations to watch"),
            template="correspondence/agenda_due.txt",
            params={"count": len(items), "items": items, "today": today},
        )
        told += len(emit("correspondence.agenda_due", message, [officer], key=str(today)))
    return told
