"""One FilterSet per list: pages, exports and API share them."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from valo.core.bounds import DaysFilter, YearFilter
from valo.core.filtersets import ValoFilterSet, order_by
from valo.directory.models import Organization
from valo.inventions.filtersets import visible_units
from valo.patents.choices import ApplicationStatus, DeadlineState, Office
from valo.patents.models import Deadline, PatentFamily


class PatentFamilyFilterSet(ValoFilterSet):
    search_fields = (
        "reference",
        "title",
        "applications__application_number",
        "applications__publication_number",
    )
    office = django_filters.MultipleChoiceFilter(
        field_name="applications__office", choices=Office.choices, label=_("Office"), distinct=True
    )
    status = django_filters.MultipleChoiceFilter(
        field_name="applications__status",
        choices=ApplicationStatus.choices,
        label=_("Application status"),
        distinct=True,
    )
    unit = django_filters.ModelChoiceFilter(
        queryset=visible_units, method="filter_unit", label=_("School or laboratory (all levels)")
    )
    co_owned = django_filters.BooleanFilter(method="filter_co_owned", label=_("Co-owned"))
    year = YearFilter(
        field_name="applications__filing_date",
        lookup_expr="year",
        label=_("Filing year"),
        distinct=True,
    )
    ordering = order_by(PatentFamily, "reference", "title")

    class Meta:
        model = PatentFamily
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return super().search(queryset, name, value).distinct()

    def filter_unit(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(unit__in=Organization.descendant_ids([value.pk]))

    def filter_co_owned(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        shared = (
            PatentFamily.objects.annotate(
                owners=Count("applications__owners__organization", distinct=True)
            )
            .filter(owners__gt=1)
            .values("pk")
        )
        return queryset.filter(pk__in=shared) if value else queryset.exclude(pk__in=shared)


class DeadlineFilterSet(ValoFilterSet):
    # A computed deadline is named by its rule in the reader's language (its stored label is the
    # rule's English): "annuité" finds the annuities as "annuity" does.
    search_fields = (
        "label",
        "rule__label_fr",
        "application__application_number",
        "application__family__reference",
    )
    state = django_filters.MultipleChoiceFilter(choices=DeadlineState.choices, label=_("State"))
    office = django_filters.MultipleChoiceFilter(
        field_name="application__office", choices=Office.choices, label=_("Office")
    )
    due_after = django_filters.DateFilter(
        field_name="due_date", lookup_expr="gte", label=_("Due from")
    )
    due_before = django_filters.DateFilter(
        field_name="due_date", lookup_expr="lte", label=_("Due until")
    )
    within_days = DaysFilter(method="filter_within", label=_("Due within (days)"))
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("Mine"))
    unassigned = django_filters.BooleanFilter(
        field_name="responsible", lookup_expr="isnull", label=_("Nobody responsible")
    )
    renewals = django_filters.BooleanFilter(
        field_name="year", lookup_expr="isnull", exclude=True, label=_("Renewals only")
    )
    ordering = order_by(Deadline, "due_date")

    class Meta:
        model = Deadline
        fields: list[str] = []

    def filter_within(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(
            due_date__lte=timezone.localdate() + datetime.timedelta(days=int(value))
        )

    def filter_mine(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        user = getattr(self.request, "user", None)
        return queryset.filter(responsible=user) if value else queryset.exclude(responsible=user)
