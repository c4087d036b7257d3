"""Closures an office announces (EPO OJ notice, INPI, USPTO), on top of weekends and holidays."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from valo.core.access import Access
from valo.core.models import ChangeLoggedModel
from valo.patents.choices import Office


class ClosedDay(ChangeLoggedModel):
    """A day an office is closed besides weekends and its seats' public holidays."""

    office = models.CharField(_("office"), max_length=2, choices=Office.choices)
    day = models.DateField(_("day"))
    reason = models.CharField(_("reason"), max_length=200)
    source = models.CharField(_("source"), max_length=200, help_text=_("e.g. OJ EPO 2019, A97"))

    class Meta:
        verbose_name = _("office closure")
        verbose_name_plural = _("office closures")
        ordering = ["office", "day"]
        constraints = [
            models.UniqueConstraint(fields=["office", "day"], name="patents_closedday_unique")
        ]

    def __str__(self) -> str:
        return f"{self.office} {self.day}: {self.reason}"

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        """Everyone reads the calendars; administrators maintain them."""
        return Q() if action == "view" and access.scopes else None
