"""Base form: Bootstrap widgets, and related-object choices limited to what the user may see."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.module_loading import import_string

from valo.core.access import choices_for, held_pks


def style_fields(form: forms.BaseForm) -> None:
    """Give every widget its Bootstrap class; choices of people, organisations, families … become
    autocomplete pickers (valo.core.pickers)."""
    from valo.core.pickers import use_pickers

    use_pickers(form)
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple)):
            css = "form-check-input"
        elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()


class DateInput(forms.DateInput):
    """A date as its reader writes it. In English, the browser's date control (its value is ISO).
    A browser writes that control in its own language, not the page's: a French page on an English
    browser would read mm/dd/yyyy; so in French the date is a text field in dd/mm/yyyy (Django's
    French input formats read it, ISO too)."""

    input_type = "date"
    # Where the page is French: the format shown and its hint.
    FRENCH = ("%d/%m/%Y", "jj/mm/aaaa")
    # What a list's filter reads from its address, whatever the reader's language: ISO (the
    # browser's control, the API) or the French field's day first — never month first, so an
    # address written on a French page and opened in English means the same day.
    ADDRESS_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value: Any) -> Any:
        if translation.get_language() == "fr" and isinstance(value, datetime.date):
            return value.strftime(self.FRENCH[0])
        return super().format_value(value)

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        if translation.get_language() == "fr":
            context["widget"]["type"] = "text"
            context["widget"]["attrs"].setdefault("placeholder", self.FRENCH[1])
            context["widget"]["attrs"].setdefault("inputmode", "numeric")
        return context


class ValoModelForm(forms.ModelForm):
    """A model form for a logged model. Validation is the model's own (full_clean).

    `user` is who fills it in: related-object choices are limited to what they may see. None stands
    for the system itself (a command run by the server's administrator), which is not limited.
    """

    # False for a form no one sees (a row of an imported file): no widgets to dress.
    rendered = True

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        for name, field in self.fields.items():
            queryset = getattr(field, "queryset", None)
            if user is not None and queryset is not None and hasattr(queryset, "restrict"):
                field.queryset = choices_for(user, queryset, held_pks(self.instance, name))
            elif user is not None and queryset is not None and queryset.model is get_user_model():
                # A responsible person is a member of the office's staff, not any account.
                field.queryset = import_string(settings.VALO_STAFF_USERS)(queryset)
            if isinstance(field, forms.DateField) and self.rendered:
                field.widget = DateInput()
        if self.rendered:
            style_fields(self)


def model_form(model_class: type, field_names: list[str] | None = None) -> type:
    """A ValoModelForm for `model_class` with these fields, by default its `edit_fields` (the form
    twin of core.api.model_serializer, which takes the same list)."""
    fields = list(field_names if field_names is not None else model_class.edit_fields)
    meta = type("Meta", (), {"model": model_class, "fields": fields})
    return type(f"{model_class.__name__}Form", (ValoModelForm,), {"Meta": meta})
