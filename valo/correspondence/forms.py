"""The user's choices: the language of their e-mails, and how each event type reaches them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from valo.core.forms import style_fields
from valo.core.registry import event_types
from valo.correspondence.models import Delivery


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of e-mails"),
        choices=[("", _("The site's language")), *settings.LANGUAGES],
        required=False,
    )

    def __init__(self, *args: Any, current: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, event in event_types().items():
            self.fields[f"event:{code}"] = forms.ChoiceField(
                label=event.label, choices=Delivery.choices, initial=current.get(code)
            )
        style_fields(self)

    def event_fields(self) -> list[Any]:
        return [self[name] for name in self.fields if name.startswith("event:")]

    def choices(self) -> dict[str, str]:
        return {
            name.split(":", 1)[1]: value
            for name, value in self.cleaned_data.items()
            if name.startswith("event:")
        }
