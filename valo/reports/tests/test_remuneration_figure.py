"""Issue 17: the yearly report's inventors' remuneration, from the payroll's lines, by school.

The invention of lab A (school A) has inventors 0.6 / 0.4; in 2025 its licence pays 10 000 of
royalties: researcher_a's prime d'intéressement is 3 000 and the second instalment of the prime au
brevet 1 440 (valo/finance/tests/test_worked_numbers.py); researcher_a2, at 0.4 / 0.6 of each,
2 000 and 960. The year's remuneration: 4 440 + 2 960 = 7 400 EUR, all in school A.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from valo.finance.tests.conftest import (
    licensed,  # noqa: F401 (the fixture)
    pay,
)
from valo.reports.yearly import yearly_report


@pytest.mark.django_db
def test_the_years_remuneration_is_the_payrolls_by_school(cast, licensed, login):  # noqa: F811
    _invention, _fr, licence = licensed
    pay(licence, datetime.date(2025, 9, 1), 10_000)
    figure = yearly_report(2025, cast.users["finance"]).figure("remuneration")
    assert figure.value == {"EUR": Decimal("7400.00")}
    assert figure.by_school == {cast.school_a.pk: {"EUR": Decimal("7400.00")}}
    assert figure.url == "/finance/statements/?year=2025"
    page = login("finance").get("/reports/yearly/?year=2025").content.decode()
    assert 'href="/finance/statements/?year=2025"' in page and "7,400.00 EUR" in page
    # Who may not read remuneration statements does not see the figure.
    report = yearly_report(2025, cast.users["officer_a"])
    assert "remuneration" not in {f.code for _title, figures in report.sections for f in figures}


@pytest.mark.django_db
def test_the_renewal_budget_per_school_is_charted_with_its_table(cast, licensed, login):  # noqa: F811
    """The report's budget chart is the budget page's forecast: the same schools and amounts."""
    from valo.patents import engine
    from valo.patents.forecast import forecast
    from valo.patents.models import Deadline

    _invention, fr, _licence = licensed
    engine.sync([fr])
    expected = forecast(Deadline.objects.restrict(cast.users["director"]))
    page = login("director").get("/reports/yearly/?year=2025")
    charts = page.context["charts"]
    # The French first filing's annuities (from the 2nd year, CPI R613-46), at the official rates.
    assert expected.schools
    assert charts["budget"]["labels"] == expected.labels
    assert [d["label"] for d in charts["budget"]["datasets"]] == expected.schools
    assert [d["data"] for d in charts["budget"]["datasets"]] == [
        [float(v) for v in expected.row(school)] for school in expected.schools
    ]
    assert 'data-testid="budget-table"' in page.content.decode()
    # Who may not read the deadlines (a researcher has no report at all; an auditor reads both).
    assert yearly_report(2025, cast.users["auditor"]).renewal_budget is not None
