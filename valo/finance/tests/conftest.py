"""An invention of lab A with two inventors (0.6 / 0.4), its French first filing and a signed licence."""

from __future__ import annotations

import datetime
from decimal import Decimal as D

import pytest

from valo.agreements.models import Agreement, AgreementInvention, Payment
from valo.inventions.tests.conftest import make_invention
from valo.patents.models import PatentApplication, PatentFamily


@pytest.fixture
def licensed(cast):
    """An invention of lab A (inventors 0.6 / 0.4), its French first filing, and a signed licence."""
    invention = make_invention(
        cast,
        cast.lab_a,
        [cast.people["researcher_a"], cast.people["researcher_a2"]],
        shares=["0.6", "0.4"],
    )
    family = PatentFamily.objects.create(
        reference="F-1", title="x", unit=cast.lab_a, invention=invention
    )
    fr = PatentApplication.objects.create(
        family=family,
        office="FR",
        route="first_filing",
        application_number="FR2300001",
        filing_date=datetime.date(2023, 3, 15),
    )
    licence = Agreement.objects.create(
        reference="LIC-1",
        title="Licence",
        kind="licence",
        unit=cast.lab_a,
        partner=cast.company,
        requested_on=datetime.date(2025, 1, 10),
        signed_on=datetime.date(2025, 6, 1),
    )
    AgreementInvention.objects.create(agreement=licence, invention=invention)
    return invention, fr, licence


def pay(licence, day, amount):
    Payment.objects.create(agreement=licence, kind="royalty", received_on=day, amount=D(amount))
