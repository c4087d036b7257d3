"""The API's filter backend: the page's FilterSet, and no silently ignored parameter."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

# Parameters that are not filters: pagination and DRF's format suffix.
NON_FILTER_PARAMETERS = frozenset({"page", "format"})


class StrictFilterBackend(DjangoFilterBackend):
    """Filters as DjangoFilterBackend does, but answers 400 for a parameter it does not know.

    A misspelt filter (`?knd=school`) would otherwise return the whole list as if it had applied.
    """

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        filterset = self.get_filterset(request, queryset, view)
        if filterset is not None:
            unknown = sorted(
                set(request.query_params) - set(filterset.filters) - NON_FILTER_PARAMETERS
            )
            if unknown:
                raise ValidationError({name: [_("Unknown filter parameter.")] for name in unknown})
        return super().filter_queryset(request, queryset, view)
