"""Open contract obligations on the deadline board (valo.core.agenda)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from valo.agreements.choices import ObligationState
from valo.agreements.models import Obligation
from valo.core.access import model_permits
from valo.core.agenda import DueItem


def open_obligations(user: Any, until: datetime.date) -> Iterator[DueItem]:
    if not model_permits(user, Obligation, "view"):
        return
    found = (
        Obligation.objects.restrict(user)
        .filter(state=ObligationState.OPEN, due_date__lte=until)
        .select_related("agreement")
    )
    for obligation in found:
        yield DueItem(
            obligation.due_date,
            f"{obligation.agreement.reference}: {obligation.label}",
            obligation.get_absolute_url(),
            _("Contract obligation"),
        )


def ending_agreements(user: Any, until: datetime.date) -> Iterator[DueItem]:
    """Signed agreements whose term ends by `until` and that have not ended yet: renew, extend or
    close them (and their obligations) in time."""
    from django.utils import timezone

    from valo.agreements.models import Agreement

    if not model_permits(user, Agreement, "view"):
        return
    found = Agreement.objects.restrict(user).filter(
        signed_on__isnull=False,
        ended_on__isnull=True,
        ends_on__gte=timezone.localdate(),
        ends_on__lte=until,
    )
    for agreement in found.select_related("partner"):
        yield DueItem(
            agreement.ends_on,
            f"{agreement.reference}: {agreement.title} ({agreement.partner})",
            agreement.get_absolute_url(),
            _("Agreement ends"),
        )
