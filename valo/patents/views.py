"""Pages of the portfolio: families, applications and their parts, the deadline board, the renewal
budget, and the personal calendar feed."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from valo.core import agenda
from valo.core.access import has_capability, model_permits
from valo.core.context import change_context
from valo.core.tables import Column
from valo.core.views.capabilities import capability_required
from valo.core.views.generic import (
    BulkEditView,
    ObjectChangeLogView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)
from valo.officedata.records import OfficeDataError
from valo.patents import closures, engine, forms, handoff, importers, renewals, services
from valo.patents.filtersets import DeadlineFilterSet, PatentFamilyFilterSet
from valo.patents.forecast import forecast
from valo.patents.models import (
    ApplicationOwner,
    CalendarFeed,
    ClosedDay,
    Cost,
    Deadline,
    LegalEvent,
    PatentApplication,
    PatentFamily,
    PriorityClaim,
    Validation,
)
from valo.patents.reminders import calendar_feed


class FamilyMixin:
    model = PatentFamily
    url_base = "patents_family"


class FamilyListView(FamilyMixin, ObjectListView):
    filterset_class = PatentFamilyFilterSet
    columns = [
        Column("reference", gettext_lazy("Reference"), link=True),
        Column("title", gettext_lazy("Title"), link=True),
        Column("unit", gettext_lazy("Owning unit")),
        Column("offices", gettext_lazy("Offices")),
        Column("invention.reference", gettext_lazy("Invention")),
        Column("inpadoc_family_id", gettext_lazy("INPADOC family")),
    ]

    def get_queryset(self) -> models.QuerySet:
        return (
            super()
            .get_queryset()
            .select_related("unit", "invention")
            .prefetch_related("applications")
        )


class FamilyDetailView(FamilyMixin, ObjectDetailView):
    template_name = "patents/family_detail.html"

    def extra_context(self, obj: Any) -> dict[str, Any]:
        applications = obj.applications.prefetch_related(
            "owners__organization", "priority_claims", "classes", "inventors"
        ).order_by("filing_date", "id")
        deadlines = list(
            Deadline.objects.restrict(self.request.user)
            .filter(application__family=obj, state="open")
            .select_related("application", "rule", "responsible", "validation")
            .prefetch_related(
                "application__priority_claims", "application__validations", "opinions__person"
            )[:60]
        )
        rules = engine.load_rules()
        calendars = engine.load_calendars(rules)
        for deadline in deadlines:
            deadline.explanation = engine.explain(deadline, rules, calendars)
        return {
            "applications": applications.prefetch_related("validations"),
            "deadlines": deadlines,
            "costs": Cost.objects.restrict(self.request.user)
            .filter(application__family=obj)
            .select_related("application"),
            "events": LegalEvent.objects.restrict(self.request.user)
            .filter(application__family=obj)
            .select_related("application")
            .order_by("-date")[:50],
        }


class FamilyEditView(FamilyMixin, ObjectEditView):
    form_class = forms.PatentFamilyForm


class FamilyDeleteView(FamilyMixin, ObjectDeleteView):
    pass


class FamilyChangeLogView(FamilyMixin, ObjectChangeLogView):
    pass


class RecomputingEditView(ObjectEditView):
    """An edit of something the deadlines depend on: they are recomputed with the save."""

    url_base = "patents_family"
    on_save = staticmethod(services.recompute_deadlines)


class ApplicationEditView(RecomputingEditView):
    """An application; a new one of a family is proposed as its next filing (the first: a first
    filing at INPI; the others: filings claiming the first's priority, in its language, by its
    attorney), and takes the first filing's applicants and inventors (services.save_application)."""

    model = PatentApplication
    form_class = forms.PatentApplicationForm
    on_save = staticmethod(services.save_application)

    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        family_pk = initial.get("family", "")
        family = (
            PatentFamily.objects.restrict(self.request.user).filter(pk=family_pk).first()
            if str(family_pk).isdigit()
            else None
        )
        if family is None:
            return initial
        first = services.first_filing(family)
        if first is None:
            return {"office": "FR", "route": "first_filing", **initial}
        proposed = {
            "route": "priority_filing",
            "language": first.language,
            "attorney_firm": first.attorney_firm,
            "title": first.title,
        }
        return {**proposed, **initial}


class PriorityEditView(RecomputingEditView):
    model = PriorityClaim
    form_class = forms.PriorityClaimForm


class ValidationEditView(RecomputingEditView):
    """A validation after grant: its national renewals (or the unitary ones) are computed."""

    model = Validation
    form_class = forms.ValidationForm


class OwnerEditView(ObjectEditView):
    model = ApplicationOwner
    url_base = "patents_family"
    form_class = forms.OwnerForm


class CostEditView(ObjectEditView):
    model = Cost
    url_base = "patents_family"
    form_class = forms.CostForm


# How far ahead the board lists what other apps have due (contract obligations, authorisations).
AGENDA_DAYS = 180


class DeadlineBoardView(ObjectListView):
    model = Deadline
    url_base = "patents_deadline"
    filterset_class = DeadlineFilterSet
    template_name = "patents/deadline_board.html"
    columns = [
        Column("due_date", gettext_lazy("Due"), link=True),
        Column("days_left", gettext_lazy("Days left")),
        Column("local_label", gettext_lazy("What"), link=True),
        Column("application", gettext_lazy("Application")),
        Column("application.family.reference", gettext_lazy("Family")),
        Column("grace_end", gettext_lazy("End of grace period")),
        Column("state", gettext_lazy("State")),
        Column("renewal_decision", gettext_lazy("Renewal decision")),
        Column("responsible", gettext_lazy("Responsible")),
        Column("rule.local_source", gettext_lazy("Rule and source")),
        Column("rule.calendar_label", gettext_lazy("Calendar")),
    ]

    default_filters = {"state": "open", "ordering": "due_date"}
    # Tick deadlines to give them a responsible person or mark them done (each change logged).
    bulk_edit = True
    # Urgency colours: overdue red, within 7 days amber, within 30 days blue.
    URGENCY_CLASSES = {"overdue": "table-danger", "week": "table-warning", "month": "table-info"}

    def row_class(self, obj: Deadline) -> str:
        return self.URGENCY_CLASSES.get(obj.urgency, "")

    def get_queryset(self) -> models.QuerySet:
        return (
            super()
            .get_queryset()
            .select_related("application__family", "rule", "validation", "responsible")
        )

    def extra_context(self) -> dict[str, Any]:
        """What other apps have due in the next months (contract obligations, authorisations…)."""
        until = timezone.localdate() + datetime.timedelta(days=AGENDA_DAYS)
        unassigned = (
            Deadline.objects.restrict(self.request.user)
            .filter(state="open", responsible__isnull=True)
            .exclude(rule__informational=True)
            .count()
        )
        return {
            "other_due": agenda.due_items(self.request.user, until),
            "agenda_days": AGENDA_DAYS,
            "unassigned": unassigned,
        }


class DeadlineBulkEditView(BulkEditView):
    model = Deadline
    url_base = "patents_deadline"
    form_class = forms.DeadlineBulkEditForm


class DeadlineEditView(ObjectEditView):
    model = Deadline
    url_base = "patents_deadline"
    form_class = forms.DeadlineForm

    def success_url(self, obj: Any) -> str:
        return reverse("patents_deadline_list")


@capability_required("patents.view_deadline")
def budget(request: HttpRequest) -> HttpResponse:
    """The official renewal fees still due this year and in the next five, per school, with what
    drops save."""
    result = forecast(Deadline.objects.restrict(request.user))
    totals = [result.total(year) for year in result.years]
    peak = max([*totals, 1])
    bars = [
        {
            "year": label,
            "total": total,
            "height": int(160 * total / peak),
            "y": 185 - int(160 * total / peak),
            "x": 30 + i * 80,
        }
        for i, (label, total) in enumerate(zip(result.labels, totals, strict=True))
    ]
    rows = [(school, result.row(school)) for school in result.schools]
    return render(
        request,
        "patents/budget.html",
        {"forecast": result, "bars": bars, "rows": rows, "totals": totals},
    )


@capability_required("patents.view_closedday")
def closures_page(request: HttpRequest) -> HttpResponse:
    """The closure days recorded per office and year, and (administrators) next year's list."""
    can_add = has_capability(request.user, "patents.add_closedday")
    form = forms.ClosureListForm(request.POST or None) if can_add else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            result = closures.record(
                closures.ClosureList(data["office"], data["year"], data["source"], data["parsed"])
            )
            messages.success(
                request,
                _("%(added)s days recorded; %(moved)s deadlines moved.")
                % {"added": result["added"], "moved": result["updated"]},
            )
            return HttpResponseRedirect(reverse("patents_closures"))
    years: dict[tuple[str, int], list[ClosedDay]] = {}
    for day in ClosedDay.objects.restrict(request.user).order_by("office", "-day"):
        years.setdefault((day.office, day.day.year), []).append(day)
    listed = [
        (office, year, sorted(days, key=lambda d: d.day)) for (office, year), days in years.items()
    ]
    return render(request, "patents/closures.html", {"form": form, "listed": listed})


@capability_required("patents.calendar")
def calendar_page(request: HttpRequest) -> HttpResponse:
    """The month's deadlines, meetings and other things due, day by day, and the feed's address."""
    from django import forms as django_forms

    from valo.core.bounds import query_value, query_year
    from valo.patents.reminders import month_items

    feed = CalendarFeed.objects.restrict(request.user).first()
    url = request.build_absolute_uri(feed.get_absolute_url()) if feed else ""
    today = timezone.localdate()
    year = query_year(request.GET, default=today.year)
    month = query_value(
        request.GET, "month", django_forms.IntegerField(min_value=1, max_value=12), today.month
    )
    first = datetime.date(year, month, 1)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "patents/calendar.html",
        {
            "feed": feed,
            "url": url,
            "month": first,
            "days": month_items(request.user, year, month),
            "previous": previous,
            "following": following,
            "today": today,
        },
    )


@require_POST
@capability_required("patents.calendar")
def calendar_renew(request: HttpRequest) -> HttpResponse:
    """Issue a new secret address (the old one stops working), or revoke it."""
    with transaction.atomic():
        CalendarFeed.objects.restrict(request.user, "delete").delete()
        if "revoke" not in request.POST:
            CalendarFeed.objects.create(user=request.user)
    messages.success(request, _("Your calendar address was updated."))
    return HttpResponseRedirect(reverse("patents_calendar"))


def calendar_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself: the secret address is the credential (calendar apps cannot log in)."""
    feed = CalendarFeed.for_token(token)
    if feed is None:
        raise Http404
    return HttpResponse(calendar_feed(feed.user), content_type="text/calendar; charset=utf-8")


@login_required
def office_action(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an office action received on one of the family's applications: its letter on the
    family, its reply's deadline on the application."""
    family = get_object_or_404(PatentFamily.objects.restrict(request.user, "change"), pk=pk)
    form = forms.OfficeActionForm(request.POST or None, request.FILES or None, family=family)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        document, deadline = services.record_office_action(
            data["application"],
            data["file"],
            received_on=data["received_on"],
            reply_by=data["reply_by"],
            note=data["note"],
            user=request.user,
        )
        messages.success(
            request,
            _("%(number)s kept; the reply is due on %(due)s.")
            % {"number": document.number, "due": date_format(deadline.due_date, "DATE_FORMAT")},
        )
        return HttpResponseRedirect(family.get_absolute_url() + "#documents")
    return render(
        request,
        "patents/office_action.html",
        {"form": form, "family": family},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def renewal_consult(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask the family's inventors whether to keep the renewal (their answers show on the family)."""
    deadline = get_object_or_404(
        Deadline.objects.restrict(request.user, "change").filter(year__isnull=False), pk=pk
    )
    asked = renewals.consult(deadline, request.user)
    with_account = sum(1 for opinion in asked if opinion.person.user_id)
    if not asked:
        messages.warning(request, _("This family has no inventor recorded to ask."))
    else:
        messages.success(
            request,
            _("%(count)s inventors asked (%(mailed)s with an account are sent the question).")
            % {"count": len(asked), "mailed": with_account},
        )
    family = deadline.application.family
    return HttpResponseRedirect(family.get_absolute_url() + f"#deadline-{deadline.pk}")


def renewal_opinion(request: HttpRequest, token: str) -> HttpResponse:
    """The inventor's answer, by the signed link they were sent (the link is the credential)."""
    opinion = renewals.opinion_for_token(token)
    if opinion is None:
        raise Http404
    deadline = opinion.deadline
    decided = bool(deadline.renewal_decision) or deadline.state != "open"
    form = forms.RenewalOpinionForm(request.POST or None, instance=opinion)
    if request.method == "POST" and not decided and form.is_valid():
        with change_context(source="web", user_name=f"{opinion.person} (answer link)"):
            renewals.answer(opinion, form.cleaned_data["opinion"], form.cleaned_data["comment"])
        messages.success(request, _("Thank you: your opinion is recorded."))
        return HttpResponseRedirect(request.path)
    return render(
        request,
        "patents/renewal_opinion.html",
        {"opinion": opinion, "deadline": deadline, "form": form, "decided": decided},
        status=400 if request.method == "POST" and not decided else 200,
    )


@login_required
def family_from_invention(request: HttpRequest, pk: int) -> HttpResponse:
    """Create the patent family and first application of an invention decided for a patent."""
    from valo.inventions.models import Invention

    invention = get_object_or_404(Invention.objects.restrict(request.user), pk=pk)
    if not handoff.can_protect(invention):
        raise Http404
    form = forms.FamilyFromInventionForm(
        request.POST or None, user=request.user, initial=handoff.suggested(invention)
    )
    if request.method == "POST" and form.is_valid():
        try:
            family = handoff.create_family(invention, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Patent family %(reference)s created; the invention is protected.")
                % {"reference": family.reference},
            )
            return HttpResponseRedirect(family.get_absolute_url())
    return render(
        request,
        "patents/family_from_invention.html",
        {"form": form, "invention": invention},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def portfolio_import(request: HttpRequest) -> HttpResponse:
    """Bring families in from the offices' data: numbers in, a report of what was created,
    updated and left for review out (valo.patents.importers.import_portfolio)."""
    if not model_permits(request.user, PatentFamily, "add"):
        raise Http404
    form = forms.PortfolioImportForm(request.POST or None, user=request.user)
    report = None
    if request.method == "POST" and form.is_valid():
        directory = (
            Path(settings.VAR_DIR) / "officedata" / "ops" / f"{timezone.now():%Y%m%d-%H%M%S}"
        )
        try:
            report = importers.import_portfolio(
                form.cleaned_data["numbers"],
                unit=form.cleaned_data["unit"],
                directory=directory,
                user=request.user,
            )
        except (ImproperlyConfigured, OfficeDataError) as error:
            form.add_error(None, str(error))
    return render(
        request,
        "patents/portfolio_import.html",
        {"form": form, "report": report},
        status=400 if request.method == "POST" and report is None else 200,
    )
