"""The daily digest: one e-mail per user with every notification they asked to receive grouped,
by event type, that no e-mail has carried yet. Run daily by `valo send_notification_digests`
(after the apps' own daily commands, so that what they raised goes in the same e-mail)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import ngettext

from valo.correspondence.events import language_of
from valo.correspondence.mail import queue_mail
from valo.correspondence.models import Delivery, Notification


def pending(user: Any) -> list[Notification]:
    """The user's digest notifications not yet e-mailed, grouped by event type, oldest first."""
    rows = Notification.objects.filter(
        recipient=user, delivery=Delivery.DIGEST, mail__isnull=True
    ).order_by("event", "created", "pk")
    return list(rows)


def send_digests() -> int:
    """E-mail each user their pending digest; returns the number of digests sent. A second run
    sends nothing more (the notifications are then carried by a mail)."""
    users: dict[int, Any] = {}
    for notification in (
        Notification.objects.filter(delivery=Delivery.DIGEST, mail__isnull=True)
        .exclude(recipient__email="")
        .select_related("recipient")
    ):
        users.setdefault(notification.recipient_id, notification.recipient)
    sent = 0
    for user in users.values():
        with transaction.atomic():
            rows = pending(user)
            if not rows:
                continue
            language = language_of(user)
            with translation.override(language):
                subject = ngettext(
                    "valo: your daily digest (%(count)s notification)",
                    "valo: your daily digest (%(count)s notifications)",
                    len(rows),
                ) % {"count": len(rows)}
            queue_mail(rows, language, subject=subject)
            sent += 1
    return sent
