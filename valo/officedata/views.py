"""The page that imports an office file into the analytic store and shows the import's progress."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from valo.core.views.capabilities import capability_required
from valo.officedata import jobs


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Office file"),
        help_text=gettext_lazy(
            "An INPI weekly zip or XML file, an EPO OPS response, or a Lens.org CSV export."
        ),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > settings.VALO_OFFICEDATA_MAX_BYTES:
            raise forms.ValidationError(
                _("%(size)s bytes, more than the %(limit)s an import reads: split it.")
                % {"size": upload.size, "limit": settings.VALO_OFFICEDATA_MAX_BYTES}
            )
        return upload


@capability_required("officedata.import")
def import_page(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = jobs.start(form.cleaned_data["file"], request.user.get_username())
        return HttpResponseRedirect(reverse("officedata_job", args=[job]))
    return render(request, "officedata/import.html", {"form": form})


@capability_required("officedata.import")
def job_page(request: HttpRequest, job: str) -> HttpResponse:
    """The job's state; polled by the page itself (htmx) while the import runs."""
    found = jobs.state(job)
    if found is None:
        raise Http404
    done, total = found.get("done") or 0, found.get("total")
    rate = found.get("rate") or 0
    context = {
        "job": job,
        "state": found,
        "percent": min(100, int(100 * done / total)) if total else None,
        "left": int((total - done) / rate) if total and rate and total > done else None,
    }
    template = (
        "officedata/_job.html" if request.headers.get("HX-Request") else "officedata/job.html"
    )
    return render(request, template, context)
