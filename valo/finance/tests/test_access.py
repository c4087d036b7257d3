"""Who reads remuneration: each inventor their own statement; finance and the direction everyone's
in scope (with the payroll export); anyone else gets 404, on pages and in the API."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse

from valo.finance.tests.conftest import pay

# researcher_a in 2025 on 10 000 € received: 3 000 (prime d'intéressement) + 1 440 (prime au
# brevet 2/2), worked by hand in test_worked_numbers.py.
TOTAL_A = "4,440.00 €"  # as the page writes it (the API keeps the plain decimal)


@pytest.fixture
def paid(cast, licensed):
    pay(licensed[2], datetime.date(2025, 9, 1), 10_000)
    return cast.people


def statement_url(person) -> str:
    return reverse("finance_statement", args=[person.pk]) + "?year=2025"


def test_an_inventor_reads_their_own_statement_only(login, api, paid):
    client = login("researcher_a")
    mine = client.get(reverse("finance_my_statement") + "?year=2025", follow=True)
    assert f'data-testid="total">{TOTAL_A}<' in mine.content.decode()
    assert "Your base" in mine.content.decode()
    assert client.get(statement_url(paid["researcher_a2"])).status_code == 404
    # The kind of page is refused to the role (403); another person's statement is hidden (404).
    assert client.get(reverse("finance_statements") + "?year=2025").status_code == 403
    own = api("researcher_a").get(f"/api/finance/statements/{paid['researcher_a'].pk}/?year=2025")
    assert own.json()["total"] == "4440.00"
    other = f"/api/finance/statements/{paid['researcher_a2'].pk}/?year=2025"
    assert api("researcher_a").get(other).status_code == 404


@pytest.mark.parametrize("user", ["finance", "director"])
def test_finance_and_the_direction_read_every_amount(login, api, paid, user):
    page = login(user).get(statement_url(paid["researcher_a"]))
    assert f'data-testid="total">{TOTAL_A}<' in page.content.decode()
    # Not "your" base: the page is read by someone else (issue 14).
    assert "Your base" not in page.content.decode()
    assert "The inventor's base" in page.content.decode()
    listing = login(user).get(reverse("finance_statements") + "?year=2025").content.decode()
    assert "4,440.00 €" in listing
    response = api(user).get(f"/api/finance/statements/{paid['researcher_a2'].pk}/?year=2025")
    assert response.status_code == 200


def test_an_officer_does_not_read_remuneration(login, api, paid):
    assert login("officer_a").get(statement_url(paid["researcher_a"])).status_code == 404
    other = f"/api/finance/statements/{paid['researcher_a'].pk}/?year=2025"
    assert api("officer_a").get(other).status_code == 404


def test_the_payroll_export_lists_each_inventor_with_the_gross_pay(login, paid, settings):
    settings.VALO_PRIME_EMPLOYER_RATE = "0.48"
    paid["researcher_a"].employee_number = "M-0042"
    paid["researcher_a"].save()
    response = login("finance").get(reverse("finance_statements") + "?year=2025&export=csv")
    # The one export path: CSV streams, UTF-8 with a byte-order mark (for Excel).
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    by_name = {row["first_name"]: row for row in rows}
    mine = by_name["Researcher_A"]
    assert mine["employee_number"] == "M-0042"
    # The two primes apart (issue 14): 3 000 of intéressement, 1 440 of the prime au brevet.
    assert (mine["prime_interessement"], mine["prime_au_brevet"]) == ("3000.00", "1440.00")
    assert mine["amount_charges_included"] == "4440.00"
    # 4 440 / 1.48 = 3 000.00 paid to the inventor once the employer's charges are taken out.
    assert mine["gross_pay"] == "3000.00"
    # researcher_a2 at 0.4: 2 000 + 960 = 2 960 (÷ 1.48 = 2 000.00); the totals row adds them.
    total = by_name[""]
    assert total["last_name"] == "TOTAL" and total["amount_charges_included"] == "7400.00"
    assert (total["prime_interessement"], total["prime_au_brevet"]) == ("5000.00", "2400.00")
    assert total["gross_pay"] == "5000.00"
    assert set(by_name) == {"Researcher_A", "Researcher_A2", ""}
    page = login("finance").get(reverse("finance_statements") + "?year=2025").content.decode()
    assert 'data-testid="no-employer-rate"' not in page and "7,400.00 €" in page


def test_the_payroll_page_warns_when_the_employer_rate_is_not_set(login, paid, settings):
    settings.VALO_PRIME_EMPLOYER_RATE = "0"
    page = login("finance").get(reverse("finance_statements") + "?year=2025").content.decode()
    assert 'data-testid="no-employer-rate"' in page


def test_a_direct_cost_entered_on_its_page_lowers_the_bonus(login, paid, licensed):
    invention = licensed[0]
    client = login("officer_a")
    response = client.post(
        reverse("finance_directcost_add"),
        {"invention": invention.pk, "date": "2025-06-30", "amount": "2000", "label": "Prototype"},
    )
    assert response.status_code == 302
    # Base 10 000 − 2 000 = 8 000; × 0.6 × 50 % = 2 400; + 1 440 prime au brevet 2/2.
    page = login("researcher_a").get(statement_url(paid["researcher_a"])).content.decode()
    assert 'data-testid="total">3,840.00 €<' in page
    # Another school's officer cannot charge it.
    refused = login("officer_b").post(
        reverse("finance_directcost_add"),
        {"invention": invention.pk, "date": "2025-06-30", "amount": "5", "label": "x"},
    )
    assert refused.status_code == 200 and "invention" in refused.context["form"].errors


@pytest.mark.parametrize(
    ("user", "transfer", "remuneration"),
    [("researcher_a", False, False), ("committee", True, False), ("finance", True, True)],
)
def test_the_menu_offers_only_what_the_user_may_open(login, cast, user, transfer, remuneration):
    page = login(user).get("/").content.decode()
    assert ('href="/agreements/"' in page) is transfer
    assert ('href="/finance/statements/"' in page) is remuneration
    # Whoever is a person of the directory reads their own; the cast's staff accounts are not.
    assert ('href="/finance/statements/mine/"' in page) is (user == "researcher_a")
