"""The mandataire unique's clock, a dated rule (reference/french-rules.md §3): décret 2014-1518
(9 months from the priority filing) before 15 January 2020; since décret 2020-24 (D533-2), 1 month
from the decision creating or renewing the research unit, and the unit's designation covers its
results."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from valo.agreements.coownership import co_owned_families
from valo.agreements.models import Agreement
from valo.directory.models import Organization
from valo.patents.models import ApplicationOwner, PatentApplication, PatentFamily

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def public_partner():
    return Organization.objects.create(name="CNRS", kind="public_research_body")


def co_owned(cast, partner, filed):
    family = PatentFamily.objects.create(reference=f"F-{filed.year}", title="x", unit=cast.lab_a)
    application = PatentApplication.objects.create(
        family=family, office="FR", route="first_filing", filing_date=filed
    )
    ApplicationOwner.objects.create(
        application=application, organization=cast.lab_a, share=Decimal("0.5")
    )
    ApplicationOwner.objects.create(
        application=application, organization=partner, share=Decimal("0.5")
    )
    return family


def row(family):
    return next(
        r
        for r in co_owned_families(PatentFamily.objects.all(), Agreement.objects.all())
        if r.family == family
    )


def test_before_2020_nine_months_from_the_priority_filing(cast, public_partner):
    # Décret 2014-1518 art. 1: first filing 1 March 2018 + 9 months = 1 December 2018.
    found = row(co_owned(cast, public_partner, D(2018, 3, 1)))
    assert found.mandate_due == D(2018, 12, 1)
    assert "2014-1518" in found.mandate_rule.source


def test_since_2020_one_month_from_the_units_decision(cast, public_partner):
    # D533-2: the unit renewed on 15 January 2021 → its mandataire designated by 15 February 2021,
    # whatever the result's filing date (10 May 2021).
    cast.lab_a.unit_decision_on = D(2021, 1, 15)
    cast.lab_a.save()
    family = co_owned(cast, public_partner, D(2021, 5, 10))
    found = row(family)
    assert found.mandate_due == D(2021, 2, 15)
    assert "D533-2" in found.mandate_rule.source
    # The unit's designation (linked to no family) covers the result: no clock any more.
    designation = Agreement.objects.create(
        reference="MU-LAB-A1",
        title="Mandataire unique of Lab A1",
        kind="mandataire",
        unit=cast.lab_a,
        partner=public_partner,
        requested_on=D(2021, 1, 20),
        signed_on=D(2021, 2, 1),
    )
    found = row(family)
    assert (found.mandataire, found.mandate_due) == (designation, None)


def test_since_2020_without_the_units_decision_no_date_is_invented(cast, public_partner):
    found = row(co_owned(cast, public_partner, D(2021, 5, 10)))
    assert found.mandate_due is None and found.mandate_from is None
    assert found.mandate_rule.key == "mandataire-unique-unit-designation"
