"""A family's next application: proposed as a filing claiming the first's priority, it takes the
first filing's applicants and inventors and claims its priority (page and API alike); a family's first
application is proposed as a first filing at INPI."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from valo.patents.models import ApplicationInventor, ApplicationOwner, PatentFamily

pytestmark = pytest.mark.django_db


@pytest.fixture
def owned(fr_first, cast):
    ApplicationOwner.objects.create(
        application=fr_first, organization=cast.lab_a, share=Decimal("0.6"), sequence=1
    )
    ApplicationOwner.objects.create(
        application=fr_first, organization=cast.company, share=Decimal("0.4"), sequence=2
    )
    ApplicationInventor.objects.create(
        application=fr_first, person=cast.people["researcher_a"], name_as_published="TESTER R."
    )
    fr_first.language, fr_first.attorney_firm = "fr", "Cabinet Exemple"
    fr_first.save()
    return fr_first


def test_the_form_proposes_the_next_filing(owned, login, cast):
    client = login("officer_a")
    page = client.get(f"/patents/applications/add/?family={owned.family.pk}")
    initial = page.context["form"].initial
    assert (initial["route"], initial["language"], initial["attorney_firm"]) == (
        "priority_filing",
        "fr",
        "Cabinet Exemple",
    )
    empty = PatentFamily.objects.create(reference="FAM-0002", title="New", unit=cast.lab_a)
    page = client.get(f"/patents/applications/add/?family={empty.pk}")
    assert (page.context["form"].initial["office"], page.context["form"].initial["route"]) == (
        "FR",
        "first_filing",
    )
    # Someone else's family proposes nothing (and shows nothing of it).
    page = login("officer_b").get(f"/patents/applications/add/?family={owned.family.pk}")
    assert "route" not in page.context["form"].initial


def test_a_new_filing_takes_the_applicants_inventors_and_the_priority(owned, login, cast):
    answer = login("officer_a").post(
        "/patents/applications/add/",
        {
            "family": owned.family.pk,
            "office": "EP",
            "route": "priority_filing",
            "application_number": "EP21150001",
            "filing_date": "2021-02-26",
            "status": "pending",
        },
    )
    assert answer.status_code == 302, answer.context["form"].errors
    ep = owned.family.applications.get(office="EP")
    assert list(ep.owners.values_list("organization", "share")) == [
        (cast.lab_a.pk, Decimal("0.6000")),
        (cast.company.pk, Decimal("0.4000")),
    ]
    assert list(ep.inventors.values_list("person", flat=True)) == [cast.people["researcher_a"].pk]
    claim = ep.priority_claims.get()
    assert (claim.priority_application, claim.country, claim.date) == (
        owned,
        "FR",
        datetime.date(2020, 2, 29),
    )
    # Its deadlines count from the priority, 29 February 2020 (the EP's own filing is later).
    assert ep.deadlines.exists()


def test_the_api_completes_a_new_filing_alike(owned, api):
    client = api("officer_a")
    answer = client.post(
        "/api/patents/applications/",
        {
            "family": owned.family.pk,
            "office": "WO",
            "route": "pct",
            "application_number": "PCT/FR2021/050001",
            "filing_date": "2021-02-26",
            "status": "pending",
        },
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    pct = owned.family.applications.get(office="WO")
    assert pct.owners.count() == 2 and pct.inventors.count() == 1
    assert pct.priority_claims.get().priority_application == owned
