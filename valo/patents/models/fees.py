"""Official fee schedules (dated data) and the costs actually incurred."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from valo.core.access import Access
from valo.core.models import ChangeLoggedModel, DatedPeriod
from valo.patents.choices import CostKind, Currency, Office
from valo.patents.models.portfolio import FamilyPart


class Fee(DatedPeriod, ChangeLoggedModel):
    """An official fee in force from `start` (e.g. the INPI 5th-year annuity), with its reduced rate."""

    office = models.CharField(_("office"), max_length=2, choices=Office.choices)
    code = models.SlugField(_("fee"), max_length=40, help_text=_("e.g. renewal"))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    reduced_amount = models.DecimalField(
        _("reduced amount"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For applicants entitled to the reduction (INPI: SMEs, non-profit research)."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default="EUR"
    )
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        verbose_name = _("official fee")
        verbose_name_plural = _("official fees")
        ordering = ["office", "code", "year", "-start"]
        constraints = [
            *DatedPeriod.Meta.constraints,
            models.UniqueConstraint(
                fields=["office", "code", "year", "start"], name="patents_fee_unique"
            ),
        ]

    def __str__(self) -> str:
        year = f" {self.year}" if self.year else ""
        return f"{self.office} {self.code}{year}: {self.amount} {self.currency}"

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        return Q() if action == "view" and access.scopes else None


class Cost(FamilyPart):
    """Money spent on an application: official fee, attorney invoice, translation …"""

    application = models.ForeignKey(
        "patents.PatentApplication",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="costs",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=CostKind.choices)
    date = models.DateField(_("date"))
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default="EUR"
    )
    supplier = models.CharField(_("supplier"), max_length=200, blank=True)
    invoice_reference = models.CharField(_("invoice"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    # What a person edits, in this order: the edit form's and the API's fields alike.
    edit_fields = (
        "application",
        "kind",
        "date",
        "amount",
        "currency",
        "supplier",
        "invoice_reference",
        "note",
    )

    class Meta:
        verbose_name = _("cost")
        verbose_name_plural = _("costs")
        ordering = ["application", "date", "id"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.amount} {self.currency}"

    def split(self) -> list[tuple[str, Decimal]]:
        """Each owner's part by ownership share (what a co-ownership agreement usually says),
        rounded to the cent, the rounding remainder on the first owner."""
        owners = list(self.application.owners.select_related("organization"))
        if not owners:
            return []
        parts = [
            (
                str(o.organization or o.name_as_published),
                (self.amount * o.share).quantize(Decimal("0.01")),
            )
            for o in owners
        ]
        remainder = self.amount - sum(amount for _name, amount in parts)
        parts[0] = (parts[0][0], parts[0][1] + remainder)
        return parts
