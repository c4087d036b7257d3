"""Pages of agreements: list, detail with all its parts, edit forms, ending, statements, notices,
and the contracting-time figures."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from valo.agreements import coownership, followup, forms, services
from valo.agreements.choices import AgreementKind
from valo.agreements.filtersets import AgreementFilterSet, ObligationFilterSet
from valo.agreements.models import Agreement, CoOwnershipNotice, Obligation, RoyaltyStatement
from valo.agreements.royalties import statement_due
from valo.core.access import model_permits
from valo.core.permissions import check_write
from valo.core.tables import Column
from valo.core.views.capabilities import capability_required
from valo.core.views.generic import (
    ObjectChangeLogView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)
from valo.patents.models import PatentApplication, PatentFamily


class AgreementMixin:
    model = Agreement
    url_base = "agreements_agreement"


class AgreementListView(AgreementMixin, ObjectListView):
    filterset_class = AgreementFilterSet
    columns = [
        Column("reference", gettext_lazy("Reference"), link=True),
        Column("title", gettext_lazy("Title"), link=True),
        Column("kind", gettext_lazy("Kind")),
        Column("partner", gettext_lazy("Partner")),
        Column("partner.size_category", gettext_lazy("Partner size"), code=True),
        Column("unit", gettext_lazy("Unit")),
        Column("requested_on", gettext_lazy("Requested")),
        Column("signed_on", gettext_lazy("Signed")),
        Column("contracting_days", gettext_lazy("Days to sign")),
        Column("amount", gettext_lazy("Amount")),
        Column("carnot", gettext_lazy("Carnot")),
    ]

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().select_related("partner", "unit", "carnot")


class AgreementDetailView(AgreementMixin, ObjectDetailView):
    template_name = "agreements/agreement_detail.html"

    def extra_context(self, obj: Any) -> dict[str, Any]:
        statements = [(s, statement_due(s)) for s in obj.statements.all()]
        today = timezone.localdate()
        user = self.request.user
        return {
            # What the licensee owes and has not given (statements, royalties), as of today.
            "statements_owed": followup.statements_owed(user, today, today, obj),
            "payments_owed": followup.payments_owed(user, today, obj),
            "licence": getattr(obj, "licence", None),
            "tiers": obj.royalty_tiers.all(),
            "statements": statements,
            "payments": obj.payments.all(),
            "obligations": obj.obligations.all(),
            "inventions": obj.invention_links.select_related("invention"),
            "families": obj.family_links.select_related("family"),
            "software": obj.software_links.select_related("software"),
            "know_how": obj.know_how_links.select_related("know_how"),
            "parties": obj.parties.select_related("organization"),
            "end_form": forms.EndForm(),
        }


class AgreementEditView(AgreementMixin, ObjectEditView):
    form_class = forms.AgreementForm


class AgreementChangeLogView(AgreementMixin, ObjectChangeLogView):
    pass


def part_view(form: type) -> type:
    """The add/edit page of an agreement's component (linked results, terms, tiers, statements…)."""
    return type(
        f"{form.__name__}View",
        (ObjectEditView,),
        {"model": form.Meta.model, "url_base": "agreements_agreement", "form_class": form},
    )


@login_required
def end_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    """End an agreement: its open obligations are closed with it."""
    agreement = get_object_or_404(Agreement.objects.restrict(request.user, "change"), pk=pk)
    form = forms.EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            closed = services.end_agreement(agreement, on=form.cleaned_data["ended_on"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Agreement ended; %(count)s open obligations closed.") % {"count": closed},
            )
    return HttpResponseRedirect(agreement.get_absolute_url())


@login_required
def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(
        RoyaltyStatement.objects.restrict(request.user).select_related("agreement"), pk=pk
    )
    return render(
        request,
        "agreements/statement_detail.html",
        {
            "object": statement,
            "due": statement_due(statement),
            "can_change": RoyaltyStatement.objects.restrict(request.user, "change")
            .filter(pk=pk)
            .exists(),
        },
    )


@capability_required("agreements.record_notice")
def notice_add(request: HttpRequest) -> HttpResponse:
    """Record a co-owner's licence notice: the opposition deadline opens with it."""
    if not model_permits(request.user, CoOwnershipNotice, "add"):
        raise PermissionDenied
    form = forms.NoticeForm(request.POST or None, initial=request.GET.dict(), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                notice = services.record_notice(form.save(commit=False))
                check_write(request.user, notice, "add")
        except (PermissionDenied, ValueError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Notice recorded; the opposition deadline is %(due)s.")
                % {"due": notice.deadline.due_date},
            )
            return HttpResponseRedirect(notice.get_absolute_url())
    return render(
        request,
        "core/object_edit.html",
        {
            "form": form,
            "model_name": CoOwnershipNotice._meta.verbose_name,
            "model_name_plural": CoOwnershipNotice._meta.verbose_name_plural,
            "list_url": "/patents/",
        },
    )


@capability_required("agreements.contracting_time")
def contracting_time(request: HttpRequest) -> HttpResponse:
    """Days from request to signature: median and mean per school and per year of signature."""
    rows = services.contracting_times(Agreement.objects.restrict(request.user))
    return render(request, "agreements/contracting_time.html", {"rows": rows})


class ObligationListView(ObjectListView):
    """What the institution owes under its agreements, soonest first: the contracts' deadline board."""

    model = Obligation
    url_base = "agreements_obligation"
    filterset_class = ObligationFilterSet
    columns = [
        Column("due_date", gettext_lazy("Due")),
        Column("label", gettext_lazy("What"), link=True),
        Column("agreement.reference", gettext_lazy("Agreement")),
        Column("agreement.partner", gettext_lazy("Partner")),
        Column("agreement.unit", gettext_lazy("Unit")),
        Column("state", gettext_lazy("State")),
    ]

    default_filters = {"state": "open", "ordering": "due_date"}

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().select_related("agreement__partner", "agreement__unit")


@capability_required("agreements.co_ownership")
def co_ownership(request: HttpRequest) -> HttpResponse:
    """Every co-owned family and its co-owners, the mandataire unique designations per unit, notices
    and the share of new filings that are co-owned, per school and year."""
    agreements = Agreement.objects.restrict(request.user)
    return render(
        request,
        "agreements/co_ownership.html",
        {
            "families": coownership.co_owned_families(
                PatentFamily.objects.restrict(request.user), agreements
            ),
            "mandates": agreements.filter(kind=AgreementKind.MANDATAIRE).select_related(
                "unit", "partner"
            ),
            "notices": CoOwnershipNotice.objects.restrict(request.user).select_related(
                "family", "co_owner", "deadline"
            ),
            "shares": coownership.co_owned_share(PatentApplication.objects.restrict(request.user)),
        },
    )
