"""One FilterSet per list, shared by pages, exports and API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from valo.agreements.choices import AgreementKind, IpOwnership, ObligationState
from valo.agreements.models import Agreement, Obligation
from valo.core.bounds import YearFilter
from valo.core.filtersets import ValoFilterSet, order_by
from valo.directory.choices import SizeCategory
from valo.directory.models import Organization
from valo.inventions.filtersets import visible_units


class AgreementFilterSet(ValoFilterSet):
    search_fields = ("reference", "title", "partner__name")
    kind = django_filters.MultipleChoiceFilter(choices=AgreementKind.choices, label=_("Kind"))
    unit = django_filters.ModelChoiceFilter(
        queryset=visible_units, method="filter_unit", label=_("School or laboratory (all levels)")
    )
    signed_year = YearFilter(field_name="signed_on", lookup_expr="year", label=_("Year signed"))
    carnot = django_filters.BooleanFilter(
        field_name="carnot", lookup_expr="isnull", exclude=True, label=_("Carnot")
    )
    partner_size = django_filters.MultipleChoiceFilter(
        field_name="partner__size_category", choices=SizeCategory.choices, label=_("Partner size")
    )
    ip_ownership = django_filters.MultipleChoiceFilter(
        choices=IpOwnership.choices, label=_("Ownership of results")
    )
    open = django_filters.BooleanFilter(
        field_name="ended_on", lookup_expr="isnull", label=_("Not ended")
    )
    ordering = order_by(Agreement, "requested_on", "signed_on", "reference")

    class Meta:
        model = Agreement
        fields: list[str] = []

    def filter_unit(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(unit__in=Organization.descendant_ids([value.pk]))


class ObligationFilterSet(ValoFilterSet):
    search_fields = ("label", "agreement__reference", "agreement__partner__name")
    state = django_filters.MultipleChoiceFilter(choices=ObligationState.choices, label=_("State"))
    due_before = django_filters.DateFilter(
        field_name="due_date", lookup_expr="lte", label=_("Due until")
    )
    unit = django_filters.ModelChoiceFilter(
        queryset=visible_units, method="filter_unit", label=_("School or laboratory (all levels)")
    )
    ordering = order_by(Obligation, "due_date")

    class Meta:
        model = Obligation
        fields: list[str] = []

    def filter_unit(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(agreement__unit__in=Organization.descendant_ids([value.pk]))
