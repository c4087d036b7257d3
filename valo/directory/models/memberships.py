"""Memberships: a user's role over a part of the institution's tree."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from valo.core.access import Access, Role
from valo.core.models import ChangeLoggedModel
from valo.directory.choices import INTERNAL_KINDS
from valo.directory.models.organizations import Organization


class Membership(ChangeLoggedModel):
    """`user` acts as `role` for `organization` and every unit below it (or everywhere if empty)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("scope"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        help_text=_("The unit (with all units below it) the role covers; empty for everywhere."),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organization"], name="directory_membership_unique"
            )
        ]

    def __str__(self) -> str:
        scope = self.organization or _("everywhere")
        return f"{self.user} – {self.get_role_display()} – {scope}"

    def clean(self) -> None:
        if self.organization_id and self.organization.kind not in INTERNAL_KINDS:
            raise ValidationError({"organization": _("A scope is one of the institution's units.")})
        if self.role == Role.RESEARCHER and self.organization_id is None:
            raise ValidationError({"organization": _("A researcher's scope is their unit.")})

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        """Memberships are managed by administrators only (restrict() lets them through)."""
        return None
