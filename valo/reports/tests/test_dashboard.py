"""Each role's home page: its figures, counted through its own scope, each a link to the list behind."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from valo.patents.models import Deadline, DeadlineRule, PatentApplication, PatentFamily


def _tiles(client):
    page = client.get("/")
    assert page.status_code == 200
    return {
        str(panel.title): {str(t.label): t for t in panel.tiles} for panel in page.context["panels"]
    }


@pytest.fixture
def deadlines(cast):
    """Open deadlines in 5 and 60 days in school A (one assigned to officer_a), 20 days in school B."""
    today = timezone.localdate()
    rule = DeadlineRule.objects.filter(informational=False).first()
    for reference, unit, days, responsible in [
        ("FA", cast.lab_a, 5, cast.users["officer_a"]),
        ("FA2", cast.lab_a, 60, None),
        ("FB", cast.lab_b, 20, None),
    ]:
        family = PatentFamily.objects.create(reference=reference, title=reference, unit=unit)
        application = PatentApplication.objects.create(
            family=family, office="FR", route="first_filing", filing_date=today
        )
        Deadline.objects.filter(application=application).delete()
        Deadline.objects.create(
            application=application,
            rule=rule,
            label="Answer",
            base_date=today,
            due_date=today + datetime.timedelta(days=days),
            responsible=responsible,
        )


@pytest.mark.django_db
def test_an_officer_sees_the_deadlines_of_their_schools_only(cast, login, deadlines):
    work = _tiles(login("officer_a"))["Your work"]
    assert work["deadlines due within 7 days"].value == 1
    assert work["deadlines due within 7 days"].warn
    assert str(work["deadlines due within 7 days"].note) == "1 mine"
    assert work["deadlines due within 30 days"].value == 1  # school B's 20-day one is not theirs
    assert work["deadlines due within 90 days"].value == 2
    assert work["with nobody responsible (90 days)"].value == 1
    # Each figure opens the list it counts, with the same filters.
    board = login("officer_a").get(work["deadlines due within 90 days"].url)
    assert board.status_code == 200 and board.context["page_obj"].paginator.count == 2
    assert _tiles(login("officer_b"))["Your work"]["deadlines due within 30 days"].value == 1


@pytest.mark.django_db
def test_a_researcher_sees_their_inventions_and_no_money(cast, login, deadlines):
    from valo.inventions.tests.conftest import make_invention

    make_invention(cast, cast.lab_a, [cast.people["researcher_a"]], state="declared")
    make_invention(cast, cast.lab_a, [cast.people["researcher_a2"]], state="decided")
    panels = _tiles(login("researcher_a"))
    assert list(panels) == ["My inventions"]
    last = timezone.localdate().year - 1
    # Their inventions and their own remuneration statement: no portfolio money.
    assert {label: t.value for label, t in panels["My inventions"].items()} == {
        "Declared": 1,
        f"my remuneration for {last}": "0.00 EUR",
    }
    statement = login("researcher_a").get(
        panels["My inventions"][f"my remuneration for {last}"].url, follow=True
    )
    assert statement.status_code == 200 and statement.context["person"].user.username == (
        "researcher_a"
    )


@pytest.mark.django_db
def test_the_director_sees_the_key_figures_this_year_and_last(cast, login):
    from valo.inventions.tests.conftest import make_invention

    year = timezone.localdate().year
    make_invention(cast, cast.lab_a, [cast.people["bob_b"]], received_on=datetime.date(year, 1, 2))
    for day in (3, 4):
        make_invention(
            cast, cast.lab_b, [cast.people["bob_b"]], received_on=datetime.date(year - 1, 1, day)
        )
    key = _tiles(login("director"))[f"Key figures {year}"]
    declarations = key["Invention declarations received"]
    assert declarations.value == "1" and str(declarations.note) == f"{year - 1}: 2 ↓"
    assert login("director").get(declarations.url).context["total"] == 1
    # The finance role sees the revenue, not the officers' work.
    assert list(_tiles(login("finance"))) == ["Revenue"]
