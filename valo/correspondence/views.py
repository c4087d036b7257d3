"""The user's notifications (the in-app list), their choices, and the record of e-mails sent."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from valo.core.registry import event_types
from valo.correspondence.events import delivery_for, mark_read
from valo.correspondence.forms import PreferencesForm
from valo.correspondence.models import Correspondent, Mail, MailStatus, Notification, Preference

PAGE_SIZE = 50


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    rows = Notification.objects.restrict(request.user)
    unread_only = request.GET.get("unread") == "1"
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    labels = {code: event.label for code, event in event_types().items()}
    return render(
        request,
        "correspondence/notification_list.html",
        {
            "page_obj": page,
            "rows": [(n, labels.get(n.event, n.event)) for n in page],
            "unread_only": unread_only,
            "query": "unread=1" if unread_only else "",
            "unread": Notification.objects.restrict(request.user)
            .filter(read_at__isnull=True)
            .count(),
        },
    )


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification to its record, marking it read."""
    notification = get_object_or_404(Notification.objects.restrict(request.user), pk=pk)
    mark_read(Notification.objects.restrict(request.user, "change").filter(pk=pk), request.user)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        target = reverse("correspondence_notification_list")
    return HttpResponseRedirect(target)


@require_POST
@login_required
def notification_mark_read(request: HttpRequest) -> HttpResponse:
    count = mark_read(Notification.objects.restrict(request.user, "change"), request.user)
    messages.success(request, _("%(count)s notifications marked read.") % {"count": count})
    return HttpResponseRedirect(reverse("correspondence_notification_list"))


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = request.user
    current = {code: delivery_for(user, code) for code in event_types()}
    correspondent = Correspondent.objects.restrict(user).first()
    form = PreferencesForm(
        request.POST or None,
        current=current,
        initial={"language": correspondent.language if correspondent else ""},
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            Correspondent.objects.update_or_create(
                user=user, defaults={"language": form.cleaned_data["language"]}
            )
            for code, delivery in form.choices().items():
                if delivery != current[code]:
                    Preference.objects.update_or_create(
                        user=user, event=code, defaults={"delivery": delivery}
                    )
        messages.success(request, _("Your notification settings were saved."))
        return HttpResponseRedirect(reverse("correspondence_preferences"))
    return render(request, "correspondence/preferences.html", {"form": form})


@login_required
def mail_list(request: HttpRequest) -> HttpResponse:
    """The e-mails valo sent or tried to send: one's own; every one for administrators."""
    rows = Mail.objects.restrict(request.user).select_related("recipient")
    status = request.GET.get("status", "")
    if status in MailStatus.values:
        rows = rows.filter(status=status)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "correspondence/mail_list.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": MailStatus.choices,
            "query": f"status={status}" if status in MailStatus.values else "",
            "now": timezone.now(),
        },
    )
