"""Licence terms, royalty tiers, royalty statements and payments."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from valo.agreements.choices import PaymentKind
from valo.agreements.models.agreements import Agreement, AgreementPart
from valo.patents.choices import Currency

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class Licence(AgreementPart):
    """The terms of a licence, option or assignment."""

    agreement = models.OneToOneField(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="licence"
    )
    exclusive = models.BooleanField(_("exclusive"), default=False)
    field_of_use = models.CharField(_("field of use"), max_length=300, blank=True)
    territory = models.CharField(_("territory"), max_length=200, blank=True)
    upfront = models.DecimalField(
        _("upfront fee"), max_digits=12, decimal_places=2, default=Decimal(0)
    )
    annual_minimum = models.DecimalField(
        _("annual minimum royalties"), max_digits=12, decimal_places=2, default=Decimal(0)
    )
    sublicence_share = models.DecimalField(
        _("share of sub-licence income (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=PERCENT,
    )
    equity = models.DecimalField(
        _("equity received (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=PERCENT,
    )
    # The licensee's reporting, as the contract sets it (a French licence typically asks the year's
    # statement within three months of the year's end and payment within 30 days of it).
    statement_due_days = models.PositiveSmallIntegerField(
        _("statement due (days after the year's end)"),
        default=90,
        validators=[MaxValueValidator(366)],
        help_text=_(
            "The licensee's statement of a year's net sales is due this many days after 31 December."
        ),
    )
    payment_due_days = models.PositiveSmallIntegerField(
        _("payment due (days after the statement)"),
        default=30,
        validators=[MaxValueValidator(366)],
        help_text=_("The royalties a statement shows are due this many days after it is received."),
    )

    # What a person edits, in this order: the edit form's and the API's fields alike.
    edit_fields = (
        "agreement",
        "exclusive",
        "field_of_use",
        "territory",
        "upfront",
        "annual_minimum",
        "sublicence_share",
        "equity",
        "statement_due_days",
        "payment_due_days",
    )

    class Meta:
        verbose_name = _("licence terms")
        verbose_name_plural = _("licence terms")

    def __str__(self) -> str:
        return f"{self.agreement.reference}"


class RoyaltyTier(AgreementPart):
    """A marginal rate on the year's net sales above `from_amount`."""

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="royalty_tiers",
    )
    from_amount = models.DecimalField(
        _("net sales from"), max_digits=14, decimal_places=2, default=Decimal(0)
    )
    rate = models.DecimalField(_("rate (%)"), max_digits=5, decimal_places=2, validators=PERCENT)

    # What a person edits, in this order: the edit form's and the API's fields alike.
    edit_fields = ("agreement", "from_amount", "rate")

    class Meta:
        verbose_name = _("royalty tier")
        verbose_name_plural = _("royalty tiers")
        ordering = ["agreement", "from_amount"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "from_amount"], name="agreements_tier_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rate}% ≥ {self.from_amount}"


class RoyaltyStatement(AgreementPart):
    """A licensee's statement of its net sales for a year, and what it owes under the licence."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="statements"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    net_sales = models.DecimalField(
        _("net sales"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default="EUR"
    )
    received_on = models.DateField(_("received on"))

    class Meta:
        verbose_name = _("royalty statement")
        verbose_name_plural = _("royalty statements")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "year"], name="agreements_statement_year")
        ]

    def __str__(self) -> str:
        return f"{self.agreement.reference} {self.year}: {self.net_sales} {self.currency}"

    def get_absolute_url(self) -> str:
        return reverse("agreements_statement_detail", args=[self.pk])


class Payment(AgreementPart):
    """Money received under an agreement, excluding tax."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="payments"
    )
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=PaymentKind.choices,
        help_text=_(
            "Only exploitation income counts for the inventors' bonus, not research funding."
        ),
    )
    received_on = models.DateField(_("received on"))
    amount = models.DecimalField(
        _("amount excluding tax"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default="EUR"
    )
    invoice_reference = models.CharField(_("invoice"), max_length=100, blank=True)
    statement = models.ForeignKey(
        RoyaltyStatement,
        verbose_name=_("statement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
    )

    # What a person edits, in this order: the edit form's and the API's fields alike.
    edit_fields = (
        "agreement",
        "kind",
        "received_on",
        "amount",
        "currency",
        "invoice_reference",
        "statement",
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-received_on", "id"]

    def __str__(self) -> str:
        return f"{self.received_on} {self.get_kind_display()} {self.amount} {self.currency}"

    def clean(self) -> None:
        if (
            self.statement_id
            and self.agreement_id
            and self.statement.agreement_id != self.agreement_id
        ):
            raise ValidationError({"statement": _("This statement belongs to another agreement.")})
