"""Inventors' statements: each inventor's own, and the list and payroll export for finance."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from valo.core.access import MONEY_ROLES, get_access
from valo.core.bounds import query_year
from valo.core.exports import table_response
from valo.core.forms import model_form
from valo.core.tables import Column
from valo.core.views.capabilities import capability_required
from valo.core.views.generic import ObjectEditView, ObjectListView
from valo.directory.models import Person
from valo.finance.filtersets import DirectCostFilterSet
from valo.finance.models import DirectCost
from valo.finance.remuneration import payroll, yearly_statement
from valo.inventions.models import Inventorship

# The payroll export's columns (what HR loads): amounts in EUR.
PAYROLL_HEADINGS = [
    "person_id",
    "employee_number",
    "last_name",
    "first_name",
    "email",
    "year",
    "prime_interessement",
    "prime_au_brevet",
    "amount_charges_included",
    "gross_pay",
]
# The prime d'intéressement's lines; every other line of a statement is an instalment of the prime au
# brevet (remuneration.yearly_statement).
INTERESSEMENT = "prime d'intéressement"


def statement_year(request: HttpRequest) -> int:
    """The year asked (last year by default), bounded: a wrong one answers 400 naming `year`."""
    return query_year(request.GET, default=timezone.localdate().year - 1)


def statement_person(request: HttpRequest, pk: int) -> Person:
    """The person whose statement is asked: oneself, or anyone in scope for the money roles."""
    person = get_object_or_404(Person.objects.restrict(request.user), pk=pk)
    if person.user_id == request.user.pk or get_access(request.user).has_role(*MONEY_ROLES):
        return person
    raise Http404


@capability_required("finance.view_own_statement")
def my_statement(request: HttpRequest) -> HttpResponse:
    person = Person.objects.restrict(request.user).filter(user=request.user).first()
    if person is None:
        raise Http404
    return redirect(f"/finance/statements/{person.pk}/?year={statement_year(request)}")


@login_required
def statement(request: HttpRequest, pk: int) -> HttpResponse:
    person, year = statement_person(request, pk), statement_year(request)
    lines = yearly_statement(person, year)
    total = sum((line.amount for line in lines), Decimal(0))
    if request.GET.get("export") == "xlsx":
        rows = [[str(line.invention), line.kind, line.base, line.amount] for line in lines]
        return table_response(
            ["invention", "kind", "base", "amount (EUR, charges included)"],
            [*rows, ["", "total", "", total]],
            "xlsx",
            f"statement-{person.pk}-{year}",
        )
    return render(
        request,
        "finance/statement.html",
        {
            "person": person,
            "year": year,
            "lines": lines,
            "total": total,
            # "your" to the inventor; "the inventor's" to finance and the others who read it
            "own": person.user_id == request.user.pk,
        },
    )


@capability_required("finance.view_statements")
def statements(request: HttpRequest) -> HttpResponse:
    """Every inventor's remuneration for a year (money roles); CSV is the payroll export."""
    year = statement_year(request)
    people = Person.objects.restrict(request.user).filter(
        pk__in=Inventorship.objects.values("person")
    )
    rate = Decimal(settings.VALO_PRIME_EMPLOYER_RATE)
    rows = []
    for person, lines in payroll(people.order_by("last_name", "first_name"), year):
        interessement = sum(
            (line.amount for line in lines if line.kind == INTERESSEMENT), Decimal(0)
        )
        brevet = sum((line.amount for line in lines if line.kind != INTERESSEMENT), Decimal(0))
        total = interessement + brevet
        if total:
            gross = (total / (1 + rate)).quantize(Decimal("0.01"))
            rows.append((person, interessement, brevet, total, gross))
    totals = [sum((row[i] for row in rows), Decimal(0)) for i in range(1, 5)]
    if request.GET.get("export") == "csv":
        lines = [
            [p.pk, p.employee_number, p.last_name, p.first_name, p.email or "", year, *amounts]
            for p, *amounts in rows
        ]
        return table_response(
            PAYROLL_HEADINGS,
            [*lines, ["", "", "TOTAL", "", "", year, *totals]] if rows else lines,
            "csv",
            f"payroll-{year}",
        )
    return render(
        request,
        "finance/statements.html",
        {
            "rows": rows,
            "totals": totals,
            "year": year,
            # Without the employer's rate the gross pay is the charged amount: said, not hidden.
            "no_employer_rate": rate == 0,
        },
    )


class DirectCostListView(ObjectListView):
    """Direct costs of inventions besides their patent costs, deducted from their revenue."""

    model = DirectCost
    url_base = "finance_directcost"
    filterset_class = DirectCostFilterSet
    columns = [
        Column("date", gettext_lazy("Date")),
        Column("invention", gettext_lazy("Invention"), link=True),
        Column("label", gettext_lazy("What")),
        Column("amount", gettext_lazy("Amount excluding tax (EUR)")),
    ]

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().select_related("invention")


class DirectCostEditView(ObjectEditView):
    model = DirectCost
    url_base = "finance_directcost"
    form_class = model_form(DirectCost)
