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


def test_an_office_action_received_keeps_its_letter_and_opens_the_reply_deadline(
    cast, client, settings, tmp_path
):
    """Issue 13: the office's letter on the family (a numbered document), the reply's deadline on
    the application (the date the letter sets), given to the family's responsible; a reply due
    before the action was received is refused and nothing is written."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from valo.documents.models import Document

    settings.MEDIA_ROOT = tmp_path
    family = PatentFamily.objects.create(
        reference="F-16", title="x", unit=cast.lab_a, responsible=cast.users["officer_a"]
    )
    application = PatentApplication.objects.create(
        family=family, office="EP", route="first_filing", filing_date=datetime.date(2025, 3, 3)
    )
    client.force_login(cast.users["officer_a"])
    url = f"/patents/{family.pk}/office-action/"
    assert client.get(url).status_code == 200
    letter = {"file": SimpleUploadedFile("art94.pdf", b"%PDF-1.7 Article 94(3)")}
    bad = client.post(
        url,
        {
            "application": application.pk,
            "received_on": "2026-11-20",
            "reply_by": "2026-11-01",
            **letter,
        },
    )
    assert bad.status_code == 400 and 'data-field="reply_by"' in bad.content.decode()
    assert not Document.objects.exists()
    letter = {"file": SimpleUploadedFile("art94.pdf", b"%PDF-1.7 Article 94(3)")}
    done = client.post(
        url,
        {
            "application": application.pk,
            "received_on": "2026-11-20",
            "reply_by": "2027-03-30",
            **letter,
        },
    )
    assert done.status_code == 302
    (document,) = Document.objects.all()
    assert document.kind == "office_action" and document.record == family
    reply = Deadline.objects.get(application=application, base_date=datetime.date(2026, 11, 20))
    assert reply.due_date == datetime.date(2027, 3, 30)
    assert reply.responsible == cast.users["officer_a"] and document.number in reply.label
    # Another school's officer may not record one on this family.
    client.force_login(cast.users["officer_b"])
    assert client.get(url).status_code == 404


def test_the_calendar_feed_carries_the_meetings_one_is_invited_to(cast):
    """The personal feed holds the assessment meetings under the invitation's UID: the inventors'
    and their school's officer's, not another school's officer's."""
    from icalendar import Calendar

    from valo.inventions import transitions as t
    from valo.inventions.tests.conftest import make_invention
    from valo.patents.reminders import calendar_feed

    people, users = cast.people, cast.users
    invention = make_invention(cast, cast.lab_a, [people["researcher_a"], people["researcher_a2"]])
    t.submit(invention, user=users["researcher_a"])
    t.qualify(invention, user=users["officer_a"], ownership_class="mission")
    meeting = t.schedule_assessment(
        invention, user=users["officer_a"], meeting_on=datetime.date(2027, 1, 12)
    )
    for name, holds in (("researcher_a2", True), ("officer_a", True), ("officer_b", False)):
        entries = Calendar.from_ical(calendar_feed(users[name])).walk("VEVENT")
        uids = [str(e["UID"]) for e in entries]
        assert (f"assessment-{meeting.pk}@valo" in uids) is holds, name


def test_the_inventors_are_asked_before_a_renewal_and_answer_by_their_link(
    cast, client, smtp, django_capture_on_commit_callbacks, settings
):
    """Issue 13: the renewal consultation. Each inventor with an account gets the question with a
    signed link; answering needs no login; the answer shows beside the renewal on the family page;
    a forged link is 404; once the office has decided, answers are closed."""
    import re

    from django.test import Client

    from valo.inventions.tests.conftest import make_invention
    from valo.patents import engine
    from valo.patents.models import RenewalOpinion

    settings.VALO_SITE_URL = "https://valo.example.org"
    people, users = cast.people, cast.users
    for name in ("researcher_a", "researcher_a2"):
        users[name].email = f"{name}@example.org"
        users[name].save()
    invention = make_invention(cast, cast.lab_a, [people["researcher_a"], people["researcher_a2"]])
    family = PatentFamily.objects.create(
        reference="F-17", title="Optical sensor", unit=cast.lab_a, invention=invention
    )
    application = PatentApplication.objects.create(
        family=family, office="FR", route="first_filing", filing_date=datetime.date(2020, 3, 2)
    )
    engine.sync([application])
    renewal = Deadline.objects.filter(application=application, year__isnull=False).first()
    client.force_login(users["officer_a"])
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(f"/patents/deadlines/{renewal.pk}/consult/")
    assert asked.status_code == 302
    (question,) = smtp.to("researcher_a@example.org")
    assert question["Subject"].strip() == "Keep or drop F-17? Your opinion on its renewal"
    text = question.get_body(("plain",)).get_content()
    link = re.search(r"https://valo\.example\.org(/patents/renewal-opinion/[^\s]+/)", text).group(1)
    inventor = Client()  # no login: the link is the credential
    assert inventor.get(link).status_code == 200
    assert inventor.get(link.replace("renewal-opinion/", "renewal-opinion/x")).status_code == 404
    refused = inventor.post(link, {"opinion": "maybe", "comment": ""})
    assert refused.status_code == 400 and 'data-field="opinion"' in refused.content.decode()
    assert (
        inventor.post(link, {"opinion": "drop", "comment": "Superseded by F-21."}).status_code
        == 302
    )
    opinion = RenewalOpinion.objects.get(person=people["researcher_a"])
    assert (opinion.opinion, opinion.comment) == ("drop", "Superseded by F-21.")
    page = client.get(family.get_absolute_url()).content.decode()
    assert "Drop it: it is no longer worth its fees" in page
    # The office decides: the link no longer takes answers.
    renewal.renewal_decision = "keep"
    renewal.save()
    assert 'data-testid="decided"' in inventor.get(link).content.decode()
    inventor.post(link, {"opinion": "keep", "comment": ""})
    opinion.refresh_from_db()
    assert opinion.opinion == "drop"


def test_the_calendar_page_lists_the_months_deadlines_and_meetings(cast, client):
    """Issue 14: a calendar in the product — the month's own deadlines, the meetings one is invited
    to and the other things due, day by day; a wrong month answers with the field named."""
    from valo.inventions import transitions as t
    from valo.inventions.tests.conftest import make_invention

    users = cast.users
    family = PatentFamily.objects.create(
        reference="F-18", title="x", unit=cast.lab_a, responsible=users["officer_a"]
    )
    application = PatentApplication.objects.create(
        family=family, office="FR", route="first_filing", filing_date=datetime.date(2024, 1, 20)
    )
    Deadline.objects.create(
        application=application,
        label="Reply to the search report",
        due_date=datetime.date(2027, 2, 10),
        responsible=users["officer_a"],
    )
    invention = make_invention(cast, cast.lab_a, [cast.people["researcher_a"]])
    invention.reference = "INV-2027-003"
    invention.save()
    t.submit(invention, user=users["researcher_a"])
    t.qualify(invention, user=users["officer_a"], ownership_class="mission")
    t.schedule_assessment(
        invention,
        user=users["officer_a"],
        meeting_on=datetime.date(2027, 2, 17),
        starts_at=datetime.time(14, 0),
        location="Room 4",
    )
    client.force_login(users["officer_a"])
    page = client.get("/patents/calendar/?year=2027&month=2").content.decode()
    assert "Reply to the search report – FR" in page and "INV-2027-003 14:00 – Room 4" in page
    assert page.count('data-testid="calendar-item"') == 2
    # The inventor's February holds their meeting, not the officer's deadline.
    client.force_login(users["researcher_a"])
    mine = client.get("/patents/calendar/?year=2027&month=2").content.decode()
    assert "INV-2027-003 14:00" in mine and "Reply to the search report" not in mine
    client.force_login(users["officer_a"])
    wrong = client.get("/patents/calendar/?year=2027&month=13")
    assert wrong.status_code == 400 and "month" in wrong.content.decode()
