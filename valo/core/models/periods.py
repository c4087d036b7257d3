"""Dated periods: an affiliation, a label held, later an authorisation or a contract term."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

END_BEFORE_START = _("The period cannot end before it starts.")


class DatedPeriod(models.Model):
    """From `start` to `end` inclusive; open-ended while `end` is empty. The database holds the rule."""

    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="%(app_label)s_%(class)s_end_after_start",
                violation_error_message=END_BEFORE_START,
            )
        ]

    def clean(self) -> None:
        super().clean()
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": END_BEFORE_START})

    def is_current(self, on: datetime.date | None = None) -> bool:
        day = on or timezone.localdate()
        return self.start <= day and (self.end is None or self.end >= day)

    @staticmethod
    def current_q(prefix: str = "", on: datetime.date | None = None) -> Q:
        """The filter "current on `on`" (today by default), for a period reached through `prefix`."""
        day = on or timezone.localdate()
        return Q(**{f"{prefix}start__lte": day}) & (
            Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": day})
        )
