"""A researcher's involvement is checked against the caps in force on its authorisation date
(core.Parameter, CPI-free: Code de la recherche L531-x), and the warning shows on page and API."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from valo.core.models import Parameter
from valo.directory.models import Organization
from valo.ventures.models import Involvement, Venture


@pytest.fixture
def venture(cast):
    startup = Organization.objects.create(name="Photonix SAS", kind="startup")
    return Venture.objects.create(
        company=startup, kind="spin_off", unit=cast.lab_a, created_on=datetime.date(2024, 9, 1)
    )


def involve(venture, person, equity, scheme="L531-9", on=datetime.date(2024, 9, 1)):
    return Involvement.objects.create(
        venture=venture,
        person=person,
        scheme=scheme,
        authorised_on=on,
        equity=Decimal(equity),
        voting_rights=Decimal(10),
    )


def test_equity_above_the_cap_shows_the_warning(login, api, cast, venture):
    over = involve(venture, cast.people["researcher_a"], "55")  # above the 49 % cap
    involve(venture, cast.people["researcher_a2"], "30")  # within it
    assert over.warnings() == [
        "L531-9 equity (scientific consultancy): 55 % is above the cap of 49 % "
        "(Loi 2006-450 (49 % of capital))."
    ]
    page = login("officer_a").get(reverse("ventures_venture_detail", args=[venture.pk]))
    assert page.content.decode().count('data-testid="cap-warning"') == 1
    rows = api("officer_a").get(f"/api/ventures/involvements/?venture={venture.pk}").json()
    assert sorted(len(row["warnings"]) for row in rows["results"]) == [0, 1]


def test_the_cap_in_force_on_the_authorisation_date_applies(cast, venture):
    """A new dated cap changes the verdict for authorisations from its start, not before."""
    Parameter.objects.create(
        key="ventures-l531-9-equity-cap",
        label="L531-9 equity (scientific consultancy)",
        value=Decimal(60),
        unit="percent",
        start=datetime.date(2025, 1, 1),
        source="test: a later law",
    )
    assert involve(venture, cast.people["researcher_a"], "55").warnings() != []
    later = involve(venture, cast.people["researcher_a2"], "55", on=datetime.date(2025, 2, 1))
    assert later.warnings() == []


def test_a_researcher_does_not_see_ventures(login, venture):
    url = reverse("ventures_venture_detail", args=[venture.pk])
    # Researchers may use no venture page (403); another school's officer may not see this one (404).
    assert login("researcher_a").get(url).status_code == 403
    assert login("officer_b").get(url).status_code == 404
    assert login("director").get(url).status_code == 200


def test_an_authorisation_that_expires_soon_is_on_the_deadline_board(login, cast, venture):
    from django.utils import timezone

    involvement = involve(venture, cast.people["researcher_a"], "10")
    involvement.expires_on = timezone.localdate() + datetime.timedelta(days=60)
    involvement.save()
    page = login("officer_a").get(reverse("patents_deadline_list")).content.decode()
    assert "Researcher_A Tester – Photonix SAS (L531-9)" in page
    assert (
        "Photonix" not in login("officer_b").get(reverse("patents_deadline_list")).content.decode()
    )


def test_funding_rounds_make_the_funds_raised(login, api, venture):
    client = login("officer_a")
    for closed_on, label, amount in [
        ("2025-03-01", "Seed", "800000"),
        ("2026-06-15", "Series A", "3000000"),
    ]:
        response = client.post(
            reverse("ventures_round_add"),
            {
                "venture": venture.pk,
                "closed_on": closed_on,
                "label": label,
                "amount": amount,
                "currency": "EUR",
                "investors": "Bpifrance",
            },
        )
        assert response.status_code == 302
    assert venture.funds_raised == Decimal("3800000")
    page = client.get(reverse("ventures_venture_detail", args=[venture.pk])).content.decode()
    assert "Funds raised (EUR) 3800000.00" in page and "Series A" in page
    payload = {"venture": venture.pk, "closed_on": "2026-07-01", "label": "Bridge", "amount": "1"}
    assert api("officer_b").post("/api/ventures/funding-rounds/", payload).status_code == 400
    assert api("director").post("/api/ventures/funding-rounds/", payload).status_code == 403
