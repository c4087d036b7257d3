from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from valo.core.forms import style_fields
from valo.documents.models import DocumentKind
from valo.documents.services import validate_upload


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("File"), validators=[validate_upload])
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_(
            "Empty: the file's name. A file with the kind and title of one held is its next version."
        ),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        style_fields(self)
