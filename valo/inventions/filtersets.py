"""One FilterSet per list: pages, exports and API share them."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from valo.core.bounds import YearFilter
from valo.core.filtersets import ValoFilterSet, order_by
from valo.directory.choices import INTERNAL_KINDS
from valo.directory.models import Organization
from valo.inventions.choices import (
    InventionState,
    OwnershipClass,
    ProtectionRoute,
    TechnicalField,
    ValorisationRoute,
)
from valo.inventions.models import Invention, KnowHow, SoftwareAsset


def visible_units(request: Any) -> QuerySet:
    user = getattr(request, "user", None)
    return Organization.objects.restrict(user).filter(kind__in=INTERNAL_KINDS)


class InventionFilterSet(ValoFilterSet):
    search_fields = ("reference", "title", "keywords", "public_summary")
    state = django_filters.MultipleChoiceFilter(choices=InventionState.choices, label=_("State"))
    unit = django_filters.ModelChoiceFilter(
        queryset=visible_units, method="filter_unit", label=_("School or laboratory (all levels)")
    )
    year = YearFilter(field_name="received_on", lookup_expr="year", label=_("Year declared"))
    field = django_filters.MultipleChoiceFilter(choices=TechnicalField.choices, label=_("Field"))
    ownership_class = django_filters.MultipleChoiceFilter(
        choices=OwnershipClass.choices, label=_("Ownership")
    )
    protection_route = django_filters.MultipleChoiceFilter(
        field_name="decision__protection_route",
        choices=ProtectionRoute.choices,
        label=_("Protection route"),
    )
    valorisation_route = django_filters.MultipleChoiceFilter(
        field_name="decision__valorisation_route",
        choices=ValorisationRoute.choices,
        label=_("Valorisation route"),
    )
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("Where I am an inventor"))
    ordering = order_by(Invention, "received_on", "reference", "title")

    class Meta:
        model = Invention
        fields: list[str] = []

    def filter_unit(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        units = Organization.descendant_ids([value.pk])
        return queryset.filter(units__organization__in=units).distinct()

    def filter_mine(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        user = getattr(self.request, "user", None)
        mine = queryset.filter(inventorships__person__user=user).values("pk")
        return queryset.filter(pk__in=mine) if value else queryset.exclude(pk__in=mine)


class SoftwareAssetFilterSet(ValoFilterSet):
    search_fields = ("title", "deposit_reference", "description")
    unit = django_filters.ModelChoiceFilter(queryset=visible_units, label=_("Owning unit"))

    class Meta:
        model = SoftwareAsset
        fields = ["licence"]


class KnowHowFilterSet(ValoFilterSet):
    # Titles only: searching the secret itself would reveal it through the result list.
    search_fields = ("title",)

    class Meta:
        model = KnowHow
        fields: list[str] = []
