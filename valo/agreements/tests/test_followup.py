"""Issue 17: what licensees owe and have not given, computed by hand from the licence's terms.

The licence (signed 10 May 2023, effective 1 June 2023) asks each year's statement of net sales
within 90 days of 31 December and payment within 30 days of the statement; royalties are 3 % of net
sales up to 1 000 000, 2 % above, with an annual minimum of 10 000.
- 2023: statement received 20 March 2024, sales 500 000 → 3 % = 15 000 (above the minimum); 10 000
  paid → 5 000 outstanding since 19 April 2024 (20 March + 30 days).
- 2024: statement received 31 March 2025, sales 1 200 000 → 30 000 + 2 % × 200 000 = 34 000, paid
  in full → nothing owed.
- 2025: no statement; due 31 December 2025 + 90 days = 31 March 2026.
- 2026: the year is not over on 15 June 2026: nothing is due yet.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from valo.agreements import followup
from valo.agreements.models import Agreement, Licence, Payment, RoyaltyStatement, RoyaltyTier

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture
def licence(cast):
    agreement = Agreement.objects.create(
        reference="LIC-2023-007",
        title="Optical sensor licence",
        kind="licence",
        unit=cast.lab_a,
        partner=cast.company,
        requested_on=datetime.date(2023, 1, 9),
        signed_on=datetime.date(2023, 5, 10),
        effective_on=datetime.date(2023, 6, 1),
    )
    Licence.objects.create(
        agreement=agreement,
        annual_minimum=Decimal(10_000),
        statement_due_days=90,
        payment_due_days=30,
    )
    RoyaltyTier.objects.create(agreement=agreement, from_amount=Decimal(0), rate=Decimal(3))
    RoyaltyTier.objects.create(agreement=agreement, from_amount=Decimal(1_000_000), rate=Decimal(2))
    first = RoyaltyStatement.objects.create(
        agreement=agreement,
        year=2023,
        net_sales=Decimal(500_000),
        received_on=datetime.date(2024, 3, 20),
    )
    Payment.objects.create(
        agreement=agreement,
        kind="royalty",
        received_on=datetime.date(2024, 4, 10),
        amount=Decimal(10_000),
        statement=first,
    )
    second = RoyaltyStatement.objects.create(
        agreement=agreement,
        year=2024,
        net_sales=Decimal(1_200_000),
        received_on=datetime.date(2025, 3, 31),
    )
    Payment.objects.create(
        agreement=agreement,
        kind="royalty",
        received_on=datetime.date(2025, 4, 20),
        amount=Decimal(34_000),
        statement=second,
    )
    return agreement


def test_the_statement_not_received_is_owed_from_its_due_date(cast, licence):
    officer = cast.users["officer_a"]
    owed = followup.statements_owed(officer, TODAY, TODAY)
    assert [(o.agreement.reference, o.year, o.due_date) for o in owed] == [
        ("LIC-2023-007", 2025, datetime.date(2026, 3, 31))
    ]
    # The day before it falls due, nothing is owed yet.
    assert followup.statements_owed(officer, datetime.date(2026, 3, 30), TODAY) == []
    # An agreement ended in September 2024 owes no statement of 2025.
    licence.ended_on = datetime.date(2024, 9, 30)
    licence.save()
    assert followup.statements_owed(officer, TODAY, TODAY) == []


def test_royalties_shown_and_not_paid_are_overdue_by_the_payment_terms(cast, licence):
    owed = followup.payments_owed(cast.users["officer_a"], TODAY)
    assert [(o.statement.year, o.owed, o.paid, o.outstanding, o.due_date) for o in owed] == [
        (2023, Decimal("15000.00"), Decimal(10_000), Decimal("5000.00"), datetime.date(2024, 4, 19))
    ]


def test_only_those_who_may_read_the_licence_are_told(cast, licence):
    for name in ("officer_b", "researcher_a"):
        user = cast.users[name]
        assert followup.statements_owed(user, TODAY, TODAY) == [], name
        assert followup.payments_owed(user, TODAY) == [], name


def test_the_board_and_the_dashboards_show_them(login, cast, licence):
    board = login("officer_a").get(reverse("patents_deadline_list")).content.decode()
    assert "LIC-2023-007: statement of 2025 net sales" in board
    assert "LIC-2023-007: 5,000.00 EUR of 2023 royalties unpaid" in board
    assert (
        "LIC-2023-007"
        not in login("officer_b").get(reverse("patents_deadline_list")).content.decode()
    )
    home = login("officer_a").get("/").content.decode()
    assert "licensee statements overdue" in home and "royalty payments overdue" in home
    finance = login("finance").get("/").content.decode()
    assert "royalty payments overdue" in finance and "5,000.00 EUR outstanding" in finance
    assert "inventors&#x27; remuneration for" in finance
    # The statement owed links to a statement form already filled in with its agreement and year.
    add = reverse("agreements_statement_add") + f"?agreement={licence.pk}&amp;year=2025"
    assert add in board


def test_who_may_not_record_a_statement_is_sent_to_the_agreement(login, cast, licence):
    board = login("director").get(reverse("patents_deadline_list")).content.decode()
    assert "LIC-2023-007: statement of 2025 net sales" in board
    assert reverse("agreements_statement_add") not in board
    assert licence.get_absolute_url() in board


def test_the_licence_page_says_what_is_owed_and_writes_money_as_the_language_does(login, licence):
    """Issue 14: statements owed and royalties unpaid flagged on the licence itself; amounts with
    two decimals and grouping ("Amount — EUR" no more)."""
    page = login("officer_a").get(licence.get_absolute_url()).content.decode()
    owed = page[page.index('data-testid="owed"') :]
    owed = owed[: owed.index("</div>\n  </div>")]
    assert "The statement of 2025 net sales was due on" in owed
    assert "5,000.00 EUR of the 2023 royalties unpaid since" in owed
    assert "10,000.00 EUR" in page  # the annual minimum
    assert 'Amount</dt><dd class="col-sm-6">—</dd>' in page  # no amount: a dash, no currency
    french = login("officer_a")
    french.cookies.load({"django_language": "fr"})
    assert "5\xa0000,00 EUR" in french.get(licence.get_absolute_url()).content.decode()
