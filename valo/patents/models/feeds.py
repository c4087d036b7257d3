"""Personal calendar feeds of deadlines."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from valo.core.access import Access
from valo.core.models import ChangeLoggedModel


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(ChangeLoggedModel):
    """A user's iCalendar feed of open deadlines, at a secret address they can revoke."""

    # Its owner's alone: administrators do not see another's (valo.core.models.querysets).
    personal = True

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="deadline_feed",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user}"

    def serialize(self) -> dict:
        # The secret never goes into the change log.
        return {**super().serialize(), "token": "…"}

    def get_absolute_url(self) -> str:
        return reverse("patents_calendar_feed", args=[self.token])

    @classmethod
    def for_token(cls, token: str) -> CalendarFeed | None:
        """The feed a secret address opens (the address is the credential), if its user is active."""
        return cls.objects.filter(token=token, user__is_active=True).select_related("user").first()

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        return Q(user_id=access.user_id) if access.user_id else None
