"""The letter templates page (staff read each kind's fields, download the template in force, upload
their own) and the generation of a letter on its record."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from valo.core.access import has_capability
from valo.core.bounds import query_year
from valo.core.forms import style_fields
from valo.core.views.capabilities import capability_required
from valo.documents import letters
from valo.documents.models import LetterTemplate
from valo.documents.services import may_change, record_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class TemplateForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Letter"))
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=settings.LANGUAGES)
    file = forms.FileField(label=gettext_lazy("DOCX template"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kind"].choices = [(k.code, k.label) for k in letters.kinds().values()]
        style_fields(self)

    def clean(self) -> dict[str, object]:
        data = super().clean()
        upload = data.get("file")
        kind = letters.kinds().get(str(data.get("kind")))
        if upload is not None and kind is not None:
            if upload.size > settings.VALO_ATTACHMENT_MAX_BYTES:
                self.add_error("file", _("The template is too large."))
            else:
                content = upload.read()
                try:
                    letters.check_template(kind, content)
                except ValidationError as error:
                    self.add_error("file", error)
                data["content"] = content
        return data


@capability_required("documents.letter_templates")
def templates_page(request: HttpRequest) -> HttpResponse:
    form = TemplateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            template = LetterTemplate(
                kind=data["kind"],
                language=data["language"],
                filename=data["file"].name[:200],
                added_by=request.user,
            )
            from django.core.files.base import ContentFile

            template.file.save("template.docx", ContentFile(data["content"]), save=False)
            template.save()
        messages.success(request, _("The template is in force from now on."))
        return HttpResponseRedirect(reverse("documents_letter_templates"))
    held = LetterTemplate.objects.restrict(request.user).order_by("pk").select_related("added_by")
    uploaded = {(t.kind, t.language): t for t in held}
    rows = [
        (kind, [(code, uploaded.get((kind.code, code))) for code, _name in settings.LANGUAGES])
        for kind in letters.kinds().values()
    ]
    return render(
        request,
        "documents/letter_templates.html",
        {"rows": rows, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@capability_required("documents.letter_templates")
def template_download(request: HttpRequest, code: str, language: str) -> HttpResponse:
    kind = letters.kinds().get(code)
    if kind is None or language not in dict(settings.LANGUAGES):
        raise Http404
    response = HttpResponse(letters.current_template(kind, language), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{code}-{language}.docx"'
    return response


def may_generate(kind: letters.LetterKind, record: object, user: object) -> bool:
    if kind.capability:
        return has_capability(user, kind.capability)
    return may_change(record, user)  # type: ignore[arg-type]


@require_POST
@login_required
def generate(request: HttpRequest, label: str, pk: int, code: str) -> HttpResponse:
    kind = letters.kinds().get(code)
    record = record_for(label, pk, request.user, "view")
    if kind is None or record is None or kind not in letters.kinds_for(record):
        raise Http404
    if not may_generate(kind, record, request.user):
        raise PermissionDenied
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        messages.error(request, _("Choose the letter's language."))
        return HttpResponseRedirect(record.get_absolute_url() + "#documents")  # type: ignore[attr-defined]
    options = {}
    if "year" in kind.options:
        options["year"] = query_year(request.POST, default=None)
    made = letters.generate(
        kind, record, user=request.user, language=language, check_access=False, **options
    )
    messages.success(
        request,
        _("%(letter)s generated: %(numbers)s.")
        % {"letter": kind.label, "numbers": ", ".join(d.number for d in made)},
    )
    return HttpResponseRedirect(record.get_absolute_url() + "#documents")  # type: ignore[attr-defined]
