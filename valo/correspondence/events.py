"""Raising an event: each recipient is told in their language, as they chose (at once, in the digest,
or not at all), once per key; the e-mails leave after the transaction commits, through the job queue.

An app declares its event types in its AppConfig (`events`, valo.core.registry.EventType) and calls
`emit()` where the thing happens — in its service, so that page, API, import and command raise it
alike. Recipients are users; `staff_who_may()` finds the holders of a role whose scope covers a record.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise

from valo.core.access import get_access
from valo.core.context import notifications_are_silenced
from valo.core.registry import event_types
from valo.correspondence.models import Correspondent, Delivery, Notification, Preference


@dataclass(frozen=True)
class Attachment:
    """A text attachment of an immediate e-mail (an iCalendar invitation); `content` may be a
    function of the recipient's language."""

    filename: str
    mimetype: str
    content: Any


@dataclass
class Message:
    """What an event says: a subject and a text (each a translatable string with %-parameters, or
    for the text a template), the record's link, and the parameters, rendered per recipient (a
    parameter may be a function of nothing, called in the recipient's language)."""

    subject: Any
    text: Any = ""
    template: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    url: str = ""
    attachments: Sequence[Attachment] = ()

    def render(self, language: str, recipient: Any) -> tuple[str, str]:
        with translation.override(language):
            params = {k: _as_text(v) for k, v in self.params.items()}
            subject = str(self.subject) % params if params else str(self.subject)
            if self.template:
                text = render_to_string(self.template, {**self.params, "recipient": recipient})
            else:
                text = str(self.text) % params if params else str(self.text)
        return subject[:300], text.strip()


def _as_text(value: Any) -> Any:
    """A parameter as the recipient reads it: a function (a choice's label, an amount) is called
    under their language, a lazy text translated, a date written out."""
    if callable(value):
        value = value()
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, datetime.date):
        from django.utils.formats import date_format

        return date_format(value, "DATE_FORMAT")
    return value


def language_of(user: Any) -> str:
    """The language the user reads their e-mails in (their choice, else the site's)."""
    chosen = Correspondent.objects.filter(user=user).values_list("language", flat=True).first()
    return chosen or settings.LANGUAGE_CODE


def delivery_for(user: Any, code: str) -> str:
    """How `user` is told of events of type `code`: their choice, else the event's default for
    their roles."""
    chosen = Preference.objects.filter(user=user, event=code).values_list("delivery", flat=True)
    if chosen:
        return chosen[0]
    return event_types()[code].default_for(set(get_access(user).scopes))


def emit(
    code: str,
    message: Message,
    recipients: Iterable[Any],
    *,
    actor: Any = None,
    key: str = "",
) -> list[Notification]:
    """Tell each recipient (users; those inactive or without a choice left are skipped) of an event.

    Written in the caller's transaction, so an event whose change rolls back tells nobody; the
    immediate e-mails are queued when it commits. With a `key`, a recipient already told of this
    event with this key is not told again."""
    from valo.correspondence.mail import queue_mail

    event = event_types()[code]  # an undeclared event is a programming error: KeyError
    if notifications_are_silenced():
        return []
    told = []
    seen: set[int] = set()
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        if actor is not None and user.pk == actor.pk and not event.to_actor:
            continue
        delivery = delivery_for(user, code)
        if delivery == Delivery.OFF:
            continue
        language = language_of(user)
        subject, text = message.render(language, user)
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient=user,
                    event=code,
                    delivery=delivery,
                    subject=subject,
                    body=text,
                    url=message.url,
                    key=key,
                )
        except IntegrityError:
            continue  # told already (same event, same key)
        told.append(notification)
        if delivery == Delivery.IMMEDIATE and user.email:
            queue_mail([notification], language, message.attachments)
    return told


def staff_who_may(record: Model, role: str, action: str = "change") -> list[Any]:
    """The active users holding `role` whose scope lets them `action` the record (the officers of
    an invention's schools, say), by the record's own restricted queryset."""
    from valo.directory.models import Membership

    users = get_user_model().objects.filter(
        pk__in=Membership.objects.filter(role=role).values("user_id"), is_active=True
    )
    manager = type(record)._default_manager
    return [u for u in users if manager.restrict(u, action).filter(pk=record.pk).exists()]


def users_of(people: Iterable[Any]) -> list[Any]:
    """The accounts of directory people (those who have one)."""
    return [p.user for p in people if p is not None and p.user_id is not None]


def mark_read(notifications: Any, user: Any) -> int:
    """Mark the user's own notifications (a queryset) read."""
    from django.utils import timezone

    return (
        notifications.restrict(user, "change")
        .filter(read_at__isnull=True)
        .update(read_at=timezone.now())
    )
