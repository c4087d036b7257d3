"""One import of one file: rows validated by the kind's form, saved or rolled back whole, reported."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from valo.core.access import get_access, held_pks
from valo.core.changelog import deferred_records
from valo.core.context import change_context, notifications_silenced
from valo.core.imports import ImportFailed, ImportFault, Row, read_rows
from valo.core.models import ImportKey
from valo.core.onboarding.export import notes_headings
from valo.core.onboarding.kinds import Column, ImportKind
from valo.core.onboarding.values import (
    FALSE_WORDS,
    OWN_NUMBER,
    TRUE_WORDS,
    as_date,
    as_decimal,
    choice_words,
    folded,
    header_names,
    plain,
)
from valo.core.permissions import check_write


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
            column.name: choice_words(column) for column in self.columns if column.choices
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
        # Many-to-many rows to write, by through model (Run.save_many).
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
            value = plain(row[column.name])
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
                word = folded(value)
                data[column.name] = "on" if word in TRUE_WORDS else ""
                if word not in TRUE_WORDS | FALSE_WORDS:
                    ok = False
                    self.fault(number, column, _("write yes or no"))
            elif column.choices and value:
                data[column.name] = self._choices[column.name].get(folded(value), value)
            elif isinstance(column.kind_field, models.DateField) and value:
                data[column.name] = as_date(value)
            elif column.name in self._plain_decimals and value:
                data[column.name] = as_decimal(value, column.kind_field)
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
        key = plain(row.get("key", "")).strip()
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
            column.extra: plain(row[column.name]).strip()
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
    rows = read_rows(name, stream, notes=notes_headings())
    if not rows:
        return rows
    names = header_names(kind)
    faults = []
    renamed: dict[str, str] = {}
    for heading in rows[0][1]:
        if not heading:
            continue
        code = names.get(folded(heading))
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
        key = plain(row.get("key", "")).strip()
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
