"""A kind's records as an import file (what an import of it reads back unchanged), and its template."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from valo.core.exports import workbook_bytes
from valo.core.models import ImportKey

# Several values in one cell (a family's units, an invention's laboratories).
from valo.core.onboarding.kinds import ImportKind
from valo.core.onboarding.values import SEPARATOR

# The headings of a template's second sheet, which says what each column holds.
NOTES_HEADINGS = (
    gettext_lazy("Heading"),
    gettext_lazy("Code"),
    gettext_lazy("Required"),
    gettext_lazy("What it holds"),
    gettext_lazy("Allowed values"),
)


class Keys:
    """The key an export writes for each record: the file's key it came with, else its natural key,
    else #<id>. Read once per kind."""

    def __init__(self) -> None:
        self._maps: dict[str, dict[Any, str]] = {}

    def of(self, kind: ImportKind, pk: Any) -> str:
        if kind.code not in self._maps:
            mapping: dict[Any, str] = {}
            if kind.natural_key:
                for record_pk, value in kind.model._default_manager.values_list(
                    "pk", kind.natural_key
                ):
                    if value:
                        mapping[record_pk] = str(value)
            for object_id, key in ImportKey.objects.filter(kind=kind.code).values_list(
                "object_id", "key"
            ):
                mapping[object_id] = key
            self._maps[kind.code] = mapping
        return self._maps[kind.code].get(pk, f"#{pk}")


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return value.normalize() if value == value.to_integral() else value
    return value


def export_rows(kind: ImportKind, records: Iterable[models.Model]) -> list[list[Any]]:
    """The records of `kind` as template rows (key first), the values as a file would give them."""
    keys = Keys()
    users = dict(get_user_model()._default_manager.values_list("pk", "username"))
    columns = kind.columns()[1:]
    out = []
    for record in records:
        row: list[Any] = [keys.of(kind, record.pk)]
        form = kind.form(instance=record)
        for column in columns:
            if column.extra is not None:
                row.append(column.extra.read(record))
                continue
            value = form.initial.get(column.name)
            if column.many:
                pks = [getattr(item, "pk", item) for item in value or []]
                value = SEPARATOR.join(sorted(keys.of(column.refers, pk) for pk in pks))
            elif column.refers is not None:
                value = keys.of(column.refers, value) if value else ""
            elif column.user:
                value = users.get(value, "") if value else ""
            elif column.boolean:
                value = _("yes") if value else _("no")
            row.append(_cell(value) if value is not None else "")
        out.append(row)
    return out


def headings(kind: ImportKind) -> list[str]:
    return [column.label for column in kind.columns()]


def exported(kind: ImportKind, user: Any) -> tuple[list[str], list[list[Any]]]:
    """What `user` may see of the kind, as an import file would hold it."""
    records = kind.model._default_manager.restrict(user, "view").order_by("pk")  # type: ignore[attr-defined]
    return headings(kind), export_rows(kind, records)


def template_workbook(kind: ImportKind) -> bytes:
    """The kind's template in the active language: its headings and example rows, and a sheet that
    says what each column holds and which values it takes."""
    columns = kind.columns()
    examples = [[example.get(column.name, "") for column in columns] for example in kind.examples]
    described = [
        [
            column.label,
            column.name,
            _("required") if column.required else _("optional"),
            column.help,
            column.allowed,
        ]
        for column in columns
    ]
    return workbook_bytes(
        [
            (str(kind.label), headings(kind), examples),
            (_("Columns"), [str(heading) for heading in NOTES_HEADINGS], described),
        ]
    )


def notes_headings() -> set[tuple[str, ...]]:
    """The headings of a template's sheet of notes on its columns, in every language (an import
    reads past that sheet)."""
    found = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found.add(tuple(str(heading) for heading in NOTES_HEADINGS))
    return found
