"""One FilterSet per model, shared by the list pages, their exports and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from valo.core.filtersets import ValoFilterSet, order_by
from valo.core.models import DatedPeriod
from valo.directory.choices import (
    LabelKind,
    OrganizationKind,
    PersonStatus,
    Sector,
    SizeCategory,
)
from valo.directory.models import Label, Organization, Person


def visible_organizations(request: Any) -> QuerySet:
    """Choices of organisation filters: only what the user may see (no names leak)."""
    return Organization.objects.restrict(getattr(request, "user", None))


def visible_labels(request: Any) -> QuerySet:
    return Label.objects.restrict(getattr(request, "user", None))


class OrganizationFilterSet(ValoFilterSet):
    search_fields = ("name", "short_name", "siren", "ror", "aliases__name", "city")
    kind = django_filters.MultipleChoiceFilter(choices=OrganizationKind.choices, label=_("Kind"))
    size_category = django_filters.MultipleChoiceFilter(
        choices=SizeCategory.choices, label=_("Size category")
    )
    sector = django_filters.MultipleChoiceFilter(choices=Sector.choices, label=_("Sector"))
    parent = django_filters.ModelChoiceFilter(queryset=visible_organizations, label=_("Parent"))
    within = django_filters.ModelChoiceFilter(
        queryset=visible_organizations,
        method="filter_within",
        label=_("Within (all levels)"),
    )
    label = django_filters.ModelChoiceFilter(
        queryset=visible_labels, method="filter_label", label=_("Holds label (today)")
    )
    country = django_filters.CharFilter(lookup_expr="iexact", label=_("Country"))
    siren = django_filters.CharFilter(label=_("SIREN"))
    is_synthetic = django_filters.BooleanFilter(label=_("Synthetic"))
    ordering = order_by(Organization, "name", "kind", "created")

    class Meta:
        model = Organization
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Aliases join a to-many table: keep each organisation once.
        return super().search(queryset, name, value).distinct()

    def filter_within(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(pk__in=Organization.descendant_ids([value.pk]))

    def filter_label(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(
            DatedPeriod.current_q("label_awards__"), label_awards__label=value
        ).distinct()


class PersonFilterSet(ValoFilterSet):
    search_fields = ("first_name", "last_name", "email", "orcid")
    organization = django_filters.ModelChoiceFilter(
        queryset=visible_organizations,
        method="filter_organization",
        label=_("Affiliated to (all levels, today)"),
    )
    status = django_filters.MultipleChoiceFilter(
        choices=PersonStatus.choices, method="filter_status", label=_("Current status")
    )
    is_synthetic = django_filters.BooleanFilter(label=_("Synthetic"))
    ordering = order_by(Person, "last_name", "first_name", "created")

    class Meta:
        model = Person
        fields: list[str] = []

    @staticmethod
    def _current() -> Q:
        return DatedPeriod.current_q("affiliations__")

    def filter_organization(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        units = Organization.descendant_ids([value.pk])
        return queryset.filter(self._current(), affiliations__organization__in=units).distinct()

    def filter_status(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(self._current(), affiliations__status__in=value).distinct()


class LabelFilterSet(ValoFilterSet):
    search_fields = ("name", "short_name")
    kind = django_filters.MultipleChoiceFilter(choices=LabelKind.choices, label=_("Kind"))
    ordering = order_by(Label, "name")

    class Meta:
        model = Label
        fields: list[str] = []
