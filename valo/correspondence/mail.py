"""E-mails: composed in the recipient's language (plain text and HTML, with the record's link),
recorded as `Mail` rows, and sent by the job queue after the transaction commits, with retries.

The queue is django-tasks with its database backend (`valo db_worker` runs it; nothing but the
database is needed). A failed attempt is retried `VALO_MAIL_ATTEMPTS` times in all, each after
`VALO_MAIL_RETRY_SECONDS` doubled; a mail that failed every attempt stays `failed` with its error,
listed for the administrators, and `valo resend_mail` queues it again.
"""

from __future__ import annotations

import datetime
import smtplib
from collections.abc import Sequence
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import default_task_backend, task

from valo.correspondence.models import Mail, MailStatus, Notification


def absolute(url: str) -> str:
    """A link in an e-mail: the site's address (`VALO_SITE_URL`) joined with the record's path."""
    return urljoin(settings.VALO_SITE_URL.rstrip("/") + "/", url.lstrip("/")) if url else ""


def queue_mail(
    notifications: Sequence[Notification],
    language: str,
    attachments: Sequence[Any] = (),
    *,
    subject: str = "",
) -> Mail:
    """One e-mail to the notifications' recipient carrying them (one at once, several in a
    digest), queued to leave when the current transaction commits."""
    recipient = notifications[0].recipient
    with translation.override(language):
        context = {
            "recipient": recipient,
            "groups": grouped(notifications),
            "settings_url": absolute(reverse("correspondence_preferences")),
            "digest": len(notifications) > 1 or notifications[0].delivery == "digest",
        }
        text = render_to_string("correspondence/mail/message.txt", context)
        html = render_to_string("correspondence/mail/message.html", context)
        files = []
        for attachment in attachments:
            content = attachment.content
            if callable(content):
                content = content(language)
            if isinstance(content, bytes):
                content = content.decode()
            files.append(
                {
                    "filename": attachment.filename,
                    "mimetype": attachment.mimetype,
                    "content": content,
                }
            )
    mail = Mail.objects.create(
        recipient=recipient,
        to=recipient.email,
        language=language,
        subject=(subject or notifications[0].subject)[:300],
        text=text,
        html=html,
        attachments=files,
    )
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(mail=mail)
    transaction.on_commit(lambda: deliver.enqueue(mail.pk))
    return mail


def grouped(notifications: Sequence[Notification]) -> list[tuple[str, list[Any]]]:
    """(event type's label, [(notification, its absolute link)]) in the active language."""
    from valo.core.registry import event_types

    types = event_types()
    groups: dict[str, list[Any]] = {}
    for notification in notifications:
        event = types.get(notification.event)
        label = str(event.label) if event else notification.event
        groups.setdefault(label, []).append((notification, absolute(notification.url)))
    return list(groups.items())


def message_of(mail: Mail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        mail.subject, mail.text, settings.DEFAULT_FROM_EMAIL, [mail.to]
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    for attachment in mail.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return message


@task()
def deliver(mail_id: int) -> str:
    """Send one queued e-mail; on failure, count the attempt and queue the next one (or give up)."""
    with transaction.atomic():
        mail = Mail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.status != MailStatus.QUEUED:
            return "nothing to send"
        mail.attempts += 1
        try:
            message_of(mail).send()
        except (smtplib.SMTPException, OSError) as error:
            mail.last_error = f"{type(error).__name__}: {error}"[:2000]
            if mail.attempts >= settings.VALO_MAIL_ATTEMPTS:
                mail.status = MailStatus.FAILED
            else:
                delay = settings.VALO_MAIL_RETRY_SECONDS * 2 ** (mail.attempts - 1)
                transaction.on_commit(lambda: _retry(mail.pk, delay))
            mail.save(update_fields=["attempts", "last_error", "status", "last_updated"])
            return mail.status
        mail.status = MailStatus.SENT
        mail.sent_at = timezone.now()
        mail.last_error = ""
        mail.save(update_fields=["attempts", "status", "sent_at", "last_error", "last_updated"])
        return mail.status


def _retry(mail_id: int, delay: float) -> None:
    if default_task_backend.supports_defer:
        when = timezone.now() + datetime.timedelta(seconds=delay)
        deliver.using(run_after=when).enqueue(mail_id)
    else:  # a backend that runs tasks at once: the next attempt follows straight away
        deliver.enqueue(mail_id)


def resend(mails: Any) -> int:
    """Queue failed (or stuck) e-mails again, their attempts counted afresh."""
    count = 0
    for mail in mails.exclude(status=MailStatus.SENT):
        Mail.objects.filter(pk=mail.pk).update(status=MailStatus.QUEUED, attempts=0)
        transaction.on_commit(lambda pk=mail.pk: deliver.enqueue(pk))
        count += 1
    return count
