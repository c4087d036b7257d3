"""The yearly report of a small institution built in conftest.py, every figure against values counted by hand
(the comments count them), the permissions of each role, and the command's outputs."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from valo.reports.tests.conftest import YEAR
from valo.reports.yearly import yearly_report


def _figures(report):
    return {f.code: f for _title, figures in report.sections for f in figures}


def _by_school(figure, cast):
    names = {cast.school_a.pk: "A", cast.school_b.pk: "B"}
    return {names[s]: v for s, v in figure.by_school.items()}


@pytest.mark.django_db
def test_every_figure_of_the_year_against_hand_counts(office):
    cast = office
    figures = _figures(yearly_report(YEAR))  # a command's view: every record
    assert figures["declarations"].value == 3
    assert _by_school(figures["declarations"], cast) == {"A": 2, "B": 2}
    protection = figures["decisions_protection"]
    assert protection.value == 3 and _by_school(protection, cast) == {"A": 3, "B": 1}
    assert [(str(label), n) for label, n in protection.breakdown] == [
        ("Patent", 2),
        ("Software deposit", 1),
    ]
    assert [n for _label, n in figures["decisions_valorisation"].breakdown] == [1, 1, 1]
    assert figures["software_deposits"].value == 1 and figures["know_how"].value == 1
    assert figures["new_families"].value == 2
    assert _by_school(figures["new_families"], cast) == {"A": 1, "B": 1}
    filed = figures["applications_filed"]
    assert filed.value == 4
    assert [n for _label, n in filed.breakdown] == [2, 1, 1]  # FR, EP, WO
    joint = figures["joint_company_filings"]
    assert joint.value == 2 and _by_school(joint, cast) == {"A": 1, "B": 1}
    assert [(str(label)[:3], n) for label, n in joint.breakdown] == [("Lar", 1), ("SME", 1)]
    contracts = figures["partnership_contracts"]
    assert contracts.value == 2
    assert [(str(label), n) for label, n in contracts.breakdown] == [
        ("Large company (GE, 5,000 staff or more)", 1),
        ("not a company", 1),
    ]
    amount = figures["partnership_amount"]
    assert amount.value == {"EUR": Decimal("120000")}
    assert [(str(label), v) for label, v in amount.breakdown] == [
        ("Carnot TSN", {"EUR": Decimal("100000")}),
        ("no Carnot label", {"EUR": Decimal("20000")}),
        ("Large company (GE, 5,000 staff or more)", {"EUR": Decimal("100000")}),
        ("not a company", {"EUR": Decimal("20000")}),
    ]
    days = figures["contracting_days"]
    assert days.value == 40 and _by_school(days, cast) == {"A": 60, "B": 20}
    transfer = figures["transfer_agreements"]
    assert transfer.value == 2 and [n for _l, n in transfer.breakdown] == [1, 1]
    ventures = figures["ventures_created"]
    assert ventures.value == 1
    assert [(str(label), n) for label, n in ventures.breakdown] == [
        ("Spin-off", 1),
        ("incubated", 1),
        ("not incubated", 0),
    ]
    revenue = figures["revenue"]
    assert revenue.value == {"EUR": Decimal("56500")}
    assert _by_school(revenue, cast) == {"A": {"EUR": Decimal("56500")}}
    assert [v for _label, v in revenue.breakdown] == [
        {"EUR": Decimal("5000")},
        {"EUR": Decimal("1500")},
        {"EUR": Decimal("50000")},
    ]


@pytest.mark.django_db
def test_each_role_sees_its_scope_and_a_researcher_no_report(office, login):
    cast = office
    officer_a = _figures(yearly_report(YEAR, cast.users["officer_a"]))
    # School A's officer: i1 and i2 (lab A) but not i3; only the know-how they are named on (none).
    assert officer_a["declarations"].value == 2
    assert officer_a["know_how"].value == 0
    assert officer_a["revenue"].value == {"EUR": Decimal("56500")}
    officer_b = _figures(yearly_report(YEAR, cast.users["officer_b"]))
    assert officer_b["joint_company_filings"].value == 1 and officer_b["know_how"].value == 1
    director = _figures(yearly_report(YEAR, cast.users["director"]))
    assert director["declarations"].value == 3
    client = login("officer_b")
    page = client.get(f"/reports/yearly/joint_company_filings/?year={YEAR}")
    assert page.status_code == 200 and page.context["total"] == 1
    assert [obj.family.reference for obj, _date in page.context["rows"]] == ["F2"]
    # The drill-down of a school narrows the same query; an unknown figure or school is 404.
    assert (
        client.get(f"/reports/yearly/declarations/?year={YEAR}&school={cast.school_b.pk}").context[
            "total"
        ]
        == 2
    )
    assert client.get(f"/reports/yearly/nothing/?year={YEAR}").status_code == 404
    assert client.get(f"/reports/yearly/declarations/?school={cast.company.pk}").status_code == 404
    assert client.get("/reports/yearly/?year=99999").status_code == 400
    assert login("researcher_a").get(f"/reports/yearly/?year={YEAR}").status_code == 403


@pytest.mark.django_db
def test_the_command_writes_json_and_a_workbook_with_one_sheet_per_section(office, tmp_path):
    out = io.StringIO()
    call_command("reports", "yearly", "--year", str(YEAR), "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["institution"] == "Test Institute" and data["public_record"]["rank"] is None
    figures = {f["code"]: f for s in data["sections"] for f in s["figures"]}
    assert figures["joint_company_filings"]["value"] == 2
    assert figures["revenue"]["value"] == {"EUR": "56500.00"}
    assert figures["declarations"]["by_school"] == {"School A": 2, "School B": 2}
    target = tmp_path / "report.xlsx"
    call_command(
        "reports",
        "yearly",
        "--year",
        str(YEAR),
        "--format",
        "xlsx",
        "--output",
        str(target),
        stdout=io.StringIO(),
    )
    workbook = load_workbook(target)
    assert workbook.sheetnames == [
        "Public record",
        "Inventions",
        "Patents",
        "Contracts and transfer",
    ]
    rows = list(workbook["Inventions"].values)
    assert rows[0] == ("Figure", "Institution", "School A", "School B")
    assert rows[1] == ("Invention declarations received", 3, 2, 2)


@pytest.mark.django_db
def test_the_pdf_carries_every_figure(office, tmp_path):
    from pypdf import PdfReader

    target = tmp_path / "report.pdf"
    call_command(
        "reports",
        "yearly",
        "--year",
        str(YEAR),
        "--format",
        "pdf",
        "--output",
        str(target),
        stdout=io.StringIO(),
    )
    text = " ".join(page.extract_text() for page in PdfReader(target).pages)
    text = " ".join(text.split())
    assert text.startswith("Test Institute — Yearly report 2021")
    for expected in ("120,000.00 EUR", "56,500.00 EUR", "40 days", "School A", "School B"):
        assert expected in text


@pytest.mark.django_db
def test_the_surveys_reuse_the_figures_with_their_own_definitions(office, login):
    client = login("director")
    autm = client.get(f"/reports/surveys/autm/?year={YEAR}")
    assert autm.status_code == 200 and autm.context["report"].public_record is None
    figures = _figures(autm.context["report"])
    assert [figures[c].value for c in ("declarations", "applications_filed", "autm_issued")] == [
        3,
        4,
        1,
    ]
    assert figures["autm_licences"].value == 2 and figures["autm_startups"].value == 1
    # Exploitation income only: 5 000 upfront + 1 500 royalties; the 50 000 of research funding is not.
    assert figures["autm_income"].value == {"EUR": Decimal("6500")}
    carnot = _figures(client.get(f"/reports/surveys/carnot/?year={YEAR}").context["report"])
    revenue = carnot["carnot_revenue"]
    assert revenue.value == {"EUR": Decimal("50000")}
    assert [(str(label), v) for label, v in revenue.breakdown] == [
        ("Carnot TSN", {"EUR": Decimal("50000")}),
        ("Large company (GE, 5,000 staff or more)", {"EUR": Decimal("50000")}),
    ]
    records = client.get(f"/reports/yearly/carnot_revenue/?year={YEAR}")
    assert records.context["total"] == 1
    assert client.get(f"/reports/surveys/autm/?year={YEAR}&format=xlsx").status_code == 200
    assert client.get("/reports/surveys/nothing/").status_code == 404


@pytest.mark.django_db
def test_the_peers_comparison_reads_each_year_of_the_public_record(cast, store_2020, login):
    from valo.directory.models import Organization

    cnrs = Organization.objects.get(name="Centre national de la recherche scientifique")
    client = login("director")
    page = client.get(f"/reports/surveys/peers/?peer={cnrs.pk}")
    assert page.status_code == 200
    names = [o.name for o in page.context["comparison"].organizations]
    assert names == ["Test Institute", "Centre national de la recherche scientifique"]
    ((year, cells),) = page.context["rows"]
    # Test Institute: its one 2020 publication; CNRS: the amended record's co-applicant.
    assert year == 2020 and [c[0] for c in cells] == [1, 1] and all(c[1] == 1 for c in cells)
    assert client.get("/reports/surveys/peers/?peer=x").status_code == 400
    refused = client.get(f"/reports/surveys/peers/?peer={cast.company.pk}")
    assert refused.status_code == 200 and refused.context["errors"]
    export = client.get(f"/reports/surveys/peers/?peer={cnrs.pk}&format=xlsx")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd")
