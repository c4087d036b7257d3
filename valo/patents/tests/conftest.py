"""A family owned by school A's lab: a French first filing and its extensions."""

from __future__ import annotations

import datetime

import pytest

from valo.patents.models import PatentApplication, PatentFamily


@pytest.fixture
def family(cast):
    return PatentFamily.objects.create(
        reference="FAM-0001",
        title="Optical sensor",
        unit=cast.lab_a,
        responsible=cast.users["officer_a"],
    )


@pytest.fixture
def fr_first(family):
    return PatentApplication.objects.create(
        family=family,
        office="FR",
        route="first_filing",
        application_number="FR2001234",
        filing_date=datetime.date(2020, 2, 29),
    )


# The inventions' fixtures, for families linked to an invention.
from valo.inventions.tests.conftest import inv_a  # noqa: E402, F401
