"""Onboarding imports: an office's spreadsheets in, and the same files out.

Each app registers the kinds of records it takes from a spreadsheet (`ImportKind`, listed in its
AppConfig's `data_imports`): people, inventions and their inventors, families and applications,
agreements, payments, ventures … A kind is one model and its columns; a column is a field of the
model's form (the same validation as the page), and a column that names another record holds that
record's key in its own kind. Every kind's first column is `key`: the office's own identifier of the
row (a docketing tool's number, a spreadsheet line id). valo remembers it (`ImportKey`), so that the
same file imported again updates what it created instead of duplicating it; a key may also be the
record's own reference in valo (an invention's INV-2020-0001, a person's e-mail) or `#<id>`, its
number in valo, which is what an export writes for records that came from no file.

A file is imported whole or not at all (`valo.core.imports`), with every fault named by file, row and
column; `preview` runs the same import and rolls it back, so that the page shows what would be
created, updated or left unchanged before anything is written. `export` writes the kind's records in
the template's format: importing an export changes nothing.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from valo.core.access import get_access, held_pks
from valo.core.changelog import deferred_records
from valo.core.context import change_context, notifications_silenced
from valo.core.exports import FORMULA_START, workbook_bytes
from valo.core.forms import model_form
from valo.core.imports import ImportFailed, ImportFault, Row, read_rows
from valo.core.models import ImportKey
from valo.core.permissions import check_write

# Several values in one cell (a family's units, an invention's laboratories).
SEPARATOR = " | "
OWN_NUMBER = re.compile(r"^#(\d+)$")
TRUE_WORDS = {"1", "true", "yes", "y", "oui", "o", "vrai", "x"}
FALSE_WORDS = {"0", "false", "no", "n", "non", "faux", ""}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S")


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
            return bool(_cells(cell))
        given, held = _cells(cell), _cells(self.read(record))
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
    # The related model of a column, when a field is not a foreign key of the model (rare).
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


def _folded(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", plain.lower()).strip()


def header_names(kind: ImportKind) -> dict[str, str]:
    """Every way a heading may name a column: its code, its label in each language."""
    names: dict[str, str] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for column in kind.columns():
                names[_folded(column.label)] = column.name
    for column in kind.columns():
        names[_folded(column.name)] = column.name
    return names


def _plain(value: str) -> str:
    """A cell as typed: the apostrophe an export puts before a formula-like text taken off."""
    if value.startswith("'") and value[1:2] and value[1:2] in FORMULA_START:
        return value[1:]
    return value


def _cells(value: str) -> set[str]:
    """The values of a cell that holds several, as a set (order and spacing do not count)."""
    return {part.strip() for part in value.split("|") if part.strip()}


def _choice_words(column: Column) -> dict[str, str]:
    """Every way a cell may say a choice: its code, its label in each language."""
    words: dict[str, str] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for choice, text in column.kind_field.choices or ():
                words[_folded(str(text))] = str(choice)
    for choice, _text in column.kind_field.choices or ():
        words[_folded(str(choice))] = str(choice)
    return words


def _date(value: str) -> str:
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, pattern).date().isoformat()
        except ValueError:
            continue
    return value  # the form names the fault


def _decimal(value: str, model_field: Any) -> str:
    """A number as people type it: 1 234,56 or 1234.56; 50 % of a field that holds a fraction of 1
    (a share) is 0.5, of a field that holds a percentage (equity) 50."""
    text = value.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    if not text.endswith("%"):
        return text
    text = text[:-1]
    fraction = any(
        getattr(validator, "limit_value", None) == 1
        for validator in model_field.validators
        if type(validator).__name__ == "MaxValueValidator"
    )
    if fraction:
        try:
            return str(Decimal(text) / 100)
        except ArithmeticError:
            return value
    return text


class Run:
    """One import of one file of one kind: the keys and references resolved once each."""

    # A file longer than this reads its kind's natural keys once, not one query a row.
    PRELOAD_ROWS = 500

    def __init__(self, kind: ImportKind, user: Any, file_name: str, rows: int = 0) -> None:
        self.kind = kind
        self.user = user
        self.file_name = file_name
        self.faults: list[ImportFault] = []
        self._users: dict[str, Any] = {}
        self.outcomes: list[RowOutcome] = []
        self.saved: list[tuple[int, Any]] = []
        self.columns = kind.columns()
        # The columns that are fields of the form (not the key, not the extras).
        self.fields = [column for column in self.columns[1:] if column.extra is None]
        # The file keys of each kind, read once: key -> object id.
        self._file_keys: dict[str, dict[str, Any]] = {}
        self._new_keys: dict[str, Any] = {}
        # References found otherwise (a natural key, a lookup), and each choice column's words.
        self._found: dict[tuple[str, str], Any] = {}
        # The kind's own natural keys, read at once for a long file (None: one query a row).
        self._natural: dict[str, Any] | None = None
        if kind.natural_key and rows > self.PRELOAD_ROWS:
            self._natural = {
                str(value): pk
                for value, pk in kind.model._default_manager.exclude(
                    **{f"{kind.natural_key}__isnull": True}
                ).values_list(kind.natural_key, "pk")
            }
        self._choices = {
            column.name: _choice_words(column) for column in self.columns if column.choices
        }
        # Rows saved, judged together at the end: (row, record id, action).
        self._written: list[tuple[int, Any, str]] = []
        # The choices the importer may make, from the kind's form as the page builds it for them;
        # each row's form is built unrestricted and its choices checked here, each value once.
        probe = kind.form(user=user)
        self._plain_decimals = {
            name
            for name, form_field in probe.fields.items()
            if type(form_field) is forms.DecimalField
        }
        self._choice_querysets = {
            name: form_field.queryset
            for name, form_field in probe.fields.items()
            if isinstance(form_field, forms.ModelChoiceField)
        }
        self._chosen: dict[tuple[str, str], Any] = {}
        # Many-to-many rows to write, by through model (valo.core.onboarding.Run.save_many).
        self._links: dict[type[models.Model], list[models.Model]] = {}

    # keys ---------------------------------------------------------------------------------
    def file_keys(self, kind: ImportKind) -> dict[str, Any]:
        if kind.code not in self._file_keys:
            self._file_keys[kind.code] = dict(
                ImportKey.objects.filter(kind=kind.code).values_list("key", "object_id")
            )
        return self._file_keys[kind.code]

    def find(self, kind: ImportKind, key: str) -> Any:
        """The primary key of the record of `kind` that `key` names, or None."""
        found = self.file_keys(kind).get(key) or self._found.get((kind.code, key))
        if found is not None:
            return found
        manager = kind.model._default_manager
        if own := OWN_NUMBER.match(key):
            found = manager.filter(pk=int(own.group(1))).values_list("pk", flat=True).first()
        names = (kind.natural_key, *kind.lookups)
        if kind is self.kind and self._natural is not None:
            found = found or self._natural.get(key)
            names = kind.lookups
        for name in names:
            if found is None and name:
                matches = list(manager.filter(**{name: key}).values_list("pk", flat=True)[:2])
                found = matches[0] if len(matches) == 1 else None
        if found is not None:
            self._found[(kind.code, key)] = found
        return found

    def remember(self, key: str, obj: models.Model) -> None:
        """The row's key names this record from now on (written with the file's last row)."""
        if self._natural is not None:
            self._natural[str(getattr(obj, self.kind.natural_key))] = obj.pk
        known = self.file_keys(self.kind)
        if known.get(key) == obj.pk:
            return
        known[key] = obj.pk
        if key == getattr(obj, self.kind.natural_key or "pk", None) or OWN_NUMBER.match(key):
            return
        self._new_keys[key] = obj.pk

    def write_keys(self) -> None:
        content_type = ContentType.objects.get_for_model(self.kind.model)
        moved = set(
            ImportKey.objects.filter(kind=self.kind.code, key__in=list(self._new_keys)).values_list(
                "key", flat=True
            )
        )
        for key in moved:  # a key whose record was deleted since, now naming the new one
            found = ImportKey.objects.get(kind=self.kind.code, key=key)
            found.object_id = self._new_keys[key]
            found.save()
        ImportKey.objects.bulk_create(
            [
                ImportKey(kind=self.kind.code, key=key, content_type=content_type, object_id=pk)
                for key, pk in self._new_keys.items()
                if key not in moved
            ],
            batch_size=500,
        )

    def check_written(self) -> None:
        """Every saved record lies where the importer may write (judged after the file's last row,
        so that a laboratory created above counts in their scope)."""
        if self.user is None or not self._written:
            return
        get_access(self.user, refresh=True)
        for action in ("add", "change"):
            pks = [pk for _n, pk, done in self._written if done == action]
            allowed: set[Any] = set()
            manager = self.kind.model._default_manager
            for start in range(0, len(pks), 500):
                allowed.update(
                    manager.restrict(self.user, action)  # type: ignore[attr-defined]
                    .filter(pk__in=pks[start : start + 500])
                    .values_list("pk", flat=True)
                )
            for number, pk, done in self._written:
                if done == action and pk not in allowed:
                    message = _("You may not save this record outside the units you work for.")
                    self.fault(number, "-", message)

    def _user_pk(self, name: str) -> Any:
        if name not in self._users:
            users = get_user_model()._default_manager
            found = users.filter(username=name).first() or users.filter(email__iexact=name).first()
            self._users[name] = found.pk if found else name
        return self._users[name]

    # rows ---------------------------------------------------------------------------------
    def form_data(self, number: int, row: dict[str, str]) -> dict[str, Any] | None:
        data: dict[str, Any] = {}
        ok = True
        for column in self.fields:
            if column.name not in row:
                continue
            value = _plain(row[column.name])
            if column.refers is not None or column.user:
                values = [part.strip() for part in value.split("|") if part.strip()]
                resolved = []
                for part in values:
                    pk = self._user_pk(part) if column.user else self.find(column.refers, part)
                    if pk is None:
                        ok = False
                        self.fault(
                            number,
                            column,
                            _("no row of “%(kind)s” has the key “%(key)s”")
                            % {"kind": column.refers.label, "key": part},
                        )
                    resolved.append(pk)
                data[column.name] = resolved if column.many else (resolved[0] if resolved else "")
            elif column.boolean:
                word = _folded(value)
                data[column.name] = "on" if word in TRUE_WORDS else ""
                if word not in TRUE_WORDS | FALSE_WORDS:
                    ok = False
                    self.fault(number, column, _("write yes or no"))
            elif column.choices and value:
                data[column.name] = self._choices[column.name].get(_folded(value), value)
            elif isinstance(column.kind_field, models.DateField) and value:
                data[column.name] = _date(value)
            elif column.name in self._plain_decimals and value:
                data[column.name] = _decimal(value, column.kind_field)
            else:
                data[column.name] = value
        return data if ok else None

    def fault(self, number: int, column: Column | str, message: str) -> None:
        name = column if isinstance(column, str) else column.name
        self.faults.append(ImportFault(self.file_name, number, name, message))

    def existing(self, key: str, data: dict[str, Any]) -> models.Model | None:
        manager = self.kind.model._default_manager
        pk = self.find(self.kind, key)
        if pk is None and self.kind.match and all(data.get(name) for name in self.kind.match):
            matches = list(
                manager.filter(**{name: data[name] for name in self.kind.match}).values_list(
                    "pk", flat=True
                )[:2]
            )
            pk = matches[0] if len(matches) == 1 else None
        return manager.filter(pk=pk).first() if pk is not None else None

    def same(self, data: dict[str, Any], saved: dict[str, Any]) -> bool:
        """Whether the row's values are the record's, compared as values (0.5 is 0.5000)."""
        for column in self.fields:
            if column.name not in data:
                continue
            given, held = data[column.name], saved.get(column.name, "")
            if column.many:
                if {str(pk) for pk in given or ()} != {str(pk) for pk in held or ()}:
                    return False
            elif column.name in self._plain_decimals or isinstance(
                column.kind_field, models.DecimalField
            ):
                try:
                    if Decimal(str(given or 0)) != Decimal(str(held or 0)) or (
                        str(given) == "" != str(held)
                    ):
                        return False
                except ArithmeticError:
                    return False
            elif str(given if given is not None else "") != str(held):
                return False
        return True

    def save_many(self, form: forms.ModelForm, obj: models.Model, *, created: bool) -> None:
        """The record's many-to-many columns (an invention's units) as rows of their explicit
        through model: those it no longer holds deleted now, the new ones written with the file's
        last row in bulk (their change records name both ends without a query each)."""
        for column in self.fields:
            if not column.many:
                continue
            field = column.kind_field
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            wanted = {item.pk: item for item in form.cleaned_data[column.name]}
            held: set[Any] = set()
            if not created:
                held = set(
                    through._default_manager.filter(**{source: obj}).values_list(
                        f"{target}_id", flat=True
                    )
                )
                through._default_manager.filter(
                    **{source: obj, f"{target}__in": held - wanted.keys()}
                ).delete()
            self._links.setdefault(through, []).extend(
                through(**{source: obj, target: wanted[pk]}) for pk in wanted.keys() - held
            )

    def write_links(self) -> None:
        """The many-to-many rows of the whole file, in one logged statement per through model."""
        for through, rows in self._links.items():
            through._default_manager.bulk_create(rows, batch_size=500)
        self._links.clear()

    def _choice(self, name: str, value: Any, instance: models.Model | None) -> Any:
        """The record `value` names among the importer's choices for `name` (or one the record
        already holds: an edit that leaves a field alone never fails), else None."""
        cache_key = (name, str(value))
        queryset = self._choice_querysets[name]
        if cache_key not in self._chosen:
            try:
                self._chosen[cache_key] = queryset.filter(pk=value).first()
            except (ValueError, TypeError, ValidationError):
                self._chosen[cache_key] = None
        found = self._chosen[cache_key]
        if (
            found is None
            and instance is not None
            and str(value) in {str(pk) for pk in held_pks(instance, name)}
        ):
            found = queryset.model._default_manager.filter(pk=value).first()
        return found

    def _clean_choices(self, form: forms.ModelForm, instance: models.Model | None) -> None:
        for name, form_field in form.fields.items():
            if name in self._choice_querysets:
                form_field.clean = partial(self._clean_choice, name, form_field, instance)

    def _clean_choice(
        self, name: str, field: forms.ModelChoiceField, instance: models.Model | None, value: Any
    ) -> Any:
        many = isinstance(field, forms.ModelMultipleChoiceField)
        values = [v for v in (value or []) if v not in ("", None)] if many else [value]
        if (many and not values) or (not many and value in field.empty_values):
            if field.required:
                raise ValidationError(field.error_messages["required"], code="required")
            return [] if many else None
        chosen = []
        for item in values:
            found = self._choice(name, item, instance)
            if found is None:
                message = field.error_messages["invalid_choice"]
                raise ValidationError(message, code="invalid_choice", params={"value": item})
            chosen.append(found)
        return chosen if many else chosen[0]

    def import_row(self, number: int, row: dict[str, str]) -> None:
        key = _plain(row.get("key", "")).strip()
        if not key:
            self.fault(number, "key", _("every row needs a key"))
            return
        data = self.form_data(number, row)
        if data is None:
            return
        instance = self.existing(key, data)
        held: dict[str, Any] = {}
        if instance is not None:
            if self.kind.natural_key and data.get(self.kind.natural_key) == "":
                # A blank reference on a known record: the one valo gave it stays.
                del data[self.kind.natural_key]
            # What the file does not say stays as it is.
            held = _initial(self.kind, instance)
            data = {**{k: v for k, v in held.items() if k not in data}, **data}
        for column in self.fields:
            model_field = column.kind_field
            if data.get(column.name, "") == "" and model_field.has_default():
                if instance is None or not model_field.blank:
                    # Not said: the model's default, as the page's form would propose it.
                    default = model_field.get_default()
                    data[column.name] = ("on" if default else "") if column.boolean else default
        extras = {
            column.extra: _plain(row[column.name]).strip()
            for column in self.columns
            if column.extra is not None and column.name in row
        }
        extra_changes = tuple(
            extra.name for extra, value in extras.items() if extra.differs(instance, value)
        )
        if instance is not None and self.same(data, held) and not extra_changes:
            # Nothing the file says differs from the record: no form, no write (and the record
            # must still be one the importer may change: judged with the others at the end).
            self._written.append((number, instance.pk, "change"))
            self.remember(key, instance)
            self.saved.append((number, instance))
            self.outcomes.append(RowOutcome(number, key, UNCHANGED, str(instance), ()))
            return
        if instance is not None and self.user is not None:
            try:
                check_write(self.user, instance, "change", refresh=False)
            except PermissionDenied as error:
                self.fault(number, "key", str(error))
                return
        form = self.kind.form(data=data, instance=instance)
        self._clean_choices(form, instance)
        if not form.is_valid():
            for name, errors in form.errors.items():
                for error in errors:
                    self.fault(number, name if name != "__all__" else "-", error)
            return
        if instance is not None and not form.has_changed() and not extra_changes:
            self.remember(key, instance)
            self.saved.append((number, instance))
            self.outcomes.append(RowOutcome(number, key, UNCHANGED, str(instance), ()))
            return
        obj = form.save(commit=False)
        obj.save()
        self.save_many(form, obj, created=instance is None)
        for extra, value in extras.items():
            extra.write(obj, value)
        self._written.append((number, obj.pk, "add" if instance is None else "change"))
        if self.kind.on_save is not None:
            self.kind.on_save(obj, form.cleaned_data, self.user)
        self.remember(key, obj)
        self.saved.append((number, obj))
        action = CREATED if instance is None else UPDATED
        changed = () if instance is None else tuple(form.changed_data) + extra_changes
        self.outcomes.append(RowOutcome(number, key, action, str(obj), changed))


CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
ACTION_LABELS = {
    CREATED: gettext_lazy("created"),
    UPDATED: gettext_lazy("updated"),
    UNCHANGED: gettext_lazy("unchanged"),
}


@dataclass(frozen=True)
class RowOutcome:
    row: int
    key: str
    action: str
    record: str
    changed: tuple[str, ...]

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS[self.action])


@dataclass(frozen=True)
class Report:
    kind: ImportKind
    file_name: str
    outcomes: tuple[RowOutcome, ...]
    committed: bool

    def count(self, action: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {action: self.count(action) for action in ACTION_LABELS}


class _Rollback(Exception):
    pass


def rows_of(kind: ImportKind, name: str, stream: BinaryIO) -> list[Row]:
    """The file's records with their headings turned into column codes; an unknown heading is a
    fault (a column the import would ignore would be data dropped silently)."""
    rows = read_rows(name, stream)
    if not rows:
        return rows
    names = header_names(kind)
    faults = []
    renamed: dict[str, str] = {}
    for heading in rows[0][1]:
        if not heading:
            continue
        code = names.get(_folded(heading))
        if code is None:
            faults.append(ImportFault(Path(name).name, 1, heading, _("not a column of this file")))
        renamed[heading] = code or heading
    for number, row in rows:
        if row.get(""):
            message = _("a value in a column with no heading: %(value)s") % {"value": row[""]}
            faults.append(ImportFault(Path(name).name, number, "-", message))
    if faults:
        raise ImportFailed(faults)
    return [(number, {renamed.get(k, k): v for k, v in row.items() if k}) for number, row in rows]


def run(
    kind: ImportKind,
    name: str,
    stream: BinaryIO,
    *,
    user: Any = None,
    commit: bool = True,
) -> Report:
    """Import one file of `kind`, whole or not at all (raises ImportFailed naming every fault).

    With commit=False the import is run and rolled back: the report says what it would do."""
    rows = rows_of(kind, name, stream)
    file_name = Path(name).name
    first_row: dict[str, int] = {}
    twice = []
    for number, row in rows:
        key = _plain(row.get("key", "")).strip()
        if key and key in first_row:
            message = _("the key “%(key)s” is also on row %(row)s: one row per record") % {
                "key": key,
                "row": first_row[key],
            }
            twice.append(ImportFault(file_name, number, "key", message))
        first_row.setdefault(key, number)
    if twice:
        raise ImportFailed(twice)
    current = Run(kind, user, file_name, rows=len(rows))
    try:
        with (
            change_context(
                source="import", user=user, user_name="" if user else f"import {file_name}"
            ),
            notifications_silenced(),
            transaction.atomic(),
            deferred_records(),
        ):
            for number, row in rows:
                current.import_row(number, row)
            current.write_links()
            current.check_written()
            if not current.faults:
                current.write_keys()
            if kind.check is not None and not current.faults:
                for number, column, message in kind.check(current.saved):
                    current.fault(number, column, message)
            if current.faults:
                raise ImportFailed(current.faults)
            if not commit:
                raise _Rollback
    except _Rollback:
        pass
    return Report(kind, file_name, tuple(current.outcomes), commit)


# --- writing ---------------------------------------------------------------------------------


def _initial(kind: ImportKind, instance: models.Model) -> dict[str, Any]:
    """The form's data for a saved record, as a file would give it (keys stay primary keys)."""
    data: dict[str, Any] = {}
    for name, value in model_to_dict(instance, fields=list(kind.fields)).items():
        if isinstance(value, list):
            value = [getattr(item, "pk", item) for item in value]
        elif isinstance(value, bool):
            value = "on" if value else ""
        elif value is None:
            value = ""
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        data[name] = value
    return data


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
            (
                _("Columns"),
                [_("Heading"), _("Code"), _("Required"), _("What it holds"), _("Allowed values")],
                described,
            ),
        ]
    )


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
