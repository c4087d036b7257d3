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
