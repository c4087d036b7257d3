"""Shared filter bases and the change log's filters (one FilterSet for the page and the API)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from valo.core.forms import DateInput
from valo.core.models import ChangeLoggedModel, ObjectChange
from valo.core.models.changelog import ChangeAction, ChangeSource


class ValoFilterSet(django_filters.FilterSet):
    """Adds `q`, a free-text search over `search_fields`."""

    search_fields: tuple[str, ...] = ()
    q = django_filters.CharFilter(method="search", label=_("Search"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, filter_ in self.filters.items():
            if name not in self.declared_filters:
                # Named from its model field by django-filter once, in whichever language was
                # active then (its form field too is built once and copied with it): named again,
                # in the reader's.
                filter_.label = None
                filter_.__dict__.pop("_field", None)
            if filter_.field_class is forms.DateField and "widget" not in filter_.extra:
                # A date as the reader writes it (the browser's control; jj/mm/aaaa in French),
                # as in every other form.
                filter_.extra["widget"] = DateInput()
                filter_.extra.setdefault("input_formats", DateInput.ADDRESS_FORMATS)
                filter_.__dict__.pop("_field", None)

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)


def order_by(model: type[Model], *names: str) -> django_filters.OrderingFilter:
    """An "Order by" choice of these fields, each named by its verbose name in the reader's
    language (django-filter would name them from their code, in English)."""
    labels: dict[str, Any] = {}
    for name in names:
        verbose = capfirst(model._meta.get_field(name).verbose_name)
        labels[name] = verbose
        labels[f"-{name}"] = format_lazy(_("{} (descending)"), verbose)
    return django_filters.OrderingFilter(
        fields=tuple((name, name) for name in names), field_labels=labels, label=_("Order by")
    )


def logged_content_types() -> QuerySet:
    """The content types of every logged model, whichever app declares it."""
    models = [m for m in apps.get_models() if issubclass(m, ChangeLoggedModel)]
    types = ContentType.objects.get_for_models(*models, for_concrete_models=False).values()
    return ContentType.objects.filter(pk__in=[t.pk for t in types]).order_by("app_label", "model")


class ObjectChangeFilterSet(ValoFilterSet):
    search_fields = ("object_repr", "user_name")
    action = django_filters.MultipleChoiceFilter(choices=ChangeAction.choices, label=_("Action"))
    source = django_filters.MultipleChoiceFilter(choices=ChangeSource.choices, label=_("Source"))
    content_type = django_filters.ModelChoiceFilter(
        queryset=lambda request: logged_content_types(),
        label=_("Object type"),
        method="filter_content_type",
    )
    object_id = django_filters.CharFilter(method="filter_object", label=_("Object id"))
    request_id = django_filters.UUIDFilter(label=_("Request id"))
    user_name = django_filters.CharFilter(lookup_expr="icontains", label=_("User"))
    time_after = django_filters.DateFilter(
        field_name="time", lookup_expr="date__gte", label=_("From")
    )
    time_before = django_filters.DateFilter(
        field_name="time", lookup_expr="date__lte", label=_("Until")
    )

    class Meta:
        model = ObjectChange
        fields: list[str] = []

    def filter_content_type(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if self.form.cleaned_data.get("object_id"):
            return queryset  # filter_object applies both, related records included
        return queryset.filter(content_type=value)

    def filter_object(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        """Changes of the object and of its components; with content_type, of that object only."""
        content_type = self.form.cleaned_data.get("content_type")
        if content_type is None:
            return queryset.filter(Q(object_id=value) | Q(related_object_id=value))
        return queryset.for_key(content_type, str(value))
