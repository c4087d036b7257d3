"""What licensees owe and have not given: the yearly statements of net sales not received by their due
date, and the royalties a statement shows that are not paid by theirs (the licence's reporting terms:
`Licence.statement_due_days`, `payment_due_days`). On the deadline board (valo.core.agenda) and the
officer's and finance's dashboards, through the restricted agreements."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from valo.agreements.models import Agreement, RoyaltyStatement
from valo.agreements.royalties import statement_due
from valo.core.access import model_permits
from valo.core.agenda import DueItem


@dataclass(frozen=True)
class StatementOwed:
    """A year of net sales a licensee must report and has not."""

    agreement: Agreement
    year: int
    due_date: datetime.date


@dataclass(frozen=True)
class PaymentOwed:
    """Royalties a statement shows, not (fully) paid."""

    statement: RoyaltyStatement
    owed: Decimal
    paid: Decimal
    due_date: datetime.date

    @property
    def outstanding(self) -> Decimal:
        return self.owed - self.paid


def _licences(user: Any, agreement: Agreement | None = None) -> Any:
    """The user's agreements under which royalties run (licence terms with tiers or a minimum,
    signed), or only `agreement` when it is one of them."""
    found = Agreement.objects.restrict(user)
    if agreement is not None:
        found = found.filter(pk=agreement.pk)
    return (
        found.filter(licence__isnull=False, signed_on__isnull=False)
        .filter(Q(royalty_tiers__isnull=False) | Q(licence__annual_minimum__gt=0))
        .distinct()
        .select_related("licence", "partner")
    )


def statements_owed(
    user: Any, until: datetime.date, today: datetime.date, agreement: Agreement | None = None
) -> list[StatementOwed]:
    """Every year (from the licence's start to last year, while it ran) whose statement is due on or
    before `until` and not received, oldest first (of one `agreement` if given)."""
    if not model_permits(user, RoyaltyStatement, "view"):
        return []
    agreements = list(_licences(user, agreement))
    received: dict[int, set[int]] = defaultdict(set)
    for agreement_id, year in RoyaltyStatement.objects.filter(
        agreement__in=[a.pk for a in agreements]
    ).values_list("agreement_id", "year"):
        received[agreement_id].add(year)
    found = []
    for agreement in agreements:
        start = (agreement.effective_on or agreement.signed_on).year
        end = agreement.ended_on or agreement.ends_on
        last = min(today.year - 1, end.year if end else today.year - 1)
        for year in range(start, last + 1):
            due = datetime.date(year, 12, 31) + datetime.timedelta(
                days=agreement.licence.statement_due_days
            )
            if year not in received[agreement.pk] and due <= until:
                found.append(StatementOwed(agreement, year, due))
    return sorted(found, key=lambda s: (s.due_date, s.agreement.reference))


def payments_owed(
    user: Any, until: datetime.date, agreement: Agreement | None = None
) -> list[PaymentOwed]:
    """Statements whose royalties are not fully paid and fall due on or before `until` (of one
    `agreement` if given)."""
    if not model_permits(user, RoyaltyStatement, "view"):
        return []
    statements = (
        RoyaltyStatement.objects.filter(agreement__in=_licences(user, agreement))
        .select_related("agreement__licence", "agreement__partner")
        .prefetch_related("agreement__royalty_tiers", "payments")
    )
    found = []
    for statement in statements:
        due = statement.received_on + datetime.timedelta(
            days=statement.agreement.licence.payment_due_days
        )
        owed = statement_due(statement).total
        paid = sum(
            (p.amount for p in statement.payments.all() if p.currency == statement.currency),
            Decimal(0),
        )
        if paid < owed and due <= until:
            found.append(PaymentOwed(statement, owed, paid, due))
    return sorted(found, key=lambda p: (p.due_date, p.statement.agreement.reference))


def agenda_statements(user: Any, until: datetime.date) -> Iterator[DueItem]:
    """The deadline board's source: statements owed by licensees."""
    today = timezone.localdate()
    # Who may record the statement opens its form, filled in; anyone else the agreement.
    can_add = model_permits(user, RoyaltyStatement, "add")
    for owed in statements_owed(user, until, today):
        agreement = owed.agreement
        url = (
            reverse("agreements_statement_add") + f"?agreement={agreement.pk}&year={owed.year}"
            if can_add
            else agreement.get_absolute_url()
        )
        yield DueItem(
            owed.due_date,
            _("%(reference)s: statement of %(year)s net sales (%(partner)s)")
            % {"reference": agreement.reference, "year": owed.year, "partner": agreement.partner},
            url,
            _("Licensee statement"),
        )


def agenda_payments(user: Any, until: datetime.date) -> Iterator[DueItem]:
    """The deadline board's source: royalties due under received statements."""
    for owed in payments_owed(user, until):
        statement = owed.statement
        yield DueItem(
            owed.due_date,
            _("%(reference)s: %(outstanding)s %(currency)s of %(year)s royalties unpaid")
            % {
                "reference": statement.agreement.reference,
                "outstanding": f"{owed.outstanding:,.2f}",
                "currency": statement.currency,
                "year": statement.year,
            },
            statement.get_absolute_url(),
            _("Royalty payment"),
        )
