"""Worked numbers, each computed by hand in the comments: royalties, the prime d'intéressement and the
prime au brevet (CPI R611-14-1, reference/french-rules.md §2)."""

from __future__ import annotations

import datetime
from decimal import Decimal as D

import pytest

from valo.agreements.models import Agreement, AgreementInvention, Payment
from valo.agreements.royalties import royalties_due
from valo.finance.models import DirectCost
from valo.finance.remuneration import bonus, interessement, prime_au_brevet, yearly_statement
from valo.finance.tests.conftest import pay
from valo.patents.models import Cost, PatentApplication

TIERS = [(D(0), D(5)), (D(100_000), D(3)), (D(500_000), D(2))]
P = D(72_400)


def test_royalties_by_tier_with_the_minimum_topped_up():
    # 5 % × 100 000 = 5 000; 3 % × 400 000 = 12 000; 2 % × 150 000 = 3 000 → 20 000; minimum 25 000 → +5 000.
    due = royalties_due(D(650_000), TIERS, D(25_000))
    assert (due.royalties, due.top_up, due.total) == (D(20_000), D(5_000), D(25_000))
    assert [line.amount for line in due.lines] == [D(5_000), D(12_000), D(3_000), D(5_000)]
    assert due.lines[1].text == "3% × 400,000.00 (sales 100,000.00 – 500,000.00)"
    # Below the first threshold only: 5 % × 80 000 = 4 000, no minimum.
    assert royalties_due(D(80_000), TIERS).total == D(4_000)
    assert royalties_due(D(0), TIERS, D(1_000)).top_up == D(1_000)


@pytest.mark.parametrize(
    ("base", "reading", "expected"),
    [
        (D(18_000), "base", D(9_000)),  # 50 % × 18 000, below P
        (D(174_000), "base", D(61_600)),  # 50 % × 72 400 + 25 % × 101 600 = 36 200 + 25 400
        (D(174_000), "bonus", D(79_700)),  # 50 % × 144 800 + 25 % × 29 200 = 72 400 + 7 300
        (D(116_000), "base", D(47_100)),  # 36 200 + 25 % × 43 600
        (D(116_000), "bonus", D(58_000)),  # below 2P: 50 % × 116 000
    ],
)
def test_the_two_readings_of_the_ceiling(base, reading, expected):
    assert bonus(base, P, reading) == expected


def test_interessement_below_above_and_after_a_loss_year(cast, licensed):
    invention, fr, licence = licensed
    # 2023: revenue 50 000, costs 20 000 (patent 12 000 + other 8 000) → base 30 000.
    pay(licence, datetime.date(2023, 9, 1), 50_000)
    Cost.objects.create(
        application=fr, kind="attorney", date=datetime.date(2023, 4, 1), amount=D(12_000)
    )
    DirectCost.objects.create(
        invention=invention, date=datetime.date(2023, 5, 1), amount=D(8_000), label="prototype"
    )
    # 2024: revenue 300 000, costs 10 000 → base 290 000 (A 174 000, B 116 000: above P).
    pay(licence, datetime.date(2024, 3, 1), 300_000)
    DirectCost.objects.create(
        invention=invention, date=datetime.date(2024, 2, 1), amount=D(10_000), label="study"
    )
    # 2025: revenue 5 000, costs 15 000 → loss 10 000 carried forward, base 0.
    pay(licence, datetime.date(2025, 3, 1), 5_000)
    DirectCost.objects.create(
        invention=invention, date=datetime.date(2025, 2, 1), amount=D(15_000), label="study"
    )
    # 2026: revenue 40 000, costs 5 000, carried 10 000 → base 25 000 (A 15 000, B 10 000).
    pay(licence, datetime.date(2026, 3, 1), 40_000)
    DirectCost.objects.create(
        invention=invention, date=datetime.date(2026, 2, 1), amount=D(5_000), label="study"
    )

    def amounts(year, reading="base"):
        result = interessement(invention, year, reading=reading)
        return (
            result.base,
            [(i.person.first_name, base, prime) for i, base, prime in result.inventors],
            result,
        )

    assert amounts(2023)[:2] == (
        D(30_000),
        [("Researcher_A", D(18_000), D(9_000)), ("Researcher_A2", D(12_000), D(6_000))],
    )
    assert amounts(2024)[:2] == (
        D(290_000),
        [("Researcher_A", D(174_000), D(61_600)), ("Researcher_A2", D(116_000), D(47_100))],
    )
    assert amounts(2024, "bonus")[1] == [
        ("Researcher_A", D(174_000), D(79_700)),
        ("Researcher_A2", D(116_000), D(58_000)),
    ]
    base, _rows, loss = amounts(2025)
    assert (base, loss.carried_out) == (D(0), D(10_000))
    base, rows, year = amounts(2026)
    assert (base, year.carried_in) == (D(25_000), D(10_000))
    assert rows == [("Researcher_A", D(15_000), D(7_500)), ("Researcher_A2", D(10_000), D(5_000))]


def test_prime_au_brevet_triggers(cast, licensed):
    invention, _fr, _licence = licensed
    instalments = [
        (i.inventor.person.first_name, i.label, i.due_on, i.amount)
        for i in prime_au_brevet(invention)
    ]
    # 3 000 € × coefficient: 20 % a year after the first filing (15 March 2024), 80 % at the licence (1 June 2025).
    assert instalments == [
        ("Researcher_A", "prime au brevet 1/2", datetime.date(2024, 3, 15), D(360)),
        ("Researcher_A", "prime au brevet 2/2", datetime.date(2025, 6, 1), D(1_440)),
        ("Researcher_A2", "prime au brevet 1/2", datetime.date(2024, 3, 15), D(240)),
        ("Researcher_A2", "prime au brevet 2/2", datetime.date(2025, 6, 1), D(960)),
    ]


def test_co_owned_revenue_counts_for_the_institutions_share(cast, licensed):
    invention, _fr, licence = licensed
    licence.ip_ownership, licence.institution_share = "co_owned", D("0.5")
    licence.save()
    pay(licence, datetime.date(2024, 3, 1), 40_000)
    assert interessement(invention, 2024).base == D(20_000)


def test_the_yearly_statement_of_an_inventor(cast, licensed):
    _invention, _fr, licence = licensed
    pay(licence, datetime.date(2025, 9, 1), 10_000)
    lines = yearly_statement(cast.people["researcher_a"], 2025)
    assert [(line.kind, line.amount) for line in lines] == [
        ("prime d'intéressement", D(3_000)),
        ("prime au brevet 2/2", D(1_440)),
    ]


def test_research_contract_funding_is_not_in_the_base(cast, licensed):
    # CPI R611-14-1 II: the base is the income from exploiting the invention. 2024: royalties
    # 10 000 and a research contract's funding 50 000 on the same agreement → base 10 000.
    invention, _fr, licence = licensed
    pay(licence, datetime.date(2024, 3, 1), 10_000)
    Payment.objects.create(
        agreement=licence, kind="contract", received_on=datetime.date(2024, 4, 1), amount=D(50_000)
    )
    assert interessement(invention, 2024).base == D(10_000)


def test_co_owned_licence_is_cut_once(cast, licensed):
    # Reference §2.2: revenue 40 000 at the institution's share 0.5 = 20 000; the sole internal
    # inventor has a global coefficient 0.5 (the partner's researcher has the other 0.5), so among
    # the institution's own agents the coefficient is 1: base 20 000, bonus 50 % = 10 000 (< P).
    invention, _fr, licence = licensed
    internal, partner = invention.inventorships.order_by("-share")
    internal.share = D("0.5")
    internal.save()
    partner.employer, partner.share = cast.company, D("0.5")
    partner.save()
    licence.ip_ownership, licence.institution_share = "co_owned", D("0.5")
    licence.save()
    pay(licence, datetime.date(2024, 3, 1), 40_000)
    result = interessement(invention, 2024)
    assert result.base == D(20_000)
    assert [(i.pk, base, prime) for i, base, prime in result.inventors] == [
        (internal.pk, D(20_000), D(10_000))
    ]
    assert result.coefficients[internal.pk] == 1


def test_co_owned_costs_at_the_institutions_share(cast, licensed):
    # Co-ownership agreement, institution's share 0.5: a 12 000 patent invoice counts 6 000.
    # 2024: royalties 30 000 − 6 000 = base 24 000. If the agreement says the institution bears
    # all costs: 30 000 − 12 000 = 18 000.
    invention, fr, licence = licensed
    co = Agreement.objects.create(
        reference="COP-1",
        title="Règlement de copropriété",
        kind="co_ownership",
        unit=cast.lab_a,
        partner=cast.company,
        requested_on=datetime.date(2023, 1, 10),
        signed_on=datetime.date(2023, 2, 1),
        ip_ownership="co_owned",
        institution_share=D("0.5"),
    )
    AgreementInvention.objects.create(agreement=co, invention=invention)
    Cost.objects.create(
        application=fr, kind="attorney", date=datetime.date(2024, 2, 1), amount=D(12_000)
    )
    pay(licence, datetime.date(2024, 3, 1), 30_000)
    assert interessement(invention, 2024).base == D(24_000)
    co.institution_bears_costs = True
    co.save()
    assert interessement(invention, 2024).base == D(18_000)


def test_prime_au_brevet_for_an_ep_direct_first_filing(cast, licensed):
    # The institution's first filing of the invention is an EP-direct application of
    # 10 January 2023 (before the FR one of 15 March 2023): 20 % × 3 000 × 0.6 = 360 on
    # 10 January 2024.
    invention, fr, _licence = licensed
    PatentApplication.objects.create(
        family=fr.family, office="EP", route="ep_direct", filing_date=datetime.date(2023, 1, 10)
    )
    first = prime_au_brevet(invention)[0]
    assert (first.due_on, first.amount) == (datetime.date(2024, 1, 10), D(360))
    fr.delete()
    assert prime_au_brevet(invention)[0].due_on == datetime.date(2024, 1, 10)


def test_the_statement_shows_each_step(client, cast, licensed):
    _invention, _fr, licence = licensed
    pay(licence, datetime.date(2025, 9, 1), 10_000)
    Payment.objects.create(
        agreement=licence, kind="contract", received_on=datetime.date(2025, 4, 1), amount=D(7_000)
    )
    person = cast.people["researcher_a"]
    client.force_login(cast.users["finance"])
    page = client.get(f"/finance/statements/{person.pk}/", {"year": 2025}).content.decode()
    assert "How it is computed" in page
    assert "not exploitation income: not counted" in page
    # 10 000 × coefficient 0.6 = 6 000; 50 % = 3 000.
    assert "0.6000" in page and "6,000.00 €" in page and "3,000.00 €" in page
