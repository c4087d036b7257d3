"""Issue 13: the portfolio's events reach the right people whatever the write path: a family created
through the API tells the school's officers (in their digest), a deadline given to someone by the
board's bulk edit tells them — and each write path goes through the change log's one signal."""

from __future__ import annotations

import datetime

import pytest

from valo.correspondence.digest import send_digests
from valo.correspondence.models import Notification
from valo.patents.models import Deadline, PatentApplication, PatentFamily

pytestmark = pytest.mark.django_db


def test_a_family_created_through_the_api_is_in_the_officers_digest(
    cast, api, smtp, django_capture_on_commit_callbacks
):
    for name in ("officer_a", "officer_b", "director"):
        cast.users[name].email = f"{name}@example.org"
        cast.users[name].save()
    created = api("admin").post(
        "/api/patents/families/",
        {"reference": "F-2026-07", "title": "Optical sensor", "unit": cast.lab_a.pk},
        format="json",
    )
    assert created.status_code == 201, created.content
    (told,) = Notification.objects.filter(event="patents.family_created")
    assert told.recipient == cast.users["officer_a"] and told.delivery == "digest"
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests() == 1
    (digest,) = smtp.messages
    assert digest.envelope_to == ["officer_a@example.org"]
    assert (
        "New patent family F-2026-07: Optical sensor" in digest.get_body(("plain",)).get_content()
    )


def test_a_deadline_given_by_the_bulk_edit_tells_its_new_responsible(cast, client):
    family = PatentFamily.objects.create(reference="F-15", title="x", unit=cast.lab_a)
    application = PatentApplication.objects.create(
        family=family, office="FR", route="first_filing", filing_date=datetime.date(2024, 1, 20)
    )
    deadline = Deadline.objects.create(
        application=application, label="Office action reply", due_date=datetime.date(2027, 1, 5)
    )
    Notification.objects.all().delete()
    client.force_login(cast.users["officer_a"])
    response = client.post(
        "/patents/deadlines/bulk-edit/",
        {"pk": [deadline.pk], "apply": "1", "responsible": cast.users["officer_b"].pk},
    )
    assert response.status_code == 302
    (told,) = Notification.objects.filter(event="patents.deadline_assigned")
    assert told.recipient == cast.users["officer_b"]
    assert told.subject == "Office action reply of F-15 is yours (due Jan. 5, 2027)"
    # The same assignment again is no news.
    client.post(
        "/patents/deadlines/bulk-edit/",
        {"pk": [deadline.pk], "apply": "1", "responsible": cast.users["officer_b"].pk},
    )
    assert Notification.objects.filter(event="patents.deadline_assigned").count() == 1
