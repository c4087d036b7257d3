"""What the patent portfolio tells people. Raised from the change log's `changed` signal, so that
a family created or a deadline given to someone is told whatever the write path (page, API, import,
bulk edit, command)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from valo.core.access import Role
from valo.core.models.changelog import ChangeAction
from valo.correspondence.events import Message, emit, staff_who_may


def family_changed(sender: type, obj: Any, action: str, user: Any, **kwargs: Any) -> None:
    if action != ChangeAction.CREATE:
        return
    recipients = staff_who_may(obj, Role.OFFICER, "change")
    if obj.responsible_id:
        recipients.append(obj.responsible)
    emit(
        "patents.family_created",
        Message(
            _("New patent family %(reference)s: %(title)s"),
            _(
                "The patent family %(reference)s (“%(title)s”) was created; %(responsible)s follows it."
            ),
            params={
                "reference": obj.reference,
                "title": obj.title,
                "responsible": obj.responsible or _("nobody yet"),
            },
            url=obj.get_absolute_url(),
        ),
        recipients,
        actor=user,
    )


def deadline_changed(
    sender: type, obj: Any, action: str, before: Any, after: Any, user: Any, **kwargs: Any
) -> None:
    """A deadline given to someone (not one created with its family's responsible: that is the
    family's news)."""
    responsible_id = (after or {}).get("responsible_id")
    if action != ChangeAction.UPDATE or not responsible_id:
        return
    if (before or {}).get("responsible_id") == responsible_id:
        return
    responsible = get_user_model().objects.filter(pk=responsible_id).first()
    family = obj.application.family
    emit(
        "patents.deadline_assigned",
        Message(
            _("%(label)s of %(reference)s is yours (due %(due)s)"),
            _(
                "The deadline “%(label)s” of %(application)s (%(reference)s) is now yours: due %(due)s."
            ),
            params={
                "label": lambda: obj.local_label,
                "reference": family.reference,
                "application": str(obj.application),
                "due": obj.due_date,
            },
            url=obj.get_absolute_url(),
        ),
        [responsible],
        actor=user,
        key=f"{obj.pk}:{responsible_id}:{obj.due_date}",
    )
