"""Issue 10: a new family's responsible person defaults to the officer following its unit (a dated
setting per unit, inherited from the nearest parent), and deadlines nobody is responsible for are
shown on the board and reach the officers' digest."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from valo.directory.models import UnitOfficer
from valo.patents import engine
from valo.patents.models import PatentApplication, PatentFamily
from valo.patents.reminders import send_digests

pytestmark = pytest.mark.django_db
D = datetime.date


def test_a_new_family_goes_to_the_schools_officer(cast):
    officer = cast.users["officer_a"]
    UnitOfficer.objects.create(unit=cast.school_a, officer=officer, start=D(2020, 1, 1))
    family = PatentFamily.objects.create(reference="F-9", title="x", unit=cast.lab_a)
    assert family.responsible == officer
    # A setting that has ended no longer applies.
    UnitOfficer.objects.filter(unit=cast.school_a).update(end=D(2021, 1, 1))
    assert (
        PatentFamily.objects.create(reference="F-10", title="y", unit=cast.lab_a).responsible
        is None
    )


def test_unassigned_deadlines_on_the_board_and_in_the_officers_digest(client, cast):
    family = PatentFamily.objects.create(reference="F-11", title="x", unit=cast.lab_a)
    today = D(2026, 12, 1)
    application = PatentApplication.objects.create(
        family=family, office="FR", route="first_filing", filing_date=D(2026, 1, 20)
    )
    engine.sync([application])
    client.force_login(cast.users["officer_a"])
    page = client.get("/patents/deadlines/").content.decode()
    assert 'data-testid="unassigned"' in page
    cast.users["officer_a"].email = "officer.a@example.org"
    cast.users["officer_a"].save()
    assert send_digests(today) >= 1
    # Priority year: 20 January 2027, within the digest's horizon.
    assert any("officer.a@example.org" in m.to for m in mail.outbox)
    assert any("Priority year" in m.body for m in mail.outbox)
