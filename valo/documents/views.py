"""Adding a document to a record and downloading one: both through the record's own permissions
(what one may not see is 404); every download is recorded."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from valo.documents.forms import DocumentForm
from valo.documents.models import Document, DocumentDownload
from valo.documents.services import attach, record_for


def _label(record: object) -> str:
    meta = record._meta  # type: ignore[attr-defined]
    return f"{meta.app_label}.{meta.model_name}"


@login_required
def add(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    record = record_for(label, pk, request.user, "change")
    if record is None:
        raise Http404
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        document = attach(
            record,
            data["file"],
            kind=data["kind"],
            title=data["title"],
            note=data["note"],
            user=request.user,
        )
        messages.success(
            request,
            _("%(number)s added: %(title)s, version %(version)s.")
            % {"number": document.number, "title": document.title, "version": document.version},
        )
        return HttpResponseRedirect(record.get_absolute_url() + "#documents")  # type: ignore[attr-defined]
    return render(
        request,
        "documents/add.html",
        {"form": form, "record": record, "label": _label(record)},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    """Served by valo after the record's check, never straight from the disk; recorded."""
    document = get_object_or_404(Document.objects.restrict(request.user), pk=pk)
    DocumentDownload.objects.create(document=document, user=request.user)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename)


def panel_context(record: object, user: object) -> dict[str, object]:
    from valo.documents.letter_views import may_generate
    from valo.documents.letters import kinds_for
    from valo.documents.services import documents_of, may_change

    ct = ContentType.objects.get_for_model(record)  # type: ignore[arg-type]
    return {
        "letters": [k for k in kinds_for(record) if may_generate(k, record, user)],
        "languages": settings.LANGUAGES,
        "LANGUAGE_CODE": translation.get_language(),
        "letter_year": timezone.localdate().year - 1,
        "record": record,
        "label": f"{ct.app_label}.{ct.model}",
        "documents": documents_of(record, user),  # type: ignore[arg-type]
        "can_add": may_change(record, user),  # type: ignore[arg-type]
        "form": DocumentForm(),
    }
