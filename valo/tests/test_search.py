"""Issue 14: one search box for a number, a title, a person, a company, a publication number —
ranked (the exact reference first), through each user's restricted querysets, bounded."""

from __future__ import annotations

import datetime

import pytest

from valo.agreements.models import Agreement
from valo.inventions.models import KnowHow, KnowHowMember
from valo.inventions.tests.conftest import make_invention
from valo.patents.models import PatentApplication, PatentFamily

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(cast):
    invention = make_invention(
        cast, cast.lab_a, [cast.people["researcher_a"]], title="Self-calibrating optical sensor"
    )
    invention.reference = "INV-2026-014"
    invention.save()
    other = make_invention(cast, cast.lab_a, [cast.people["researcher_a"]], title="Optical mount")
    other.reference = "INV-2026-0141"
    other.save()
    make_invention(cast, cast.lab_b, [cast.people["bob_b"]], title="Optical gadget of school B")
    family = PatentFamily.objects.create(
        reference="F-2026-020", title="Optical sensor", unit=cast.lab_a, invention=invention
    )
    PatentApplication.objects.create(
        family=family,
        office="FR",
        route="first_filing",
        filing_date=datetime.date(2026, 2, 3),
        application_number="FR2601234",
        publication_number="FR3098001",
    )
    Agreement.objects.create(
        reference="LIC-2026-013",
        title="Sensor licence",
        kind="licence",
        unit=cast.lab_a,
        partner=cast.company,
        requested_on=datetime.date(2026, 1, 5),
    )
    secret = KnowHow.objects.create(title="Optical furnace profile", unit=cast.lab_a)
    KnowHowMember.objects.create(know_how=secret, user=cast.users["officer_a"])
    return invention


def labels(client, query):
    page = client.get("/search/", {"q": query})
    assert page.status_code == 200
    return [h.label for h in page.context["hits"]]


def test_one_box_finds_numbers_titles_people_and_companies(cast, records, login):
    client = login("officer_a")
    # The exact reference first, before the one it begins.
    found = labels(client, "INV-2026-014")
    assert found[:2] == [
        "INV-2026-014 – Self-calibrating optical sensor",
        "INV-2026-0141 – Optical mount",
    ]
    assert "F-2026-020 – Optical sensor" in labels(client, "optical sensor")
    # A publication number as people type it, spaces and all.
    assert any("F-2026-020" in label for label in labels(client, "FR 3098001"))
    assert "Researcher_A Tester" in labels(client, "tester researcher_a")
    assert "Acme Industries" in labels(client, "732829320")
    assert "LIC-2026-013 – Sensor licence" in labels(client, "acme")
    assert "Optical furnace profile" in labels(client, "furnace")


def test_the_search_finds_only_what_the_user_may_see(cast, records, login):
    officer_b = labels(login("officer_b"), "optical")
    assert "INV-2026-014 – Self-calibrating optical sensor" not in officer_b
    assert any("school B" in label for label in officer_b)
    assert "Optical furnace profile" not in officer_b  # know-how: named people only
    researcher = labels(login("researcher_a"), "optical")
    assert "INV-2026-014 – Self-calibrating optical sensor" in researcher
    assert "LIC-2026-013 – Sensor licence" not in labels(login("researcher_a"), "sensor")


def test_the_type_ahead_and_bad_queries(cast, records, login):
    client = login("officer_a")
    typed = client.get("/search/", {"q": "INV-2026"}, HTTP_HX_REQUEST="true")
    assert typed.status_code == 200 and 'data-testid="search-results"' in typed.content.decode()
    assert "<html" not in typed.content.decode()
    too_long = client.get("/search/", {"q": "x" * 500})
    assert too_long.status_code == 400 and "q" in too_long.content.decode()
    assert labels(client, "a") == []  # one letter finds nothing (not everything)
    assert labels(client, "%_'\";--") == []
