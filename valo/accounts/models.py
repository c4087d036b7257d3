"""Requests for an account from people an identity provider vouches for but the directory does not
know (valo.accounts.adapter): they get no access until the office links them to a person."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from valo.core.access import EDITOR_ROLES, Access, unit_q
from valo.core.models import ChangeLoggedModel
from valo.directory.models import Organization, Person


class RequestState(models.TextChoices):
    PENDING = "pending", _("To decide")
    APPROVED = "approved", _("Account given")
    REFUSED = "refused", _("Refused")


class AccountRequest(ChangeLoggedModel):
    provider = models.CharField(_("identity provider"), max_length=100)
    identifier = models.CharField(
        _("identifier at the provider"),
        max_length=255,
        help_text=_("The provider's subject (or eduPersonPrincipalName) of the person."),
    )
    school = models.ForeignKey(
        Organization,
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        related_name="account_requests",
        null=True,
        blank=True,
    )
    first_name = models.CharField(_("first name"), max_length=128, blank=True)
    last_name = models.CharField(_("last name"), max_length=128, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    affiliation = models.CharField(_("affiliation at the provider"), max_length=255, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=RequestState.choices, default=RequestState.PENDING
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        related_name="account_requests",
        null=True,
        blank=True,
        help_text=_("The directory's person this account is for."),
    )
    note = models.TextField(_("note"), blank=True)

    edit_fields = ("person", "note")

    class Meta:
        verbose_name = _("account request")
        verbose_name_plural = _("account requests")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "identifier"], name="accounts_request_unique"
            ),
        ]

    def __str__(self) -> str:
        name = " ".join(part for part in (self.first_name, self.last_name) if part)
        return f"{name or self.identifier} ({self.provider})"

    def get_absolute_url(self) -> str:
        return reverse("accounts_request_detail", args=[self.pk])

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        """The office of the school the provider vouches for decides; nobody adds one by hand
        (the sign-in does) or deletes one (it is the record of who asked)."""
        if action in {"add", "delete"}:
            return None
        if access.is_admin:
            return Q()
        return unit_q(access.units(EDITOR_ROLES), "school")
