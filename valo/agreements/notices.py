"""What the agreements tell people, raised from the change log's `changed` signal (every write
path alike): an agreement signed, a licensee's statement recorded, a payment received."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from valo.core.access import Role
from valo.core.formats import money
from valo.core.models.changelog import ChangeAction
from valo.correspondence.events import Message, emit, staff_who_may


def _followers(agreement: Any) -> list[Any]:
    """The agreement's officer and the officers whose scope covers it."""
    people = staff_who_may(agreement, Role.OFFICER, "change")
    if agreement.officer_id:
        people.append(agreement.officer)
    return people


def agreement_changed(
    sender: type, obj: Any, action: str, before: Any, after: Any, user: Any, **kwargs: Any
) -> None:
    if action == ChangeAction.DELETE or not (after or {}).get("signed_on"):
        return
    if action == ChangeAction.UPDATE and (before or {}).get("signed_on"):
        return  # signed before: not news
    emit(
        "agreements.signed",
        Message(
            _("Signed: %(reference)s with %(partner)s"),
            _(
                "The agreement %(reference)s (“%(title)s”, %(kind)s) with %(partner)s was signed on %(day)s."
            ),
            params={
                "reference": obj.reference,
                "title": obj.title,
                "kind": obj.get_kind_display,
                "partner": str(obj.partner),
                "day": obj.signed_on,
            },
            url=obj.get_absolute_url(),
        ),
        [*_followers(obj), *staff_who_may(obj, Role.DIRECTOR, "view")],
        actor=user,
    )


def statement_changed(sender: type, obj: Any, action: str, user: Any, **kwargs: Any) -> None:
    if action != ChangeAction.CREATE:
        return
    agreement = obj.agreement
    emit(
        "agreements.statement_received",
        Message(
            _("Royalty statement %(year)s of %(reference)s"),
            _("%(partner)s's statement for %(year)s was received on %(day)s: net sales %(sales)s."),
            params={
                "reference": agreement.reference,
                "partner": str(agreement.partner),
                "year": obj.year,
                "day": obj.received_on,
                "sales": lambda: money(obj.net_sales, obj.currency),
            },
            url=obj.get_absolute_url(),
        ),
        [*_followers(agreement), *staff_who_may(agreement, Role.FINANCE, "view")],
        actor=user,
    )


def payment_changed(sender: type, obj: Any, action: str, user: Any, **kwargs: Any) -> None:
    if action != ChangeAction.CREATE:
        return
    agreement = obj.agreement
    emit(
        "agreements.payment_received",
        Message(
            _("Payment received: %(amount)s under %(reference)s"),
            _(
                "%(amount)s (%(kind)s) was received on %(day)s under %(reference)s from %(partner)s."
            ),
            params={
                "reference": agreement.reference,
                "partner": str(agreement.partner),
                "kind": obj.get_kind_display,
                "day": obj.received_on,
                "amount": lambda: money(obj.amount, obj.currency),
            },
            url=agreement.get_absolute_url(),
        ),
        [*_followers(agreement), *staff_who_may(agreement, Role.FINANCE, "view")],
        actor=user,
    )


def notice_changed(sender: type, obj: Any, action: str, user: Any, **kwargs: Any) -> None:
    """A co-owner's notice (CPI L613-29) opens an opposition period: the family's officers, its
    responsible and the directors are told at once."""
    if action != ChangeAction.CREATE:
        return
    family = obj.family
    recipients = staff_who_may(family, Role.OFFICER, "change")
    if family.responsible_id:
        recipients.append(family.responsible)
    deadline = obj.deadline
    emit(
        "agreements.notice_received",
        Message(
            _("Co-owner's notice on %(reference)s: licence to %(licensee)s"),
            _(
                "%(co_owner)s notified on %(day)s a draft non-exclusive licence of %(reference)s to "
                "%(licensee)s (CPI L613-29). The other co-owners may oppose it by buying its share "
                "until %(until)s."
            ),
            params={
                "reference": family.reference,
                "co_owner": str(obj.co_owner),
                "licensee": obj.draft_licensee,
                "day": obj.notified_on,
                "until": deadline.due_date if deadline else "—",
            },
            url=family.get_absolute_url(),
        ),
        [*recipients, *staff_who_may(family, Role.DIRECTOR, "view")],
        actor=user,
    )
