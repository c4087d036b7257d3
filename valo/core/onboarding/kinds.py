"""The kinds of records an import file brings in, their columns, and the registry of every app's kinds."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from valo.core.forms import model_form

# Several values in one cell (a family's units, an invention's laboratories).
from valo.core.onboarding.values import cells


@dataclass(frozen=True)
class Extra:
    """A column that is no field of the form: `read(record)` gives its cell, `write(record, cell)`
    saves it (an organisation's other names, as aliases)."""

    name: str
    label: Any
    help: Any
    read: Callable[[models.Model], str]
    write: Callable[[models.Model, str], None]
    # True when writing adds the cell's values to those held and removes none (aliases).
    additive: bool = False

    def differs(self, record: models.Model | None, cell: str) -> bool:
        if record is None:
            return bool(cells(cell))
        given, held = cells(cell), cells(self.read(record))
        return not given <= held if self.additive else given != held


@dataclass(frozen=True)
class ImportKind:
    """One kind of record a spreadsheet brings in: a model and the fields of its form.

    `fields` are form fields, in the template's column order. `natural_key` is a unique field of the
    model that a key may also be (a reference, an e-mail); `lookups` are further unique fields by which
    another file's column may name such a record (a person's ORCID, an organisation's SIREN).
    `match` are fields that identify a record with no key (an inventor: the invention and the person),
    so that a first import does not duplicate what was entered by hand. `on_save(obj, data, user)` runs
    after each saved row (a family's deadlines recomputed), as the page's does; `check` judges the
    file's rows together (an invention's contributions sum to 1).
    """

    code: str
    label: Any
    model: type[models.Model]
    fields: tuple[str, ...]
    examples: tuple[dict[str, str], ...] = ()
    natural_key: str = ""
    lookups: tuple[str, ...] = ()
    match: tuple[str, ...] = ()
    form_class: type[forms.ModelForm] | None = None
    on_save: Callable[[models.Model, dict[str, Any], Any], None] | None = None
    extras: tuple[Extra, ...] = ()
    # (row number, saved record) of the whole file -> faults (row, column, message) across rows.
    check: Callable[[list[tuple[int, Any]]], list[tuple[int, str, str]]] | None = None
    help: Any = ""
    # The kind's form class, built once (a cache: the dataclass is frozen).
    _form: list[type[forms.ModelForm]] = field(default_factory=list, compare=False, repr=False)

    @property
    def form(self) -> type[forms.ModelForm]:
        """The form rows are validated with: the kind's own, limited to its fields."""
        if not self._form:
            base = self.form_class or model_form(self.model, list(self.fields))
            meta = type("Meta", (base.Meta,), {"fields": list(self.fields)})  # type: ignore[attr-defined]
            attributes = {"Meta": meta, "rendered": False}
            self._form.append(type(f"{self.model.__name__}ImportForm", (base,), attributes))
        return self._form[0]

    def columns(self) -> list[Column]:
        return [
            Column.key(self),
            *(Column.of(self, name) for name in self.fields),
            *(Column(e.name, str(e.label), str(e.help), False, extra=e) for e in self.extras),
        ]


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    help: str
    required: bool
    refers: ImportKind | None = None
    many: bool = False
    user: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    boolean: bool = False
    kind_field: Any = None
    extra: Extra | None = None

    @property
    def allowed(self) -> str:
        """The values the column takes, said for a person filling the template."""
        if self.choices:
            return "; ".join(f"{code} ({text})" for code, text in self.choices)
        if self.boolean:
            return _("yes / no")
        if self.refers is not None:
            many = _("several separated by |") if self.many else ""
            return " ".join(part for part in (_("keys of “%s”") % self.refers.label, many) if part)
        if isinstance(self.kind_field, models.DateField):
            return _("a date: 2024-03-31 or 31/03/2024")
        if isinstance(self.kind_field, models.DecimalField):
            return _("a number: 1234.56 or 1 234,56")
        return ""

    @classmethod
    def key(cls, kind: ImportKind) -> Column:
        hint = _(
            "Your identifier of this row; a second import of the same key updates the record. "
            "It may also be valo's own reference or #<number>."
        )
        return cls("key", _("Key"), hint, True)

    @classmethod
    def of(cls, kind: ImportKind, name: str) -> Column:
        model_field = kind.model._meta.get_field(name)
        label = str(model_field.verbose_name)
        label = label[:1].upper() + label[1:]
        refers = None
        user = False
        related = getattr(model_field, "related_model", None)
        if related is not None:
            if related is get_user_model():
                user = True
            else:
                refers = kind_for_model(related)
        help_text = str(model_field.help_text or "")
        if refers is not None:
            help_text = (help_text + " " if help_text else "") + _("The key of a row of “%s”.") % (
                refers.label
            )
        if user:
            help_text = (help_text + " " if help_text else "") + _("A user name.")
        choices = tuple((str(code), str(text)) for code, text in (model_field.choices or ()))
        required = not (model_field.blank or model_field.has_default())
        return cls(
            name,
            label,
            help_text,
            required,
            refers=refers,
            many=model_field.many_to_many,
            user=user,
            choices=choices,
            boolean=isinstance(model_field, models.BooleanField),
            kind_field=model_field,
        )


# --- the registry -----------------------------------------------------------------------------


def kinds() -> dict[str, ImportKind]:
    """Every app's kinds by code, in the order a first import takes them (INSTALLED_APPS order)."""
    from valo.core.registry import valo_apps

    found: dict[str, ImportKind] = {}
    for config in valo_apps():
        for dotted in getattr(config, "data_imports", ()):
            kind = import_string(dotted)
            found[kind.code] = kind
    return found


def kind_for_model(model: type[models.Model]) -> ImportKind | None:
    for kind in kinds().values():
        if kind.model is model:
            return kind
    return None


def permitted(user: Any, kind: ImportKind) -> bool:
    """Whether `user` may bring records of this kind in: the office's staff who import (not a
    researcher, who may declare an invention but not load the office's history), and only kinds of
    which they may add records, as on the pages."""
    from valo.core.access import has_capability, model_permits

    return has_capability(user, "core.import_data") and model_permits(user, kind.model, "add")


# --- reading values --------------------------------------------------------------------------


def missing_fields(kind: ImportKind) -> Sequence[str]:
    """The fields of a kind that its form does not take, or that name records no kind of file holds
    (configuration errors, for the tests)."""
    form = kind.form()
    missing = [name for name in kind.fields if name not in form.fields]
    for column in kind.columns()[1:]:
        related = getattr(column.kind_field, "related_model", None)
        if related is not None and column.refers is None and not column.user:
            missing.append(f"{column.name} (no kind of file holds {related.__name__})")
    return missing
