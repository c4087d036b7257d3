"""The valorisation officer responsible for a unit's files, as a dated setting: a new patent family
of the unit (or of a unit below it) goes to them, so its deadlines reach someone's digest."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from valo.core.access import STAFF_ROLES, Access
from valo.core.models import ChangeLoggedModel, DatedPeriod
from valo.directory.choices import INTERNAL_KINDS
from valo.directory.models.organizations import Organization


class UnitOfficer(DatedPeriod, ChangeLoggedModel):
    """`officer` follows the files of `unit` (and of the units below it) from `start` to `end`."""

    unit = models.ForeignKey(
        Organization,
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="officers",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("valorisation officer"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("unit's officer")
        verbose_name_plural = _("units' officers")
        ordering = ["unit", "-start"]
        constraints = [
            *DatedPeriod.Meta.constraints,
            models.UniqueConstraint(fields=["unit", "start"], name="directory_unitofficer_start"),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.officer} ({self.start})"

    def clean(self) -> None:
        if self.unit_id and self.unit.kind not in INTERNAL_KINDS:
            raise ValidationError({"unit": _("Officers follow the institution's own units.")})

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        """Staff read who follows which unit; administrators set it."""
        return Q() if action == "view" and access.units(STAFF_ROLES) is not None else None

    @classmethod
    def for_unit(cls, unit: Organization | None, on: datetime.date | None = None) -> Any:
        """The officer in force on `on` for `unit`, else for its nearest parent that has one."""
        if unit is None:
            return None
        on = on or datetime.date.today()
        chain = [unit, *unit.ancestors()]
        found = {
            row.unit_id: row.officer
            for row in cls.objects.filter(DatedPeriod.current_q(on=on), unit__in=chain)
            .select_related("officer")
            .order_by("start")
        }
        return next((found[node.pk] for node in chain if node.pk in found), None)
