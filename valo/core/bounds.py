"""Bounded inputs: one year and one count of days for query parameters, forms, filters and the API.

A year has four digits within VALO_YEAR_MIN … VALO_YEAR_MAX; a window of days is at most
VALO_MAX_WINDOW_DAYS. Out of range or malformed, the value is refused with a field error (a page
shows it, the API answers 400 naming the field) — never a server error, never a loop that holds a
worker.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import BadRequest, ValidationError
from django.utils.translation import gettext_lazy as _


class YearField(forms.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", settings.VALO_YEAR_MIN)
        kwargs.setdefault("max_value", settings.VALO_YEAR_MAX)
        kwargs.setdefault(
            "error_messages",
            {"invalid": _("Enter a year of four digits.")},
        )
        super().__init__(**kwargs)


class DaysField(forms.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", settings.VALO_MAX_WINDOW_DAYS)
        super().__init__(**kwargs)


class YearFilter(django_filters.NumberFilter):
    """A filter on a year (of a date field with lookup_expr="year", or a year column)."""

    field_class = YearField


class DaysFilter(django_filters.NumberFilter):
    field_class = DaysField


class BadQuery(BadRequest):
    """A query parameter out of bounds: pages answer 400 with the field named (core's handler400),
    the API 400 with {field: [messages]} (valo.core.api_errors)."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        self.errors = errors


def query_value(
    params: Mapping[str, str], name: str, field: forms.Field, default: Any = None
) -> Any:
    """The parameter `name` of a query, cleaned by `field`; `default` when it is absent or empty.
    Raises BadQuery naming the parameter when it is given and wrong."""
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        return field.clean(raw)
    except ValidationError as error:
        raise BadQuery({name: [str(m) for m in error.messages]}) from error


def query_year(params: Mapping[str, str], default: Any, name: str = "year") -> Any:
    return query_value(params, name, YearField(), default)
