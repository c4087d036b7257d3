"""A research contract of school A's lab with a company, and a co-owned family of that lab."""

from __future__ import annotations

import datetime

import pytest

from valo.agreements.models import Agreement, Obligation
from valo.patents.models import PatentApplication, PatentFamily


@pytest.fixture
def contract(cast):
    agreement = Agreement.objects.create(
        reference="RC-2025-001",
        title="Optical sensing collaboration",
        kind="research",
        unit=cast.lab_a,
        partner=cast.company,
        requested_on=datetime.date(2025, 1, 6),
        signed_on=datetime.date(2025, 3, 17),
        effective_on=datetime.date(2025, 4, 1),
        amount=120_000,
    )
    Obligation.objects.create(
        agreement=agreement, label="Interim report", due_date=datetime.date(2026, 3, 31)
    )
    Obligation.objects.create(
        agreement=agreement, label="Final report", due_date=datetime.date(2027, 3, 31)
    )
    Obligation.objects.create(
        agreement=agreement,
        label="Kick-off minutes",
        due_date=datetime.date(2025, 5, 1),
        state="done",
    )
    return agreement


@pytest.fixture
def co_owned_family(cast):
    family = PatentFamily.objects.create(
        reference="FAM-CO-1",
        title="Shared actuator",
        unit=cast.lab_a,
        responsible=cast.users["officer_a"],
    )
    PatentApplication.objects.create(
        family=family,
        office="FR",
        route="first_filing",
        application_number="FR2400001",
        filing_date=datetime.date(2024, 2, 1),
    )
    return family
