"""What the office tells its users: notifications (the in-app list), the e-mails that carry them (the
record of what was sent, with its attempts), each user's choices per event, and their language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from valo.core.access import Access
from valo.core.models import ChangeLoggedModel


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("At once, by e-mail")
    DIGEST = "digest", _("In the daily digest")
    OFF = "off", _("Not at all")


class Correspondent(ChangeLoggedModel):
    """A user's settings for what valo sends them: the language of their e-mails."""

    personal = True

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="correspondent",
    )
    language = models.CharField(
        _("language of e-mails"), max_length=8, choices=settings.LANGUAGES, blank=True
    )

    class Meta:
        verbose_name = _("correspondent")
        verbose_name_plural = _("correspondents")

    def __str__(self) -> str:
        return str(self.user)

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        return Q(user_id=access.user_id) if access.user_id and action != "delete" else None


class Preference(ChangeLoggedModel):
    """How one user is told of one event type, when they chose otherwise than its default."""

    personal = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    event = models.CharField(_("event"), max_length=80)
    delivery = models.CharField(_("delivery"), max_length=12, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "event"], name="correspondence_one_choice")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.event}: {self.delivery}"

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        return Q(user_id=access.user_id) if access.user_id else None


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Mail(ChangeLoggedModel):
    """One e-mail to one recipient: what was (or is to be) sent, and each attempt's outcome. Its
    recipient reads it; administrators see every one (the record of what was sent)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="mails",
    )
    to = models.EmailField(_("to"))
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    # [{"filename", "mimetype", "content"}]: text attachments (iCalendar invitations).
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=MailStatus.choices, default=MailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created"]
        indexes = [models.Index(fields=["status", "created"])]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"

    def serialize(self) -> dict[str, Any]:
        # The change log keeps who was written to and how it went, not what the mail said.
        data = super().serialize()
        for field in ("text", "html", "attachments"):
            data.pop(field, None)
        return data

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        return Q(recipient_id=access.user_id) if access.user_id and action == "view" else None


class Notification(ChangeLoggedModel):
    """One event told to one user: a line of their notification list, and of an e-mail (at once or in
    the digest) unless they chose neither. Written in the recipient's language when it is raised."""

    personal = True

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    event = models.CharField(_("event"), max_length=80)
    delivery = models.CharField(_("delivery"), max_length=12, choices=Delivery.choices)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    # Raising the same event twice with the same key tells the recipient once (a day's digest …).
    key = models.CharField(_("key"), max_length=120, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    mail = models.ForeignKey(
        Mail,
        verbose_name=_("e-mail"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event", "key"],
                condition=~Q(key=""),
                name="correspondence_told_once",
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return self.url

    def serialize(self) -> dict[str, Any]:
        data = super().serialize()
        data.pop("body", None)
        return data

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        if not access.user_id or action in ("add", "delete"):
            return None
        return Q(recipient_id=access.user_id)


def unread_count(user: Any) -> int:
    """The user's unread notifications (the count beside their menu)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
