"""Inventions of the cast: one in lab A with both lab-A researchers as inventors, one in lab B."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from valo.inventions.models import Invention, InventionUnit, Inventorship


def make_invention(cast, unit, inventors, *, title="Quantum widget", shares=None, **extra):
    invention = Invention.objects.create(
        title=title, confidential_description="How it works.", **extra
    )
    InventionUnit.objects.create(invention=invention, organization=unit)
    shares = shares or [Decimal(1) / len(inventors)] * len(inventors)
    for person, share in zip(inventors, shares, strict=True):
        Inventorship.objects.create(invention=invention, person=person, share=Decimal(share))
    return invention


@pytest.fixture
def inv_a(cast):
    people = cast.people
    return make_invention(
        cast,
        cast.lab_a,
        [people["researcher_a"], people["researcher_a2"]],
        shares=["0.6", "0.4"],
    )


@pytest.fixture
def inv_b(cast):
    return make_invention(cast, cast.lab_b, [cast.people["bob_b"]], title="Lab B gadget")


@pytest.fixture
def day():
    return datetime.date(2024, 10, 31)
