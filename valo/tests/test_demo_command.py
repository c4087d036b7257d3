"""`valo demo` as a whole: the institution, ~120 inventions in every state, the patent portfolio with
the institution's published 2020 figures — all logged as a command."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.db.models import Count

from valo.core.models import ObjectChange
from valo.inventions.choices import InventionState
from valo.inventions.models import Decision, Invention, KnowHow, StateChange
from valo.patents.models import Cost, Deadline, PatentApplication


@pytest.mark.django_db
def test_the_demo_command_loads_a_living_office_once(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out = io.StringIO()
    call_command("demo", stdout=out)
    printed = out.getvalue()
    assert "officer     demo-officer-2026" in printed
    assert "Demo inventions: 120 declarations" in printed

    by_state = dict(Invention.objects.values_list("state").annotate(n=Count("id")))
    assert set(by_state) == set(InventionState.values)
    assert sum(by_state.values()) == 120
    years = {i.received_on.year for i in Invention.objects.exclude(received_on=None)}
    assert years == set(range(2016, 2022))
    decided = Invention.objects.filter(
        state__in=["decided", "protected", "transferred", "released"]
    )
    assert Decision.objects.filter(invention__in=decided).count() == decided.count()
    assert all(d.agreements.exists() for d in Decision.objects.all()[:10])
    assert StateChange.objects.filter(transition="decide").count() >= decided.count()
    assert Invention.objects.filter(inventorships__person__user__username="researcher").exists()
    assert KnowHow.objects.get().members.count() == 2

    # The 2020 figures the institution published, and INPI's ranking credited.
    assert PatentApplication.objects.filter(office="FR", publication_date__year=2020).count() == 33
    co_owned_2020 = PatentApplication.objects.filter(
        filing_date__year=2020, owners__organization__kind__in=["company", "startup"]
    ).distinct()
    assert co_owned_2020.count() == 13
    years = {a.filing_date.year for a in PatentApplication.objects.filter(office="FR")}
    assert years == set(range(2014, 2027))
    assert set(PatentApplication.objects.values_list("office", flat=True)) == {
        "FR",
        "EP",
        "WO",
        "US",
    }
    assert Deadline.objects.filter(state="open", due_date__lt=datetime.date.today()).count() == 0
    assert Cost.objects.exists()

    # The public record: the generated 2020 year, where the institution is in the top 50 and the
    # RESE top 10 with the 33 applications of its portfolio.
    from valo.rankings import entities
    from valo.rankings.methods import METHODS
    from valo.rankings.palmares import palmares

    rows = {r.entity.name: r for r in palmares(entities.connect(), METHODS["inpi-2022"], 2020)}
    assert rows["Institut Mines-Télécom"].count == 33 and rows["Institut Mines-Télécom"].rank <= 50
    rese = palmares(entities.connect(), METHODS["inpi-2022"], 2020, category="RESE", top=10)
    assert "Institut Mines-Télécom" in {r.entity.name for r in rese}
    ours = set(
        PatentApplication.objects.filter(office="FR", publication_date__year=2020).values_list(
            "publication_number", flat=True
        )
    )
    assert {d.removeprefix("FR")[:-2] for d in rows["Institut Mines-Télécom"].documents} == ours

    # Contracts, licences paying royalties, start-ups — and a researcher who is paid for them.
    from valo.agreements.models import Agreement, Payment, RoyaltyStatement
    from valo.directory.models import Person
    from valo.finance.remuneration import yearly_statement
    from valo.ventures.models import Involvement, Venture

    assert "Demo agreements: 36 partnership contracts, 9 licences." in printed
    signed = Agreement.objects.exclude(signed_on=None).exclude(kind="licence")
    assert {a.kind for a in signed} >= {"research", "cifre", "service", "nda"}
    assert signed.exclude(carnot=None).exists() and signed.filter(carnot=None).exists()
    assert {a.partner.size_category for a in signed} >= {"GE", "PME"}
    assert 10 < sum(a.contracting_days for a in signed) / signed.count() < 200
    assert RoyaltyStatement.objects.count() > 20 and Payment.objects.filter(kind="royalty").exists()
    assert Venture.objects.count() == 10
    assert any(i.warnings() for i in Involvement.objects.all())
    researcher = Person.objects.get(user__username="researcher")
    assert any(yearly_statement(researcher, year) for year in range(2019, 2026))

    # The yearly report of 2020 gives the published figures (the press release's), from the records.
    report = io.StringIO()
    call_command("reports", "yearly", "--year", "2020", "--format", "json", stdout=report)
    data = json.loads(report.getvalue())
    assert data["public_record"]["publications"] == 33
    assert data["public_record"]["rank"] == 45
    assert data["public_record"]["rank_research_bodies"] == 10
    joint = next(
        f for s in data["sections"] for f in s["figures"] if f["code"] == "joint_company_filings"
    )
    assert joint["value"] == 13
    # The invented years around 2020 give the rank a history: one point a year, 2016–2022, each
    # year's publications those of the demo portfolio.
    history = data["public_record"]["history"]
    assert [h["year"] for h in history] == list(range(2016, 2023))
    for point in history:
        published = PatentApplication.objects.filter(
            office="FR", publication_date__year=point["year"]
        ).count()
        assert point["publications"] == published and point["rank"]

    # Every write went through the change log, under the command's name.
    assert set(ObjectChange.objects.values_list("source", flat=True)) == {"command"}

    counts = (Invention.objects.count(), ObjectChange.objects.count())
    call_command("demo", stdout=io.StringIO())
    assert (Invention.objects.count(), ObjectChange.objects.count()) == counts
