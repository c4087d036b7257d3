"""Operations on agreements that span several records."""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from valo.agreements.choices import ObligationState
from valo.agreements.models import Agreement, CoOwnershipNotice
from valo.core.models import Parameter
from valo.patents.dates import add_months
from valo.patents.models import Deadline

OPPOSITION_PERIOD = "coownership-licence-opposition"


@dataclass(frozen=True)
class ContractingTime:
    school: str
    year: int
    signed: int
    median_days: float
    mean_days: int


def contracting_times(agreements: QuerySet) -> list[ContractingTime]:
    """Days from request to signature of the signed `agreements` (already restricted to the
    reader): how many, median and mean, per school and per year of signature."""
    signed = agreements.filter(signed_on__isnull=False).select_related("unit__parent__parent")
    groups: dict[tuple[str, int], list[int]] = defaultdict(list)
    for agreement in signed:
        school = agreement.unit.school()
        groups[(school.short_name or school.name, agreement.signed_on.year)].append(
            agreement.contracting_days
        )
    return [
        ContractingTime(
            school, year, len(days), statistics.median(days), round(statistics.mean(days))
        )
        for (school, year), days in sorted(groups.items())
    ]


@transaction.atomic
def end_agreement(agreement: Agreement, *, on: datetime.date) -> int:
    """End the agreement on `on` and close its open obligations; returns how many were closed."""
    agreement.ended_on = on
    agreement.full_clean()
    agreement.save()
    # One save per obligation: each closing is written to the change log.
    open_obligations = list(agreement.obligations.filter(state=ObligationState.OPEN))
    for obligation in open_obligations:
        obligation.state = ObligationState.CLOSED
        obligation.save()
    return len(open_obligations)


@transaction.atomic
def record_notice(notice: CoOwnershipNotice) -> CoOwnershipNotice:
    """Save a co-owner's licence notice and open the opposition deadline (L613-29: 3 months)."""
    rule = Parameter.in_force(OPPOSITION_PERIOD, notice.notified_on)
    application = notice.family.applications.order_by("filing_date", "id").first()
    if application is None:
        raise ValueError(_("The family has no application yet to carry the opposition deadline."))
    # The deadline first, so that the notice is written (and logged) once, with it.
    notice.deadline = Deadline.objects.create(
        application=application,
        label=_("Oppose %(co_owner)s's licence to %(licensee)s by buying its share (%(source)s)")
        % {
            "co_owner": notice.co_owner,
            "licensee": notice.draft_licensee,
            "source": rule.local_source,
        },
        base_date=notice.notified_on,
        due_date=add_months(notice.notified_on, rule.months),
        responsible=notice.family.responsible,
    )
    notice.save()
    return notice
