"""People and their dated affiliations to organisations."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from valo.core.access import EDITOR_ROLES, STAFF_ROLES, Access, any_q, unit_q
from valo.core.models import ChangeLoggedModel, DatedPeriod
from valo.directory.choices import INTERNAL_KINDS, PersonStatus
from valo.directory.models.organizations import Organization


def validate_orcid(value: str) -> None:
    if not re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", value or ""):
        raise ValidationError(_("An ORCID iD looks like 0000-0002-1825-0097."), code="orcid")


class Person(ChangeLoggedModel):
    """A researcher, engineer, student or outside person; their status comes from affiliations."""

    # What an autocomplete picker and the global search look in (valo.core.pickers, .search; on
    # PostgreSQL each has its trigram index).
    picker_fields = ("last_name", "first_name", "email", "employee_number")

    first_name = models.CharField(_("first name"), max_length=128)
    last_name = models.CharField(_("last name"), max_length=128)
    email = models.EmailField(_("e-mail"), unique=True, null=True, blank=True)
    orcid = models.CharField(
        _("ORCID iD"),
        max_length=19,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_orcid],
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    # The payroll's own identifier of the person (matricule), carried by the payroll export.
    employee_number = models.CharField(_("employee number"), max_length=40, blank=True)
    is_synthetic = models.BooleanField(
        _("synthetic"), default=False, help_text=_("Made-up demo data, not a real person.")
    )
    notes = models.TextField(_("notes"), blank=True)

    edit_fields = ("first_name", "last_name", "email", "orcid", "employee_number", "notes")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "id"]
        indexes = [models.Index(fields=["last_name", "first_name"], name="directory_person_name")]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def get_absolute_url(self) -> str:
        return reverse("directory_person_detail", args=[self.pk])

    def current_affiliations(self) -> models.QuerySet:
        return self.affiliations.filter(DatedPeriod.current_q())

    def clean_fields(self, exclude: Any = None) -> None:
        self.email = self.email or None
        self.orcid = self.orcid or None
        super().clean_fields(exclude=exclude)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email = self.email or None
        self.orcid = self.orcid or None
        super().save(*args, **kwargs)

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        """Staff see people affiliated to their units, and people with no unit of the institution
        (outside inventors, company contacts); editors edit the same. A researcher sees only
        their own record."""
        roles = STAFF_ROLES if action == "view" else EDITOR_ROLES
        units = access.units(roles)
        scoped = None
        if units is not None:
            in_units = unit_q(units, "organization")
            scoped = Q(pk__in=Affiliation.objects.filter(in_units).values("person"))
            # The institution's units by id (a few hundred at most, read from the kind index):
            # as a join, PostgreSQL scanned every organisation for them.
            internal_units = Organization.objects.filter(kind__in=INTERNAL_KINDS)
            internal = Affiliation.objects.filter(
                organization_id__in=list(internal_units.values_list("pk", flat=True))
            )
            scoped |= ~Q(pk__in=internal.values("person"))
        own = Q(user_id=access.user_id) if action == "view" and access.user_id else None
        return any_q(scoped, own)


class Affiliation(DatedPeriod, ChangeLoggedModel):
    """A person's position in an organisation from `start` to `end`, with their status there."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="affiliations"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="affiliations",
    )
    status = models.CharField(_("status"), max_length=32, choices=PersonStatus.choices)
    position = models.CharField(_("position"), max_length=128, blank=True)

    edit_fields = ("person", "organization", "status", "position", "start", "end")

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["-start", "id"]
        constraints = DatedPeriod.Meta.constraints

    def __str__(self) -> str:
        return f"{self.person} – {self.organization} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return self.person.get_absolute_url()

    def changelog_parent(self) -> models.Model:
        return self.person

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        roles = STAFF_ROLES if action == "view" else EDITOR_ROLES
        units = access.units(roles)
        scoped = None
        if units is not None:
            scoped = unit_q(units, "organization") | ~Q(organization__kind__in=INTERNAL_KINDS)
        own = Q(person__user_id=access.user_id) if action == "view" and access.user_id else None
        return any_q(scoped, own)
