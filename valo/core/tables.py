"""Columns of list pages and exports: one definition serves the table, the CSV and the XLSX."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import formats, timezone
from django.utils.functional import Promise


@dataclass(frozen=True)
class Column:
    """A column: a dotted attribute path (choices shown by label unless `code`) and its heading."""

    accessor: str
    label: str | Promise
    link: bool = False
    # Show a choice field's stored code (GE, ETI …) instead of its long label.
    code: bool = False
    # False: in exports only (long identifiers that would crowd the page).
    in_table: bool = True
    # A value recorded verbatim (a change record's name of its object): marked translate="no".
    verbatim: bool = False

    def value(self, obj: Any) -> Any:
        value = obj
        for part in self.accessor.split("."):
            if value is None:
                return None
            display = None if self.code else getattr(value, f"get_{part}_display", None)
            value = display() if callable(display) else getattr(value, part, None)
            if callable(value) and not isinstance(value, models.Manager):
                value = value()
        return value

    def text(self, obj: Any) -> str:
        return cell_text(self.value(obj))


def cell_text(value: Any) -> str:
    """A value as a person reads it (table cells, CSV cells)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, datetime.datetime):
        return formats.localize(timezone.localtime(value).replace(microsecond=0))
    return str(value)
