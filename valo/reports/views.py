"""The yearly report page, its downloads, and the records behind each figure."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from valo.core.bounds import query_value, query_year
from valo.core.exports import XLSX_TYPE, table_response
from valo.core.views.capabilities import capability_required
from valo.reports import output, peers, public_record
from valo.reports.figures import Schools
from valo.reports.surveys import ALL_SPECS, SURVEYS
from valo.reports.yearly import yearly_report

# The drill-down lists this many records at most (the figure says how many there are).
RECORDS_SHOWN = 500


def _year(request: HttpRequest) -> int:
    return query_year(request.GET, default=timezone.localdate().year - 1)


@capability_required("reports.view")
def yearly_page(request: HttpRequest) -> HttpResponse:
    """Every figure of a year for the institution and by school; ?format=xlsx|pdf|json downloads it."""
    return _report_page(request, yearly_report(_year(request), request.user), "yearly-report")


@capability_required("reports.view")
def survey_page(request: HttpRequest, code: str) -> HttpResponse:
    """A survey's figures of a year (AUTM, Carnot), with the same drill-downs and downloads."""
    survey = SURVEYS.get(code)
    if survey is None:
        raise Http404
    report = yearly_report(
        _year(request), request.user, sections=survey.sections, title=survey.title
    )
    return _report_page(request, report, f"survey-{code}")


def _report_page(request: HttpRequest, report: Any, basename: str) -> HttpResponse:
    year = report.year
    fmt = request.GET.get("format", "")
    if fmt == "xlsx":
        response = HttpResponse(output.as_workbook(report), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{basename}-{year}.xlsx"'
        return response
    if fmt == "json":
        return JsonResponse(output.as_json(report), json_dumps_params={"ensure_ascii": False})
    if fmt == "pdf":
        response = HttpResponse(output.as_pdf(report), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{basename}-{year}.pdf"'
        return response
    if fmt:
        raise Http404
    return render(
        request,
        "reports/yearly.html",
        {
            "report": report,
            "year": year,
            **output.context(report),
            "surveys": SURVEYS.values(),
        },
    )


@capability_required("reports.view")
def yearly_records(request: HttpRequest, code: str) -> HttpResponse:
    """The records behind one figure, the same restricted query as its count (?school= narrows)."""
    spec = ALL_SPECS.get(code)
    if spec is None:
        raise Http404
    year = _year(request)
    schools = Schools()
    school = query_value(request.GET, "school", forms.IntegerField())
    if school is not None and school not in schools.schools:
        raise Http404
    records = spec.records_of(request.user, year, school, schools)
    total = records.count()
    rows = [(obj, getattr(obj, spec.date, None)) for obj in records[:RECORDS_SHOWN]]
    return render(
        request,
        "reports/records.html",
        {
            "spec": spec,
            "year": year,
            "school": schools.names.get(school) if school else None,
            "rows": rows,
            "total": total,
            "shown": RECORDS_SHOWN,
        },
    )


@capability_required("reports.view")
def peers_page(request: HttpRequest) -> HttpResponse:
    """The institution beside the peers picked (?peer=ID, repeated), year by year in the store."""
    chosen: list[int] = []
    for raw in request.GET.getlist("peer")[: peers.MAX_PEERS + 1]:
        chosen.append(query_value({"peer": raw}, "peer", forms.IntegerField(min_value=1)))
    errors = []
    if len(chosen) > peers.MAX_PEERS:
        errors.append(_("Pick at most %(n)s peers.") % {"n": peers.MAX_PEERS})
        chosen = chosen[: peers.MAX_PEERS]
    candidates = peers.candidates(request.user)
    picked = list(candidates.filter(pk__in=chosen))
    if len(picked) < len(set(chosen)):
        errors.append(_("Some of the organisations asked for are not research bodies you may see."))
    institution = public_record.institution_of(request.user)
    organizations = ([institution] if institution else []) + picked
    comparison = peers.compare(organizations)
    rows = [
        (year, [comparison.cells.get((year, o.pk)) for o in organizations])
        for year in comparison.years
    ]
    if request.GET.get("format") == "xlsx":
        return table_response(
            [_("Year"), *[o.name for o in organizations]],
            ([year, *[f"{c[0]} ({c[1]})" if c else "" for c in cells]] for year, cells in rows),
            "xlsx",
            "peers",
        )
    chart = {
        "type": "line",
        "reverse": True,
        "labels": [str(y) for y in comparison.years],
        "datasets": [
            {"label": o.name, "data": [cells[i][1] if cells[i] else None for _y, cells in rows]}
            for i, o in enumerate(organizations)
        ],
    }
    return render(
        request,
        "reports/peers.html",
        {
            "comparison": comparison,
            "rows": rows,
            "chart": chart if rows else None,
            "candidates": candidates,
            "chosen": {o.pk for o in picked},
            "errors": errors,
            "max_peers": peers.MAX_PEERS,
            "query": request.GET.urlencode(),
        },
    )
