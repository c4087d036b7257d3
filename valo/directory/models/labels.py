"""Labels (Carnot …) and the dated periods during which units hold them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from valo.core.access import Access, Role
from valo.core.fields import URLField
from valo.core.models import ChangeLoggedModel, DatedPeriod
from valo.directory.choices import LabelKind
from valo.directory.models.organizations import ALL_ROLES, Organization


class Label(ChangeLoggedModel):
    """A label such as Carnot Télécom & Société Numérique, awarded to units for dated periods."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=64, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=LabelKind.choices)
    website = URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    edit_fields = ("name", "short_name", "kind", "website", "description")

    class Meta:
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory_label_detail", args=[self.pk])

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        """Every member reads the labels; only administrators define them."""
        if action == "view" and access.units(ALL_ROLES) is not None:
            return Q()
        return None


class LabelAward(DatedPeriod, ChangeLoggedModel):
    """A unit holds a label from `start` to `end` (open-ended while current)."""

    label = models.ForeignKey(
        Label, verbose_name=_("label"), on_delete=models.PROTECT, related_name="awards"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="label_awards",
    )
    reference = models.CharField(_("reference"), max_length=128, blank=True)

    edit_fields = ("label", "organization", "start", "end", "reference")

    class Meta:
        verbose_name = _("label period")
        verbose_name_plural = _("label periods")
        ordering = ["-start", "id"]
        constraints = DatedPeriod.Meta.constraints

    def __str__(self) -> str:
        return f"{self.label} – {self.organization}"

    def get_absolute_url(self) -> str:
        return self.organization.get_absolute_url()

    def changelog_parent(self) -> models.Model:
        return self.organization

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        q = Organization.access_q(access, "view" if action == "view" else "change")
        if q is None:
            return None
        if action != "view" and not access.has_role(Role.OFFICER):
            return None
        return Q(organization__in=Organization.objects.filter(q))
