"""A yearly report as people read it (page cells), as JSON (the command, the API) and as a workbook
(one sheet per section, with the schools as columns)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from valo.core.exports import workbook_bytes
from valo.core.formats import money
from valo.reports.figures import Figure
from valo.reports.yearly import YearlyReport


def display(value: Any, unit: str = "") -> str:
    """'12,500.00 EUR', '45 days', '13' — localised, grouped; '—' for nothing."""
    if value is None or value == {}:
        return "—"
    if isinstance(value, dict):
        return " + ".join(money(amount, currency) for currency, amount in value.items())
    if unit == "days":
        return ngettext("%(days)s day", "%(days)s days", value) % {"days": value}
    if isinstance(value, Decimal):
        return formats.number_format(value, 2, use_l10n=True, force_grouping=True)
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def context(report: YearlyReport) -> dict[str, Any]:
    """What the page and the PDF show: each section's figures as read, per school."""
    sections = [
        (
            title,
            [
                {
                    "figure": f,
                    "value": display(f.value, f.unit),
                    "schools": [
                        (s, display(f.by_school.get(s), f.unit)) for s in report.schools.schools
                    ],
                    "breakdown": [(label, display(v)) for label, v in f.breakdown],
                }
                for f in figures
            ],
        )
        for title, figures in report.sections
    ]
    return {
        "report": report,
        "year": report.year,
        "sections": sections,
        "schools": [(s, report.schools.names[s]) for s in report.schools.schools],
        "charts": charts(report),
        "budget_rows": [
            (school, [display({"EUR": v}) for v in report.renewal_budget.row(school)])
            for school in report.renewal_budget.schools
        ]
        if report.renewal_budget
        else [],
        "budget_years": report.renewal_budget.labels if report.renewal_budget else [],
        "money_rows": [
            (y, display({"EUR": revenue}), display({"EUR": costs}))
            for y, (revenue, costs) in sorted(report.money_by_year.items())
        ],
    }


def charts(report: YearlyReport) -> dict[str, Any]:
    """The charts' data (valo/reports/static/reports/charts.js draws them; the tables hold the same)."""
    found: dict[str, Any] = {}
    record = report.public_record
    if record and [h for h in record.history if h.rank]:
        found["rank"] = {
            "type": "line",
            "reverse": True,
            "labels": [h.year for h in record.history],
            "datasets": [{"label": _("Rank"), "data": [h.rank for h in record.history]}],
        }
    if not report.survey:
        stages = [
            ("declarations", _("Declarations")),
            ("decisions_protection", _("Decisions")),
            ("new_families", _("New families")),
            ("transfer_agreements", _("Transfer agreements")),
        ]
        figures = {f.code: f for _t, fs in report.sections for f in fs}
        found["pipeline"] = {
            "type": "bar",
            "labels": [label for _code, label in stages],
            "datasets": [
                {"label": str(report.year), "data": [figures[c].value for c, _l in stages]}
            ],
        }
    if report.money_by_year:
        years = sorted(report.money_by_year)
        found["money"] = {
            "type": "bar",
            "labels": years,
            "datasets": [
                {
                    "label": _("Revenue (EUR)"),
                    "data": [float(report.money_by_year[y][0]) for y in years],
                },
                {
                    "label": _("Patent costs (EUR)"),
                    "data": [float(report.money_by_year[y][1]) for y in years],
                },
            ],
        }
    budget = report.renewal_budget
    if budget is not None and budget.schools:
        found["budget"] = {
            "type": "bar",
            "stacked": True,
            "labels": budget.labels,
            "datasets": [
                {"label": school, "data": [float(v) for v in budget.row(school)]}
                for school in budget.schools
            ],
        }
    return {
        key: {**value, "labels": [str(v) for v in value["labels"]]} for key, value in found.items()
    }


def as_pdf(report: YearlyReport) -> bytes:
    """The report as PDF (WeasyPrint, from reports/yearly_pdf.html; no URL is fetched)."""
    from valo.core.pdf import html_to_pdf

    return html_to_pdf(render_to_string("reports/yearly_pdf.html", context(report)))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {currency: str(amount) for currency, amount in value.items()}
    if isinstance(value, Decimal):
        return str(value)
    return value


def _figure_json(figure: Figure, schools: Any) -> dict[str, Any]:
    return {
        "code": figure.code,
        "label": str(figure.label),
        "value": _plain(figure.value),
        "unit": figure.unit or "count",
        "by_school": {schools.names[s]: _plain(v) for s, v in sorted(figure.by_school.items())},
        "breakdown": [{"label": str(label), "value": _plain(v)} for label, v in figure.breakdown],
        "note": str(figure.note),
    }


def as_json(report: YearlyReport) -> dict[str, Any]:
    record = report.public_record
    out: dict[str, Any] = {
        "year": report.year,
        "institution": report.institution.name if report.institution else None,
        "public_record": None,
        "sections": [
            {"title": str(title), "figures": [_figure_json(f, report.schools) for f in figures]}
            for title, figures in report.sections
        ],
    }
    if record is not None:
        this = record.year
        out["public_record"] = {
            "methodology": record.method.code,
            "methodology_label": str(record.method.label),
            "publications": this.publications if this else None,
            "rank": this.rank if this else None,
            "rank_research_bodies": this.rese_rank if this else None,
            "applicants_ranked": this.applicants if this else None,
            "history": [
                {
                    "year": h.year,
                    "publications": h.publications,
                    "rank": h.rank,
                    "rank_research_bodies": h.rese_rank,
                }
                for h in record.history
            ],
        }
    return out


def _cell(value: Any, unit: str = "") -> Any:
    """Counts and days stay numbers in a workbook; money is written with its currency."""
    return (
        value
        if isinstance(value, int | Decimal) and not isinstance(value, bool)
        else display(value, unit)
    )


def as_workbook(report: YearlyReport) -> bytes:
    schools = report.schools.schools
    headings = [_("Figure"), _("Institution"), *[report.schools.names[s] for s in schools]]
    sheets = []
    record = report.public_record
    if record is not None:
        rows = [
            [
                h.year,
                h.publications,
                h.rank,
                h.rese_rank,
                h.applicants,
            ]
            for h in record.history
        ]
        sheets.append(
            (
                _("Public record"),
                [
                    _("Year"),
                    _("Publications"),
                    _("Rank"),
                    _("Rank among research bodies"),
                    _("Applicants ranked"),
                ],
                rows,
            )
        )
    for title, figures in report.sections:
        rows = []
        for figure in figures:
            rows.append(
                [
                    str(figure.label),
                    _cell(figure.value, figure.unit),
                    *[_cell(figure.by_school.get(s), figure.unit) for s in schools],
                ]
            )
            rows += [[f"  {label}", _cell(value)] for label, value in figure.breakdown]
        sheets.append((str(title), headings, rows))
    budget = report.renewal_budget
    if budget is not None and budget.schools:
        sheets.append(
            (
                _("Renewal budget (EUR)"),
                [_("School"), *budget.labels],
                [[school, *budget.row(school)] for school in budget.schools],
            )
        )
    return workbook_bytes(sheets)
