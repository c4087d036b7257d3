"""Autocomplete pickers: a choice among people, organisations, families, agreements or inventions
is a search box (Tom Select, from the npm registry) fed by `/pick/<model>/?q=`, which answers from the
user's restricted queryset (valo.core.access.choices_for) — never the whole table in the page.

A model offers itself to pickers by naming the fields a picker searches (`picker_fields`). Every form
styled by `style_fields` turns its choices of such models into pickers; the page renders only the
options already chosen, and the form still validates against its own queryset.

A field whose choices are not simply "what the user may see" names a source (`set_source(field,
"internal_units")`, or by convention a unit field of an organisation): an app registers its sources in
its AppConfig (`picker_sources`: (model label, name, dotted path of a function user -> queryset)), so
the suggestions are the field's own choices. A field whose form narrowed its queryset otherwise (a
filter of its own) gets a scope: the queryset's query, kept in the shared cache under the hash of its
pickle, which the picker's address names — the suggestions are then that queryset's records the user
may see. A scope the cache no longer holds falls back to everything the user may see (the form still
refuses a choice outside its queryset)."""

from __future__ import annotations

import hashlib
import pickle
from typing import Any

from django import forms
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.module_loading import import_string

from valo.core.access import choices_for, model_permits
from valo.core.bounds import query_value
from valo.core.search import MAX_LENGTH, distinct, matching

# How many suggestions a picker shows for what was typed.
SUGGESTIONS = 20
# How long a field's scope stays in the shared cache after its form was last shown (a day's work).
SCOPE_SECONDS = 24 * 3600
SCOPE = forms.RegexField(r"^[0-9a-f]{32}$")


class _PickerMixin:
    """Renders only the options already chosen: the rest come from the picker's address."""

    def __init__(self, url: str, *args: Any, source: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self.url, self.source = url, source

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)  # type: ignore[misc]
        queryset = getattr(self.choices, "queryset", None)
        if self.source:
            address = f"{self.url}?source={self.source}"
        elif queryset is not None and queryset.query.has_filters():
            key = remember_scope(queryset)
            address = f"{self.url}?scope={key}" if key else self.url
        else:
            address = self.url
        context["widget"]["attrs"]["data-autocomplete-url"] = address
        return context

    def optgroups(self, name: str, value: Any, attrs: Any = None) -> Any:
        queryset = getattr(self.choices, "queryset", None)
        if queryset is None:
            return super().optgroups(name, value, attrs)  # type: ignore[misc]
        chosen = [v for v in map(str, value) if v.isdigit()]
        everything = self.choices
        self.choices = [] if self.allow_multiple_selected else [("", "—")]  # type: ignore[attr-defined]
        self.choices += [(str(obj.pk), str(obj)) for obj in queryset.filter(pk__in=chosen)]
        try:
            return super().optgroups(name, value, attrs)  # type: ignore[misc]
        finally:
            self.choices = everything


class PickerSelect(_PickerMixin, forms.Select):
    pass


class PickerSelectMultiple(_PickerMixin, forms.SelectMultiple):
    pass


def pickable(model: type) -> bool:
    return bool(getattr(model, "picker_fields", ()))


# Fields of an organisation named so hold a unit of the institution (a laboratory, a school).
UNIT_FIELDS = frozenset({"unit", "units", "owning_units", "organization_unit"})


def set_source(field: forms.Field, source: str) -> None:
    """Make a picker suggest the named source's records (the field's own choices)."""
    if isinstance(field.widget, _PickerMixin):
        field.widget.source = source


def use_pickers(form: forms.BaseForm) -> None:
    """Turn the form's choices of pickable models into pickers (called by style_fields)."""
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None or not pickable(queryset.model):
            continue
        if isinstance(field.widget, (PickerSelect, PickerSelectMultiple, forms.HiddenInput)):
            continue
        if isinstance(field.widget, (forms.CheckboxSelectMultiple, forms.RadioSelect)):
            continue
        url = reverse("pick", args=[queryset.model._meta.label_lower])
        multiple = isinstance(field, forms.ModelMultipleChoiceField)
        label = queryset.model._meta.label_lower
        source = (
            "internal_units" if label == "directory.organization" and name in UNIT_FIELDS else ""
        )
        attrs = {k: v for k, v in field.widget.attrs.items() if k != "size"}
        widget = (PickerSelectMultiple if multiple else PickerSelect)(
            url, attrs=attrs, source=source
        )
        widget.choices = field.choices
        widget.is_required = field.widget.is_required
        field.widget = widget


def remember_scope(queryset: Any) -> str:
    """Keep a narrowed queryset's query for its picker; the key is the hash of its pickle, so every
    showing of the same form shares one entry. "" for a query that does not pickle (the picker then
    suggests what the user may see; the form still refuses a choice outside its queryset)."""
    try:
        data = pickle.dumps(queryset.query)
    except (pickle.PicklingError, TypeError, AttributeError):
        return ""
    key = hashlib.sha256(data).hexdigest()[:32]
    cache = caches["shared"]
    if not cache.touch(f"picker-scope:{key}", SCOPE_SECONDS):
        cache.set(f"picker-scope:{key}", data, SCOPE_SECONDS)
    return key


def scoped(model: type, key: str) -> Any:
    """The model's records a remembered scope names, or None when the cache no longer holds it.
    Only what valo wrote is unpickled: the address carries the key, never the query."""
    data = caches["shared"].get(f"picker-scope:{key}")
    if data is None:
        return None
    query = pickle.loads(data)
    if query.model is not model:
        return None
    rows = model._default_manager.all()
    rows.query = query
    return rows


def sources() -> dict[tuple[str, str], str]:
    from valo.core.registry import valo_apps

    return {
        (label.lower(), name): dotted
        for config in valo_apps()
        for label, name, dotted in getattr(config, "picker_sources", ())
    }


@login_required
def pick(request: HttpRequest, label: str) -> JsonResponse:
    """The suggestions for what was typed: records of the model the user may pick, best first."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as error:
        raise Http404 from error
    if not pickable(model) or not model_permits(request.user, model, "view"):
        raise Http404
    query = query_value(request.GET, "q", forms.CharField(max_length=MAX_LENGTH), "")
    source = query_value(request.GET, "source", forms.SlugField(max_length=60), "")
    scope = query_value(request.GET, "scope", SCOPE, "")
    if source:
        found_source = sources().get((model._meta.label_lower, source))
        if found_source is None:
            raise Http404
        rows = import_string(found_source)(request.user)
    else:
        narrowed = scoped(model, scope) if scope else None
        base = narrowed if narrowed is not None else model._default_manager.all()
        rows = choices_for(request.user, base)
    if query:
        rows = matching(rows, model.picker_fields, query)
    found = distinct(rows).order_by(*model._meta.ordering or ["pk"])[:SUGGESTIONS]
    return JsonResponse({"results": [{"value": str(o.pk), "text": str(o)} for o in found]})
