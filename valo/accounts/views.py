"""Pages of accounts: the account requests the office decides, and what an unknown person is told."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from valo.accounts.filtersets import AccountRequestFilterSet
from valo.accounts.models import AccountRequest, RequestState
from valo.core.permissions import check_write
from valo.core.tables import Column
from valo.core.views.generic import ObjectChangeLogView, ObjectDetailView, ObjectListView
from valo.directory.models import Affiliation, Person


class AccountRequestMixin:
    model = AccountRequest
    url_base = "accounts_request"
    # Made by a sign-in, never by hand.
    addable = False


class AccountRequestListView(AccountRequestMixin, ObjectListView):
    filterset_class = AccountRequestFilterSet
    columns = [
        Column("created", gettext_lazy("Asked on"), link=True),
        Column("first_name", gettext_lazy("First name")),
        Column("last_name", gettext_lazy("Last name")),
        Column("email", gettext_lazy("E-mail")),
        Column("provider", gettext_lazy("Identity provider")),
        Column("school", gettext_lazy("School")),
        Column("state", gettext_lazy("State")),
    ]

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().select_related("school")


class AccountRequestDetailView(AccountRequestMixin, ObjectDetailView):
    template_name = "accounts/request_detail.html"

    def extra_context(self, obj: Any) -> dict[str, Any]:
        people = Person.objects.restrict(self.request.user).filter(email__iexact=obj.email)
        return {"same_email": people[:5] if obj.email else []}


class AccountRequestChangeLogView(AccountRequestMixin, ObjectChangeLogView):
    pass


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Give the account (the person made from the request, in its school, unless one is named)
    or refuse it. The account itself is made at the person's next sign-in."""
    wanted = get_object_or_404(AccountRequest.objects.restrict(request.user, "change"), pk=pk)
    if wanted.state != RequestState.PENDING:
        messages.error(request, _("This request was decided already."))
        return HttpResponseRedirect(wanted.get_absolute_url())
    with transaction.atomic():
        if request.POST.get("decision") == "refuse":
            wanted.state = RequestState.REFUSED
            wanted.note = request.POST.get("note", "")[:2000]
            wanted.save()
            messages.success(request, _("The request is refused."))
            return HttpResponseRedirect(wanted.get_absolute_url())
        if request.POST.get("decision") != "approve":
            raise Http404
        chosen = request.POST.get("person", "")
        person = (
            Person.objects.restrict(request.user, "change").filter(pk=chosen).first()
            if chosen.isdigit()
            else None
        )
        if person is None:
            person = Person.objects.create(
                first_name=wanted.first_name or wanted.email,
                last_name=wanted.last_name or "-",
                email=wanted.email or None,
            )
            if wanted.school is not None:
                Affiliation.objects.create(
                    person=person,
                    organization=wanted.school,
                    status="external" if not wanted.affiliation else _status(wanted.affiliation),
                    start=wanted.created.date(),
                )
        elif not person.email and wanted.email:
            person.email = wanted.email
            person.save()
        check_write(request.user, person, "change")
        wanted.person = person
        wanted.state = RequestState.APPROVED
        wanted.save()
    messages.success(
        request,
        _("%(person)s may now sign in with %(provider)s.")
        % {"person": person, "provider": wanted.provider},
    )
    return HttpResponseRedirect(wanted.get_absolute_url())


def _status(affiliation: str) -> str:
    """eduPersonAffiliation's words, as the directory's statuses."""
    words = affiliation.lower()
    if "faculty" in words:
        return "teacher_researcher"
    if "researcher" in words:
        return "permanent_researcher"
    if "student" in words:
        return "doctoral_student"
    return "external"


def request_sent(request: HttpRequest, state: str) -> HttpResponse:
    """What someone the directory does not know is told after signing in at their provider."""
    if state not in RequestState.values:
        raise Http404
    return render(request, "accounts/request_sent.html", {"state": state})
