"""`valo demo` as a whole: the institution, about 120 inventions in every state, logged as a command."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from valo.core.models import ObjectChange
from valo.inventions.choices import InventionState
from valo.inventions.models import Decision, Invention, KnowHow, StateChange


@pytest.mark.django_db
def test_the_demo_command_loads_a_living_office_once():
    out = io.StringIO()
    call_command("demo", stdout=out)
    printed = out.getvalue()
    assert "officer     demo-officer-2026" in printed
    assert "Demo inventions: 120 declarations" in printed

    by_state = dict(Invention.objects.values_list("state").annotate(n=Count("id")))
    assert set(by_state) == set(InventionState.values)
    assert sum(by_state.values()) == 120
    years = {i.received_on.year for i in Invention.objects.exclude(received_on=None)}
    assert years == set(range(2016, 2022))
    decided = Invention.objects.filter(
        state__in=["decided", "protected", "transferred", "released"]
    )
    assert Decision.objects.filter(invention__in=decided).count() == decided.count()
    assert all(d.agreements.exists() for d in Decision.objects.all()[:10])
    assert StateChange.objects.filter(transition="decide").count() >= decided.count()
    assert Invention.objects.filter(inventorships__person__user__username="researcher").exists()
    assert KnowHow.objects.get().members.count() == 2

    # Every write went through the change log, under the command's name.
    assert set(ObjectChange.objects.values_list("source", flat=True)) == {"command"}

    counts = (Invention.objects.count(), ObjectChange.objects.count())
    call_command("demo", stdout=io.StringIO())
    assert (Invention.objects.count(), ObjectChange.objects.count()) == counts
