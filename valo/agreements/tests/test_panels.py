"""Issue 14: a patent family's page shows its licences (with their terms) and other agreements — to
the staff who may see them; the family's inventors, who read the family, do not see them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from valo.agreements.models import Agreement, AgreementFamily, Licence
from valo.inventions.tests.conftest import make_invention
from valo.patents.models import PatentFamily

pytestmark = pytest.mark.django_db


def test_the_family_page_lists_its_licences_for_the_staff_only(cast, login):
    invention = make_invention(cast, cast.lab_a, [cast.people["researcher_a"]])
    family = PatentFamily.objects.create(
        reference="F-19", title="Optical sensor", unit=cast.lab_a, invention=invention
    )
    licence = Agreement.objects.create(
        reference="LIC-2026-012",
        title="Sensor licence",
        kind="licence",
        unit=cast.lab_a,
        partner=cast.company,
        requested_on=datetime.date(2026, 1, 5),
        signed_on=datetime.date(2026, 4, 2),
    )
    Licence.objects.create(
        agreement=licence,
        exclusive=True,
        field_of_use="metrology",
        territory="Europe",
        annual_minimum=Decimal(10_000),
    )
    nda = Agreement.objects.create(
        reference="NDA-2025-004",
        title="Talks",
        kind="nda",
        unit=cast.lab_a,
        partner=cast.company,
        requested_on=datetime.date(2025, 6, 1),
    )
    for agreement in (licence, nda):
        AgreementFamily.objects.create(agreement=agreement, family=family)
    page = login("officer_a").get(family.get_absolute_url()).content.decode()
    assert page.count('data-testid="family-licence"') == 1
    assert "LIC-2026-012" in page and "exclusive · metrology · Europe" in page
    assert "minimum 10,000.00 EUR" in page and "NDA-2025-004" in page
    inventor = login("researcher_a").get(family.get_absolute_url())
    assert inventor.status_code == 200
    assert 'data-testid="family-agreements"' not in inventor.content.decode()
