"""Dated legal and financial parameters: periods, rates, caps and fees, each with its source.

The value in force on a date is the one whose period covers that date (reference/french-rules.md:
"Parameter principle"). Apps seed their parameters in data migrations; administrators add new periods
when the law changes, and every change is logged.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from valo.core.access import Access
from valo.core.fields import URLField
from valo.core.models.base import ChangeLoggedModel
from valo.core.models.periods import DatedPeriod


class ParameterUnit(models.TextChoices):
    MONTHS = "months", _("months")
    DAYS = "days", _("days")
    PERCENT = "percent", _("percent")
    EUR = "EUR", _("euros")


class SourceStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed by its source")
    PARTLY = "partly_confirmed", _("Partly confirmed")
    UNCONFIRMED = "unconfirmed", _("Unconfirmed: to check")


def in_language(english: str, french: str) -> str:
    """Data entered in both languages, as the active language reads it (the English where no French
    is given)."""
    return french if french and translation.get_language() == "fr" else english


class Bilingual(models.Model):
    """A rule's label and legal source, entered in English, with their French beside them: pages,
    mails and reports show the one of the reader's language."""

    label_fr = models.CharField(_("label (French)"), max_length=255, blank=True)
    source_fr = models.CharField(_("source (French)"), max_length=255, blank=True)

    class Meta:
        abstract = True

    @property
    def local_label(self) -> str:
        return in_language(self.label, self.label_fr)

    @property
    def local_source(self) -> str:
        return in_language(self.source, self.source_fr)


class MissingParameter(LookupError):
    """No value of the parameter is in force on the date asked."""


class Parameter(Bilingual, DatedPeriod, ChangeLoggedModel):
    """One value of a named parameter, in force from `start` to `end`, with its legal source."""

    key = models.SlugField(_("key"), max_length=100)
    label = models.CharField(_("label"), max_length=255)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=16, choices=ParameterUnit.choices)
    source = models.CharField(_("source"), max_length=255, help_text=_("e.g. CPI R611-7"))
    source_url = URLField(_("source address"), blank=True)
    status = models.CharField(
        _("source status"),
        max_length=20,
        choices=SourceStatus.choices,
        default=SourceStatus.CONFIRMED,
    )

    class Meta:
        verbose_name = _("legal parameter")
        verbose_name_plural = _("legal parameters")
        ordering = ["key", "-start"]
        constraints = [
            *DatedPeriod.Meta.constraints,
            models.UniqueConstraint(fields=["key", "start"], name="core_parameter_unique_start"),
        ]

    def __str__(self) -> str:
        return f"{self.local_label}: {self.value.normalize()} {self.get_unit_display()}"

    @classmethod
    def in_force(cls, key: str, on: datetime.date) -> Parameter:
        """The value of `key` in force on `on`; MissingParameter names the key and the date."""
        found = cls.objects.filter(DatedPeriod.current_q(on=on), key=key).order_by("-start").first()
        if found is None:
            raise MissingParameter(f"No value of parameter {key!r} is in force on {on:%Y-%m-%d}.")
        return found

    @property
    def months(self) -> int:
        if self.unit != ParameterUnit.MONTHS or self.value != self.value.to_integral_value():
            raise ValueError(f"{self.key} is not a whole number of months")
        return int(self.value)

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        """Everyone with a role reads the parameters; administrators change them."""
        if action == "view" and access.scopes:
            return Q()
        return None
