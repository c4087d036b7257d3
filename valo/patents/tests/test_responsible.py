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


def test_unassigned_deadlines_on_the_board_and_in_the_officers_digest(
    client, cast, django_capture_on_commit_callbacks
):
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
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(today) >= 1
    # Priority year: 20 January 2027, within the digest's horizon.
    assert any("officer.a@example.org" in m.to for m in mail.outbox)
    assert any("Priority year" in m.body for m in mail.outbox)


def test_the_board_shows_days_left_and_colours_what_is_urgent(client, cast):
    """Issue 14: each open deadline's days left, and its row red when overdue, amber within 7
    days, blue within 30; a closed one is not coloured. The days are in the export too."""
    from django.utils import timezone

    from valo.patents.models import Deadline

    family = PatentFamily.objects.create(reference="F-12", title="x", unit=cast.lab_a)
    application = PatentApplication.objects.create(
        family=family, office="FR", route="first_filing", filing_date=D(2024, 1, 20)
    )
    today = timezone.localdate()
    for days, label in ((-3, "late"), (5, "this week"), (20, "this month"), (60, "later")):
        Deadline.objects.create(
            application=application, label=label, due_date=today + datetime.timedelta(days=days)
        )
    client.force_login(cast.users["officer_a"])
    page = client.get("/patents/deadlines/?state=open&q=F-12")
    rows = {
        obj.label: (css, dict((c.accessor, t) for c, t in cells))
        for obj, cells, css in page.context["rows"]
    }
    assert {label: css for label, (css, _c) in rows.items()} == {
        "late": "table-danger",
        "this week": "table-warning",
        "this month": "table-info",
        "later": "",
    }
    assert [rows[label][1]["days_left"] for label in ("late", "this week", "later")] == [
        "-3",
        "5",
        "60",
    ]
    assert '<tr class="table-danger">' in page.content.decode()
    late = Deadline.objects.get(label="late")
    late.state = "done"
    late.save()
    assert late.urgency == ""
    export = client.get("/patents/deadlines/?state=open&q=F-12&export=csv")
    assert "Days left" in b"".join(export.streaming_content).decode("utf-8-sig").splitlines()[0]


def test_an_expected_publication_is_marked_as_no_time_limit_not_expected_twice(client, cast):
    """Issue 14: "Publication (expected) expected" on the family page."""
    family = PatentFamily.objects.create(reference="F-13", title="x", unit=cast.lab_a)
    application = PatentApplication.objects.create(
        family=family, office="FR", route="first_filing", filing_date=D(2026, 1, 20)
    )
    engine.sync([application])
    client.force_login(cast.users["officer_a"])
    page = client.get(family.get_absolute_url()).content.decode()
    assert "Publication (expected)" in page
    assert ">expected</span>" not in page and ">not a time limit</span>" in page


def test_deadlines_ticked_on_the_board_are_assigned_and_marked_done_in_one_go(client, cast):
    """Issue 14: bulk assign and bulk mark done from the board, each change in the change log; a
    deadline outside the user's scope cannot be ticked in."""
    from django.contrib.contenttypes.models import ContentType

    from valo.core.models import ObjectChange
    from valo.patents.models import Deadline

    family = PatentFamily.objects.create(reference="F-14", title="x", unit=cast.lab_a)
    application = PatentApplication.objects.create(
        family=family, office="FR", route="first_filing", filing_date=D(2024, 1, 20)
    )
    first, second = (
        Deadline.objects.create(application=application, label=label, due_date=D(2027, 1, day))
        for label, day in (("answer A", 5), ("answer B", 6))
    )
    officer = cast.users["officer_a"]
    client.force_login(officer)
    board = client.get("/patents/deadlines/").content.decode()
    assert 'action="/patents/deadlines/bulk-edit/"' in board
    url = "/patents/deadlines/bulk-edit/"
    response = client.post(
        url,
        {"pk": [first.pk, second.pk], "apply": "1", "responsible": officer.pk, "state": "done"},
    )
    assert response.status_code == 302
    for deadline in (first, second):
        deadline.refresh_from_db()
        assert (deadline.responsible, deadline.state) == (officer, "done")
    logged = ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(Deadline),
        object_id__in=[str(first.pk), str(second.pk)],
        action="update",
    )
    assert logged.count() == 2
    # Another school's officer: the deadlines are not theirs to change; nothing is.
    client.force_login(cast.users["officer_b"])
    client.post(url, {"pk": [first.pk], "apply": "1", "state": "open"})
    first.refresh_from_db()
    assert first.state == "done"
