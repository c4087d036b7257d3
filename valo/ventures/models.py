"""Start-ups and spin-offs, and the researchers involved in them."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from valo.core.access import EDITOR_ROLES, STAFF_ROLES, Access, unit_q
from valo.core.models import ChangeLoggedModel, Component, MissingParameter, Parameter
from valo.patents.choices import Currency

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class VentureKind(models.TextChoices):
    SPIN_OFF = "spin_off", _("Spin-off")
    INCUBATED = "incubated", _("Incubated start-up")
    OUTSIDE = "outside", _("Outside start-up")


class VentureStatus(models.TextChoices):
    PROJECT = "project", _("Project")
    ACTIVE = "active", _("Active")
    ACQUIRED = "acquired", _("Acquired")
    CLOSED = "closed", _("Closed")


class Scheme(models.TextChoices):
    L531_1 = "L531-1", _("L531-1: creating the company")
    L531_8 = "L531-8", _("L531-8: scientific consultancy")
    L531_9 = "L531-9", _("L531-9: equity with scientific consultancy")
    L531_12 = "L531-12", _("L531-12: board membership")


# The caps each scheme is checked against (core.Parameter keys, seeded by migration 0002).
CAPS = {
    Scheme.L531_9: ("ventures-l531-9-equity-cap", "ventures-l531-9-voting-cap"),
    Scheme.L531_12: ("ventures-l531-12-equity-cap", "ventures-l531-12-voting-cap"),
}
TIME_CAP = "ventures-l531-8-time-cap"


def _venture_q(access: Access, action: str) -> Q | None:
    roles = STAFF_ROLES if action == "view" else EDITOR_ROLES
    return unit_q(access.units(roles), "unit")


class Venture(ChangeLoggedModel):
    """A company built on the institution's results, or hosted by its incubators."""

    company = models.OneToOneField(
        "directory.Organization",
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="venture",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=VentureKind.choices)
    unit = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("unit of origin"),
        on_delete=models.PROTECT,
        related_name="ventures",
    )
    incubator = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("incubator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incubated",
    )
    created_on = models.DateField(_("created on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=VentureStatus.choices, default=VentureStatus.ACTIVE
    )
    institution_equity = models.DecimalField(
        _("institution's equity (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=PERCENT,
    )
    licence = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("licence or start-up agreement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ventures",
    )

    edit_fields = (
        "company",
        "kind",
        "unit",
        "incubator",
        "created_on",
        "status",
        "institution_equity",
        "licence",
    )

    class Meta:
        verbose_name = _("venture")
        verbose_name_plural = _("ventures")
        ordering = ["company__name"]

    def __str__(self) -> str:
        return str(self.company)

    def get_absolute_url(self) -> str:
        return reverse("ventures_venture_detail", args=[self.pk])

    @property
    def funds_raised(self) -> Decimal:
        """The total of its funding rounds in euros."""
        return sum((r.amount for r in self.funding_rounds.all() if r.currency == "EUR"), Decimal(0))

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        return _venture_q(access, action)


class FundingRound(Component):
    """A round of financing of the venture (seed, series A…), with its investors."""

    parent_path = "venture"

    venture = models.ForeignKey(
        Venture, verbose_name=_("venture"), on_delete=models.CASCADE, related_name="funding_rounds"
    )
    closed_on = models.DateField(_("closed on"))
    label = models.CharField(_("round"), max_length=60, help_text=_("e.g. Seed, Series A"))
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default="EUR"
    )
    investors = models.CharField(_("investors"), max_length=300, blank=True)
    institution_invests = models.BooleanField(_("the institution takes part"), default=False)

    # What a person edits, in this order: the edit form's and the API's fields alike.
    edit_fields = (
        "venture",
        "closed_on",
        "label",
        "amount",
        "currency",
        "investors",
        "institution_invests",
    )

    class Meta:
        verbose_name = _("funding round")
        verbose_name_plural = _("funding rounds")
        ordering = ["venture", "closed_on"]

    def __str__(self) -> str:
        return f"{self.venture} – {self.label} {self.closed_on:%Y}: {self.amount} {self.currency}"


class Involvement(Component):
    """A researcher's part in a venture under one scheme, with its authorisation and stakes."""

    parent_path = "venture"

    venture = models.ForeignKey(
        Venture, verbose_name=_("venture"), on_delete=models.CASCADE, related_name="involvements"
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("researcher"),
        on_delete=models.PROTECT,
        related_name="involvements",
    )
    scheme = models.CharField(_("scheme"), max_length=8, choices=Scheme.choices)
    authorised_on = models.DateField(_("authorised on"))
    expires_on = models.DateField(_("authorisation expires on"), null=True, blank=True)
    equity = models.DecimalField(
        _("equity (%)"), max_digits=5, decimal_places=2, default=Decimal(0), validators=PERCENT
    )
    voting_rights = models.DecimalField(
        _("voting rights (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=PERCENT,
    )
    time_share = models.DecimalField(
        _("working time given (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=PERCENT,
    )
    founder = models.BooleanField(_("founder"), default=False)

    edit_fields = (
        "venture",
        "person",
        "scheme",
        "authorised_on",
        "expires_on",
        "equity",
        "voting_rights",
        "time_share",
        "founder",
    )

    class Meta:
        verbose_name = _("researcher's involvement")
        verbose_name_plural = _("researchers' involvements")
        ordering = ["venture", "person"]

    def __str__(self) -> str:
        return f"{self.person} – {self.venture} ({self.scheme})"

    def warnings(self) -> list[str]:
        """The caps in force on the authorisation date that this involvement exceeds."""
        from django.utils.translation import gettext as _t

        found = []
        checks = []
        for key, value in zip(
            CAPS.get(self.scheme, ()), (self.equity, self.voting_rights), strict=False
        ):
            checks.append((key, value))
        if self.scheme in (Scheme.L531_8, Scheme.L531_9):
            checks.append((TIME_CAP, self.time_share))
        for key, value in checks:
            try:
                cap = Parameter.in_force(key, self.authorised_on)
            except MissingParameter:
                continue
            if value > cap.value:
                found.append(
                    _t("%(label)s: %(value)s %% is above the cap of %(cap)s %% (%(source)s).")
                    % {
                        "label": cap.local_label,
                        "value": f"{value.normalize():f}",
                        "cap": f"{cap.value.normalize():f}",
                        "source": cap.local_source,
                    }
                )
        return found
