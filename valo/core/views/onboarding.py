"""The onboarding pages: each registered kind's template, upload with a preview before anything is
written — the preview and the import each a job of the queue (valo.core.onboarding.jobs), followed on
the page — and export in the same format (valo.core.onboarding)."""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from valo.core import onboarding
from valo.core.bounds import query_value
from valo.core.exports import EXPORT_FORMATS, XLSX_TYPE, table_response
from valo.core.onboarding import jobs as onboarding_jobs

PENDING = "imports/pending"
SALT = "valo.onboarding.pending"
# A preview's file waits this long for its confirmation (seconds).
PENDING_SECONDS = 3600


def _kind(request: HttpRequest, code: str) -> onboarding.ImportKind:
    """The kind, if the user may bring its records in; 404 otherwise (as for a record)."""
    kind = onboarding.kinds().get(code)
    if kind is None or not onboarding.permitted(request.user, kind):
        raise Http404
    return kind


@login_required
def imports_home(request: HttpRequest) -> HttpResponse:
    """Every kind the user may import, in the order a first import takes them."""
    shown = [
        kind for kind in onboarding.kinds().values() if onboarding.permitted(request.user, kind)
    ]
    if not shown:
        raise Http404
    return render(
        request,
        "core/onboarding.html",
        {"kinds": shown, "languages": settings.LANGUAGES, "formats": ("csv", "xlsx")},
    )


@login_required
def template_download(request: HttpRequest, code: str) -> HttpResponse:
    """The kind's template in the language asked (the page's by default)."""
    kind = _kind(request, code)
    language = query_value(
        request.GET,
        "language",
        forms.ChoiceField(choices=settings.LANGUAGES),
        translation.get_language(),
    )
    with translation.override(language):
        content = onboarding.template_workbook(kind)
        name = f"valo-{kind.code}-{_('template')}-{language}.xlsx"
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def export_download(request: HttpRequest, code: str) -> HttpResponse:
    """What the user may see of the kind, in the template's format (importing it changes nothing)."""
    kind = _kind(request, code)
    fmt = query_value(
        request.GET, "format", forms.ChoiceField(choices=[(f, f) for f in EXPORT_FORMATS]), "xlsx"
    )
    headings, rows = onboarding.exported(kind, request.user)
    return table_response(headings, rows, fmt, f"valo-{kind.code}")


def _report_page(
    request: HttpRequest,
    kind: onboarding.ImportKind,
    *,
    report: Any = None,
    faults: list[Any] | None = None,
    token: str = "",
    job: str = "",
    state: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "kind": kind,
        "columns": kind.columns(),
        "report": report,
        "faults": faults or [],
        "token": token,
        "job": job,
        "state": state,
        "languages": settings.LANGUAGES,
    }
    if job and request.headers.get("HX-Request"):
        return render(request, "core/includes/onboarding_job.html", context)
    return render(request, "core/onboarding_kind.html", context, status=status)


@login_required
def import_kind(request: HttpRequest, code: str) -> HttpResponse:
    """GET: the kind's columns and the upload. POST a file: its preview (nothing written) as a job
    of the queue, whose page offers the confirmation that imports the same file."""
    kind = _kind(request, code)
    if request.method != "POST":
        return _report_page(request, kind)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to import."))
        return _report_page(request, kind, status=400)
    _forget_stale_previews()
    suffix = Path(upload.name).suffix.lower()
    stored = default_storage.save(f"{PENDING}/{uuid.uuid4().hex}{suffix}", upload)
    job = onboarding_jobs.start(kind, upload.name, stored, request.user, commit=False)
    return HttpResponseRedirect(reverse("onboarding_job", args=[kind.code, job]))


def _forget_stale_previews() -> None:
    """Delete the files of previews never confirmed (their tokens have expired)."""
    limit = timezone.now() - datetime.timedelta(seconds=PENDING_SECONDS)
    try:
        _folders, names = default_storage.listdir(PENDING)
    except FileNotFoundError:
        return
    for name in names:
        path = f"{PENDING}/{name}"
        if default_storage.get_modified_time(path) < limit:
            default_storage.delete(path)


@login_required
def import_job(request: HttpRequest, code: str, job: str) -> HttpResponse:
    """A preview's or an import's job: its state while it runs (the page polls it), then its
    report — with, for a preview, the confirmation — or its faults. Its user's only."""
    kind = _kind(request, code)
    found = onboarding_jobs.state(job)
    if found is None or found.get("user") != request.user.pk or found.get("kind") != kind.code:
        raise Http404
    report = onboarding_jobs.report(found)
    token = ""
    if report is not None and not report.committed:
        token = signing.dumps(
            {
                "path": found["path"],
                "name": found["file"],
                "kind": kind.code,
                "user": request.user.pk,
            },
            salt=SALT,
        )
    return _report_page(
        request,
        kind,
        report=report,
        faults=found.get("faults"),
        token=token,
        job=job,
        state=found,
    )


@login_required
@require_POST
def import_confirm(request: HttpRequest, code: str) -> HttpResponse:
    """Import the previewed file for good, as a job (checked again: the data may have changed)."""
    kind = _kind(request, code)
    try:
        pending = signing.loads(request.POST.get("token", ""), salt=SALT, max_age=PENDING_SECONDS)
    except signing.BadSignature:
        messages.error(request, _("This preview has expired: upload the file again."))
        return _report_page(request, kind, status=400)
    if pending.get("user") != request.user.pk or pending.get("kind") != kind.code:
        raise Http404
    path = pending["path"]
    if not default_storage.exists(path):
        messages.error(request, _("This preview has expired: upload the file again."))
        return _report_page(request, kind, status=400)
    job = onboarding_jobs.start(kind, pending["name"], path, request.user, commit=True)
    return HttpResponseRedirect(reverse("onboarding_job", args=[kind.code, job]))
