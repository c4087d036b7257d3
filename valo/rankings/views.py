"""The rankings page, its drill-down to documents, and the API answer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view, permission_classes
from rest_framework.request import Request
from rest_framework.response import Response

from valo.core.access import model_permits
from valo.core.api_permissions import capability_permission
from valo.core.bounds import query_value, query_year
from valo.core.exports import EXPORT_FORMATS, table_response
from valo.core.forms import ValoModelForm
from valo.core.permissions import check_write
from valo.core.views.capabilities import capability_required
from valo.directory.choices import INTERNAL_KINDS
from valo.directory.models import Organization, OrganizationAlias
from valo.officedata.store import AnalyticStore
from valo.patents.models import PatentApplication
from valo.rankings import entities, services
from valo.rankings.methods import METHODS
from valo.rankings.palmares import Row, palmares
from valo.rankings.reconcile import reconcile

CATEGORIES = ["GE", "ETI", "PME", "RESE"]
# How a name was credited to an entity (the `decided_by` of the harmonised table).
DECIDED_BY = [
    ("siren", gettext_lazy("SIREN in the directory")),
    ("directory", gettext_lazy("name in the directory")),
    ("alias", gettext_lazy("alias in the directory")),
    ("staff", gettext_lazy("attached by staff")),
    ("cluster", gettext_lazy("clustered spellings")),
]


def latest_year(store: AnalyticStore) -> int:
    """The last year of publications the store holds (last year when it holds none)."""
    years = store.publication_years()
    return years[-1] if years else timezone.localdate().year - 1


def _options(request: HttpRequest, store: AnalyticStore) -> dict[str, Any]:
    """The year, methodology, category and top a rankings page or answer was asked for."""
    year = query_year(request.GET, default=None) or latest_year(store)
    top = query_value(request.GET, "top", forms.IntegerField(min_value=1, max_value=100_000))
    method = METHODS.get(request.GET.get("method") or "inpi-2022")
    category = request.GET.get("category") or None
    if method is None or (category and category not in [*CATEGORIES, "?"]):
        raise Http404
    return {"year": year, "method": method, "category": category, "top": top}


def _ranking(request: HttpRequest) -> tuple[dict[str, Any], list[Row]]:
    store = AnalyticStore()
    options = _options(request, store)
    rows = entities.ranking(
        store,
        options["method"],
        options["year"],
        category=options["category"],
        top=options["top"],
    )
    return options, rows


@capability_required("rankings.view")
def ranking_page(request: HttpRequest) -> HttpResponse:
    options, rows = _ranking(request)
    # The user's own institution: the top of the tree above the units they work for.
    unit = Organization.objects.restrict(request.user).filter(kind__in=INTERNAL_KINDS).first()
    institution = ((unit.ancestors() or [unit])[-1].pk) if unit else None
    fmt = request.GET.get("format", "")
    if fmt in EXPORT_FORMATS:
        method = options["method"]
        return table_response(
            [_("Rank"), _("Applicant"), _("Category"), _("Applications")],
            ([r.rank, r.entity.name, r.entity.category, r.count] for r in rows),
            fmt,
            f"palmares-{method.code}-{options['year']}{'-' + options['category'] if options['category'] else ''}",
        )
    if fmt:
        raise Http404
    ours = next((r for r in rows if r.entity.organization_id == institution), None)
    shown = rows if options["top"] else [r for r in rows if r.rank <= 50]
    # The institution's row is always on the page, and its bar in the chart.
    if ours is not None and ours not in shown:
        shown = [*shown, ours]
    charted = shown[:20]
    if ours is not None and ours not in charted:
        charted = [*charted, ours]
    peak = max([float(r.count) for r in charted] + [1])
    bars = [
        {
            "label": (f"{r.rank}. " if r.rank > 20 else "") + r.entity.name[:28],
            "width": int(360 * float(r.count) / peak),
            "y": 18 * i,
            "count": r.count,
            "ours": r is ours,
        }
        for i, r in enumerate(charted)
    ]
    return render(
        request,
        "rankings/ranking.html",
        {
            **options,
            "rows": shown,
            "ours": ours,
            "bars": bars,
            "institution": institution,
            "methods": METHODS.values(),
            "categories": CATEGORIES,
            "total": len(rows),
            "chart_height": 18 * len(bars) + 4,
        },
    )


@capability_required("rankings.view")
def ranking_documents(request: HttpRequest) -> HttpResponse:
    """The documents behind one row's count."""
    options, rows = _ranking(request)
    key = request.GET.get("entity", "")
    row = next((r for r in rows if r.entity.key == key), None)
    if row is None:
        raise Http404
    con = entities.connect()
    numbers = row.documents
    documents = con.execute(
        "SELECT office || publication_number || kind, publication_date, application_number, filing_date, title "
        "FROM publications WHERE office || publication_number || kind IN (SELECT unnest(?)) ORDER BY publication_date",
        [numbers],
    ).fetchall()
    level = "group" if options["method"].consolidate else "entity"
    decided = dict(DECIDED_BY)
    names = [
        (name, identifier, decided.get(how, how))
        for name, identifier, how in entities.explain(con, row.entity.key, level)
    ]
    return render(
        request,
        "rankings/documents.html",
        {**options, "row": row, "documents": documents, "names": names},
    )


@extend_schema(
    parameters=[
        OpenApiParameter("year", int),
        OpenApiParameter("method", str, enum=sorted(METHODS)),
        OpenApiParameter("category", str, enum=[*CATEGORIES, "?"]),
        OpenApiParameter("top", int),
    ],
    responses=OpenApiTypes.OBJECT,
)
@api_view(["GET"])
@permission_classes([capability_permission("rankings.view")])
def ranking_api(request: Request) -> Response:
    """The ranking of a year under a methodology, each row with the documents behind its count."""
    options, rows = _ranking(request)
    return Response(
        {
            "year": options["year"],
            "method": options["method"].code,
            "category": options["category"],
            "rows": [
                {
                    "rank": r.rank,
                    "applicant": r.entity.name,
                    "category": r.entity.category,
                    "count": str(r.count),
                    "organization": r.entity.organization_id,
                    "documents": r.documents,
                }
                for r in rows
            ],
        }
    )


@capability_required("rankings.view")
def reconciliation_page(request: HttpRequest) -> HttpResponse:
    """Our applications against the record credited to us; attach a stray spelling as an alias."""
    store = AnalyticStore()
    options = _options(request, store)
    unit = Organization.objects.restrict(request.user).filter(kind__in=INTERNAL_KINDS).first()
    if unit is None:
        raise Http404
    institution = (unit.ancestors() or [unit])[-1]
    if request.method == "POST":
        form = AliasForm(request.POST, user=request.user)
        if form.is_valid():
            with transaction.atomic():
                alias = form.save()
                check_write(request.user, alias, "add")
            messages.success(
                request,
                _("%(name)s is now an alias of %(org)s.")
                % {"name": alias.name, "org": alias.organization},
            )
            return HttpResponseRedirect(request.get_full_path())
    result = (
        reconcile(
            entities.connect(store),
            options["method"],
            options["year"],
            institution.pk,
            PatentApplication.objects.restrict(request.user),
        )
        if store.current
        else None
    )
    units = Organization.objects.restrict(request.user, "change").filter(kind__in=INTERNAL_KINDS)
    return render(
        request,
        "rankings/reconciliation.html",
        {**options, "result": result, "institution": institution, "units": units},
    )


@capability_required("rankings.view")
def clusters_page(request: HttpRequest) -> HttpResponse:
    """Clusters of names the directory does not know, biggest first: attach one to an organisation
    (every spelling becomes an alias, logged), so the next count credits it."""
    store = AnalyticStore()
    options = _options(request, store)
    if request.method == "POST" and request.POST.get("split"):
        name = request.POST["split"].strip()
        if not name or not model_permits(request.user, Organization, "add"):
            raise Http404
        services.split_spelling(name, user=request.user)
        messages.success(request, _("%(name)s now stands on its own.") % {"name": name})
        return HttpResponseRedirect(request.get_full_path())
    if request.method == "POST":
        organization = (
            Organization.objects.restrict(request.user, "change")
            .filter(pk=query_value(request.POST, "organization", forms.IntegerField()))
            .first()
        )
        spellings = [n for n in request.POST.getlist("name") if n.strip()]
        if organization is None or not spellings:
            raise Http404
        services.attach_spellings(organization, spellings, user=request.user)
        messages.success(
            request,
            _("%(count)s spellings attached to %(org)s.")
            % {"count": len(spellings), "org": organization},
        )
        return HttpResponseRedirect(request.get_full_path())
    clusters = []
    if store.current:
        con = entities.connect(store)
        method = options["method"]
        unknown = [
            row
            for row in palmares(con, method, options["year"])
            if row.entity.organization_id is None
        ][:100]
        level = "group" if method.consolidate else "entity"
        names = entities.spellings(con, [row.entity.key for row in unknown], level)
        clusters = [(row, names.get(row.entity.key, [])) for row in unknown]
    organizations = Organization.objects.restrict(request.user, "change").order_by("name")
    return render(
        request,
        "rankings/clusters.html",
        {**options, "clusters": clusters, "organizations": organizations},
    )


@extend_schema(
    parameters=[
        OpenApiParameter("year", int),
        OpenApiParameter("method", str, enum=sorted(METHODS)),
    ],
    responses=OpenApiTypes.OBJECT,
)
@api_view(["GET"])
@permission_classes([capability_permission("rankings.view")])
def reconciliation_api(request: Request) -> Response:
    """The reconciliation of a year: matched, not credited (with the names found), unknown, missing."""
    store = AnalyticStore()
    options = _options(request, store)
    unit = Organization.objects.restrict(request.user).filter(kind__in=INTERNAL_KINDS).first()
    if unit is None or store.current is None:
        raise Http404
    institution = (unit.ancestors() or [unit])[-1]
    result = reconcile(
        entities.connect(store),
        options["method"],
        options["year"],
        institution.pk,
        PatentApplication.objects.restrict(request.user),
    )
    return Response(
        {
            "year": options["year"],
            "method": options["method"].code,
            "institution": institution.pk,
            "matched": result.matched,
            "not_credited": result.not_credited,
            "unknown": result.unknown,
            "missing": result.missing,
        }
    )


class AliasForm(ValoModelForm):
    class Meta:
        model = OrganizationAlias
        fields = ["organization", "name", "source"]
