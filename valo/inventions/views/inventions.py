"""Pages of the declarations: list, my inventions, work queue, detail with tabs (its documents:
valo.documents), the declaration form."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from valo.core.access import model_permits
from valo.core.models import ObjectChange
from valo.core.permissions import check_write
from valo.core.tables import Column
from valo.core.views.capabilities import capability_required
from valo.core.views.generic import (
    ModelPageMixin,
    ObjectChangeLogView,
    ObjectDeleteView,
    ObjectListView,
)
from valo.inventions import transitions
from valo.inventions.choices import AssessmentStatus, InventionState
from valo.inventions.filtersets import InventionFilterSet
from valo.inventions.forms import DisclosureFormSet, InventionForm, InventorFormSet
from valo.inventions.models import (
    Assessment,
    Disclosure,
    Invention,
    KnowHow,
    SoftwareAsset,
)

# A legal clock shows in the work queue when it runs out within this many days.
CLOCK_WARNING_DAYS = 30

# The work queue lists the planned public disclosures of the next this many days.
DISCLOSURE_DAYS = 60


class InventionMixin:
    model = Invention
    url_base = "inventions_invention"


class InventionListView(InventionMixin, ObjectListView):
    filterset_class = InventionFilterSet
    columns = [
        Column("reference", gettext_lazy("Reference"), link=True),
        Column("title", gettext_lazy("Title"), link=True),
        Column("state", gettext_lazy("State")),
        Column("received_on", gettext_lazy("Declared")),
        Column("field", gettext_lazy("Field")),
        Column("ownership_class", gettext_lazy("Ownership"), code=True),
        Column("decision.protection_route", gettext_lazy("Protection")),
        Column("decision.valorisation_route", gettext_lazy("Valorisation")),
    ]

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().select_related("decision")


class MyInventionsView(InventionListView):
    """The researcher's own inventions: the list with `mine` set."""

    template_name = "inventions/my_inventions.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        if "mine" not in request.GET:
            query = request.GET.copy()
            query["mine"] = "true"
            request.GET = query
        return super().get(request)


@capability_required("inventions.work_queue")
def work_queue(request: HttpRequest) -> HttpResponse:
    """The officer's queue: declarations to qualify, meetings to hold, decisions to apply, clocks."""
    visible = Invention.objects.restrict(request.user)
    actionable = Invention.objects.restrict(request.user, "change")
    today = timezone.localdate()
    clocks = []
    for invention in actionable.filter(
        state__in=[InventionState.DECLARED, InventionState.QUALIFIED]
    ).prefetch_related("dismissals"):
        closed = {d.clock for d in invention.dismissals.all()}
        for clock in invention.legal_clocks():
            if clock.rule.key in closed:
                continue  # closed by the office, with its reason (shown on the invention)
            if clock.due - today <= datetime.timedelta(days=CLOCK_WARNING_DAYS) and not (
                clock.rule.key == "inventions-classification-answer" and invention.qualified_on
            ):
                clocks.append((invention, clock))
    clocks.sort(key=lambda item: item[1].due)
    context = {
        "to_qualify": actionable.filter(state=InventionState.DECLARED).order_by("received_on"),
        "drafts": actionable.filter(state=InventionState.DRAFT).order_by("-created")[:20],
        "to_schedule": actionable.filter(state=InventionState.QUALIFIED).order_by("qualified_on"),
        "meetings": Assessment.objects.restrict(request.user)
        .filter(status=AssessmentStatus.SCHEDULED)
        .select_related("invention")
        .order_by("meeting_on"),
        "to_apply": actionable.filter(state=InventionState.DECIDED).select_related("decision"),
        "clocks": clocks,
        # Soonest first, across inventions (issue 14: they were listed invention by invention).
        "disclosures": Disclosure.objects.filter(
            invention__in=visible.exclude(state__in=["released", "abandoned"]),
            planned_on__range=(today, today + datetime.timedelta(days=DISCLOSURE_DAYS)),
        )
        .select_related("invention")
        .order_by("planned_on", "pk"),
        "today": today,
    }
    return render(request, "inventions/work_queue.html", context)


class InventionDetailView(InventionMixin, ModelPageMixin, View):
    template_name = "inventions/invention_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        invention = self.get_object()
        user = request.user
        restricted = Invention.objects.restrict
        assessments = invention.assessments.prefetch_related("participants", "scores__criterion")
        context = {
            **self.base_context(),
            "object": invention,
            "can_change": restricted(user, "change").filter(pk=pk).exists(),
            "can_delete": restricted(user, "delete").filter(pk=pk).exists(),
            "transitions": transitions.available(invention, user),
            "protection_step": transitions.protection_step(invention, user),
            "problems": transitions.submission_problems(invention)
            if invention.state == InventionState.DRAFT
            else [],
            "inventors": invention.inventorships.select_related("person", "employer"),
            "units": invention.owning_units.all(),
            "co_owners": invention.co_owners.select_related("organization"),
            "disclosures": invention.disclosures.all(),
            "assessments": assessments,
            "decision": getattr(invention, "decision", None),
            "state_changes": invention.state_changes.all(),
            "clocks": invention.legal_clocks(),
            "closed_clocks": list(invention.dismissals.all()),
            "software": SoftwareAsset.objects.restrict(user).filter(invention=invention),
            "know_how": KnowHow.objects.restrict(user).filter(invention=invention),
            "change_count": ObjectChange.objects.for_object(invention).count(),
        }
        return render(request, self.template_name, context)


class InventionEditView(InventionMixin, ModelPageMixin, View):
    """The declaration form: the invention, its inventors and planned disclosures, saved together."""

    template_name = "inventions/invention_edit.html"
    action = "change"

    def _objects(self, pk: int | None) -> Invention | None:
        if pk is None:
            if not model_permits(self.request.user, Invention, "add"):
                raise PermissionDenied
            return None
        return self.get_object()

    def _forms(self, invention: Invention | None, data: Any = None) -> tuple[Any, Any, Any]:
        user = self.request.user
        form = InventionForm(data, instance=invention, user=user)
        if invention is None and data is None:
            form.initial["owning_units"] = self._default_units()
        instance = invention or Invention()
        inventors = InventorFormSet(data, instance=instance, user=user, prefix="inventors")
        if invention is None and data is None:
            inventors.forms[0].initial.update(self._self_as_inventor())
        disclosures = DisclosureFormSet(data, instance=instance, user=user, prefix="disclosures")
        return form, inventors, disclosures

    def _default_units(self) -> list[int]:
        person = getattr(self.request.user, "person", None)
        if person is None:
            return []
        return list(person.current_affiliations().values_list("organization_id", flat=True))

    def _self_as_inventor(self) -> dict[str, Any]:
        person = getattr(self.request.user, "person", None)
        return {"person": person.pk, "share": "1"} if person is not None else {}

    def _render(self, invention: Invention | None, forms: tuple[Any, Any, Any]) -> HttpResponse:
        form, inventors, disclosures = forms
        return render(
            self.request,
            self.template_name,
            {
                **self.base_context(),
                "object": invention,
                "form": form,
                "inventors": inventors,
                "disclosures": disclosures,
            },
        )

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        invention = self._objects(pk)
        return self._render(invention, self._forms(invention))

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        invention = self._objects(pk)
        forms = self._forms(invention, request.POST)
        form, inventors, disclosures = forms
        if form.is_valid() and inventors.is_valid() and disclosures.is_valid():
            try:
                with transaction.atomic():
                    if invention is None:
                        form.instance.created_by = request.user
                    saved = form.save()
                    inventors.instance = disclosures.instance = saved
                    inventors.save()
                    disclosures.save()
                    check_write(request.user, saved, "add" if invention is None else "change")
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Saved %(object)s.") % {"object": saved})
                return HttpResponseRedirect(saved.get_absolute_url())
        return self._render(invention, forms)


class InventionDeleteView(InventionMixin, ObjectDeleteView):
    """Only drafts are deleted; a declared invention is abandoned, with its reason."""


class InventionChangeLogView(InventionMixin, ObjectChangeLogView):
    pass
