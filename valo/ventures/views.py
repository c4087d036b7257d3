"""Pages of ventures: list, detail with the researchers' involvements and their cap warnings, edits."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import models
from django.utils.translation import gettext_lazy

from valo.core.tables import Column
from valo.core.views.generic import (
    ObjectChangeLogView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)
from valo.ventures.filtersets import VentureFilterSet
from valo.ventures.forms import FundingRoundForm, InvolvementForm, VentureForm
from valo.ventures.models import FundingRound, Involvement, Venture


class VentureMixin:
    model = Venture
    url_base = "ventures_venture"


class VentureListView(VentureMixin, ObjectListView):
    filterset_class = VentureFilterSet
    columns = [
        Column("company", gettext_lazy("Company"), link=True),
        Column("kind", gettext_lazy("Kind")),
        Column("status", gettext_lazy("Status")),
        Column("unit", gettext_lazy("Unit of origin")),
        Column("incubator", gettext_lazy("Incubator")),
        Column("created_on", gettext_lazy("Created on")),
        Column("institution_equity", gettext_lazy("Institution's equity (%)")),
    ]

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().select_related("company", "unit", "incubator")


class VentureDetailView(VentureMixin, ObjectDetailView):
    template_name = "ventures/venture_detail.html"

    def extra_context(self, obj: Any) -> dict[str, Any]:
        involvements = [(i, i.warnings()) for i in obj.involvements.select_related("person")]
        return {"involvements": involvements, "rounds": obj.funding_rounds.all()}


class VentureEditView(VentureMixin, ObjectEditView):
    form_class = VentureForm


class VentureChangeLogView(VentureMixin, ObjectChangeLogView):
    pass


class FundingRoundEditView(ObjectEditView):
    model = FundingRound
    url_base = "ventures_venture"
    form_class = FundingRoundForm


class InvolvementEditView(ObjectEditView):
    """A researcher's involvement; a cap exceeded is shown as a warning (the authorisation decides)."""

    model = Involvement
    url_base = "ventures_venture"
    form_class = InvolvementForm

    def after_save(self, obj: Any) -> None:
        for warning in obj.warnings():
            messages.warning(self.request, warning)
