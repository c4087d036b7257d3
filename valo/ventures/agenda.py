"""Researchers' L531-x authorisations that expire, on the deadline board (valo.core.agenda)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from valo.core.access import model_permits
from valo.core.agenda import DueItem
from valo.ventures.models import Involvement, VentureStatus


def expiring_authorisations(user: Any, until: datetime.date) -> Iterator[DueItem]:
    """Authorisations of active ventures that expire by `until` and have not yet expired."""
    if not model_permits(user, Involvement, "view"):
        return
    found = (
        Involvement.objects.restrict(user)
        .filter(
            expires_on__gte=timezone.localdate(),
            expires_on__lte=until,
            venture__status=VentureStatus.ACTIVE,
        )
        .select_related("person", "venture__company")
    )
    for involvement in found:
        yield DueItem(
            involvement.expires_on,
            f"{involvement.person} – {involvement.venture.company} ({involvement.scheme})",
            involvement.get_absolute_url(),
            _("Authorisation to renew"),
        )
