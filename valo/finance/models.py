"""Direct costs of an invention besides its patent costs (which come from the portfolio)."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from valo.core.access import Access
from valo.core.models import ChangeLoggedModel
from valo.inventions.access import invention_q


class DirectCost(ChangeLoggedModel):
    """A direct cost of an invention in euros (prototype, valuation study…), deducted from its revenue."""

    invention = models.ForeignKey(
        "inventions.Invention",
        verbose_name=_("invention"),
        on_delete=models.PROTECT,
        related_name="direct_costs",
    )
    date = models.DateField(_("date"))
    amount = models.DecimalField(
        _("amount excluding tax (EUR)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    label = models.CharField(_("what"), max_length=200)

    # What a person edits, in this order: the edit form's and the API's fields alike.
    edit_fields = ("invention", "date", "amount", "label")

    class Meta:
        verbose_name = _("direct cost")
        verbose_name_plural = _("direct costs")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date} {self.label}: {self.amount} €"

    def get_absolute_url(self) -> str:
        return self.invention.get_absolute_url()

    def changelog_parent(self) -> models.Model:
        return self.invention

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        return invention_q(access, "view" if action == "view" else "change", "invention__")
