"""Issue 13: each step of an invention tells exactly the right people, once, in their language, by a
real SMTP server (aiosmtpd on the loopback); the assessment meeting's invitation is an iCalendar
REQUEST to the inventors and the committee, its cancellation a CANCEL of the same event."""

from __future__ import annotations

import datetime

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from valo.correspondence.models import Correspondent, Notification
from valo.inventions import transitions as t

pytestmark = pytest.mark.django_db

PEOPLE = ("researcher_a", "researcher_a2", "officer_a", "officer_b", "committee", "director")


@pytest.fixture
def mailed(cast):
    for name in PEOPLE:
        user = cast.users[name]
        user.email = f"{name}@example.org"
        user.save()
    Correspondent.objects.create(user=cast.users["researcher_a2"], language="fr")
    return cast.users


def subjects(smtp, name):
    # A long encoded subject is folded onto a continuation line: read it back unfolded.
    return sorted(m["Subject"].strip() for m in smtp.to(f"{name}@example.org"))


def calendar_of(message):
    (part,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    return Calendar.from_ical(part.get_content())


def test_each_step_tells_the_right_people_once_in_their_language(
    mailed, inv_a, smtp, django_capture_on_commit_callbacks
):
    users = mailed
    inv_a.reference = "INV-2024-001"
    inv_a.save()
    day = datetime.date(2024, 10, 31)
    with django_capture_on_commit_callbacks(execute=True):
        t.submit(inv_a, user=users["researcher_a"], today=day)
    # The office of lab A's school is told; school B's is not. Both inventors get a receipt (the
    # one who submitted too), the French-speaking one in French.
    assert subjects(smtp, "officer_a") == ["New declaration INV-2024-001: Quantum widget"]
    assert subjects(smtp, "officer_b") == []
    assert subjects(smtp, "researcher_a") == ["Your declaration INV-2024-001 was received"]
    assert subjects(smtp, "researcher_a2") == ["Votre déclaration INV-2024-001 a été reçue"]
    french = smtp.to("researcher_a2@example.org")[0].get_body(("plain",)).get_content()
    assert "31 octobre 2024" in french and "R611-7" in french

    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        t.qualify(inv_a, user=users["officer_a"], ownership_class="mission", today=day)
    assert subjects(smtp, "researcher_a") == ["INV-2024-001: the invention's classification"]
    (classification,) = smtp.to("researcher_a2@example.org")
    assert classification["Subject"].strip() == "INV-2024-001 : classification de l'invention"
    assert "invention de mission" in classification.get_body(("plain",)).get_content().lower()
    assert subjects(smtp, "officer_a") == []  # who made the step is not told of it

    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = t.schedule_assessment(
            inv_a,
            user=users["officer_a"],
            meeting_on=datetime.date(2024, 11, 20),
            starts_at=datetime.time(14, 30),
            location="Room B12",
        )
    invited = {"researcher_a", "researcher_a2", "committee"}
    for name in PEOPLE:
        assert len(smtp.to(f"{name}@example.org")) == (1 if name in invited else 0), name
    request = calendar_of(smtp.to("researcher_a@example.org")[0])
    assert request["METHOD"] == "REQUEST"
    (event,) = request.walk("VEVENT")
    assert event["UID"] == f"assessment-{meeting.pk}@valo" and event["SEQUENCE"] == 0
    start = event.decoded("DTSTART")
    assert start.isoformat() == "2024-11-20T14:30:00+01:00"  # Paris, winter time
    assert str(event["LOCATION"]) == "Room B12"
    attendees = sorted(str(a) for a in event.get("ATTENDEE"))
    assert attendees == sorted(f"mailto:{n}@example.org" for n in invited)
    # The French inventor's invitation is in French, its calendar entry too.
    french = smtp.to("researcher_a2@example.org")[0]
    assert french["Subject"].strip().startswith("Invitation : évaluation de INV-2024-001")
    assert "Évaluation de INV-2024-001" in str(calendar_of(french).walk("VEVENT")[0]["SUMMARY"])

    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        t.abandon(inv_a, user=users["officer_a"], reason="Prior art found.")
    cancel = calendar_of(
        next(
            m
            for m in smtp.to("committee@example.org")
            if m["Subject"].strip().startswith("Cancelled")
        )
    )
    assert cancel["METHOD"] == "CANCEL"
    (event,) = cancel.walk("VEVENT")
    assert event["UID"] == f"assessment-{meeting.pk}@valo" and event["SEQUENCE"] == 1
    assert subjects(smtp, "researcher_a") == [
        "Cancelled: assessment of INV-2024-001 on Nov. 20, 2024",
        "INV-2024-001 is now Abandoned",
    ]
    # Every e-mail is also a notification of the recipient's list.
    assert Notification.objects.filter(recipient=users["researcher_a"]).count() == 5


def test_a_refused_step_tells_no_one(mailed, inv_a, smtp, django_capture_on_commit_callbacks):
    inv_a.confidential_description = ""
    inv_a.save()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(t.TransitionRefused):
        t.submit(inv_a, user=mailed["researcher_a"])
    assert not smtp.messages and not Notification.objects.exists()


def test_the_notification_list_counts_unread_and_opens_the_record(mailed, inv_a, client):
    t.submit(inv_a, user=mailed["researcher_a"])
    client.force_login(mailed["officer_a"])
    home = client.get("/").content.decode()
    assert 'data-testid="personal-count"' in home
    page = client.get("/notifications/").content.decode()
    assert 'data-testid="unread-count">1<' in page and "New declaration" in page
    (notification,) = Notification.objects.filter(recipient=mailed["officer_a"])
    opened = client.get(f"/notifications/{notification.pk}/open/")
    assert opened.status_code == 302 and opened["Location"] == inv_a.get_absolute_url()
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert 'data-testid="personal-count"' not in client.get("/").content.decode()
    # Another user's notification does not open (404, as everything one may not see).
    client.force_login(mailed["officer_b"])
    assert client.get(f"/notifications/{notification.pk}/open/").status_code == 404
    assert client.post("/notifications/read/").status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_the_settings_page_records_choices_and_refuses_unknown_ones(mailed, client):
    client.force_login(mailed["officer_a"])
    page = client.get("/notifications/settings/")
    assert page.status_code == 200 and "A declaration is submitted" in page.content.decode()
    bad = client.post(
        "/notifications/settings/",
        {"language": "de", "event:inventions.declaration_submitted": "sometimes"},
    )
    body = bad.content.decode()
    assert bad.status_code == 200
    assert 'data-field="language"' in body
    assert 'data-field="event:inventions.declaration_submitted"' in body
    from valo.core.registry import event_types

    data = {f"event:{code}": e.default for code, e in event_types().items()}
    data["event:inventions.declaration_submitted"] = "off"
    data["language"] = "fr"
    assert client.post("/notifications/settings/", data).status_code == 302
    from valo.correspondence.events import delivery_for, language_of

    assert delivery_for(mailed["officer_a"], "inventions.declaration_submitted") == "off"
    assert language_of(mailed["officer_a"]) == "fr"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_in_a_browser_the_invitation_reaches_the_inventors_mailbox_and_their_notifications(
    mailed, inv_a, smtp, live_server, page
):
    from conftest import log_in

    t.submit(inv_a, user=mailed["researcher_a"])
    t.qualify(inv_a, user=mailed["officer_a"], ownership_class="mission")
    smtp.messages.clear()
    base = live_server.url
    log_in(page, base, "officer_a", "pw-officer_a")
    page.goto(f"{base}{inv_a.get_absolute_url()}")
    page.get_by_role("link", name="Schedule the assessment").click()
    page.fill("#id_meeting_on", "2026-12-10")
    page.fill("#id_starts_at", "09:30")
    page.fill("#id_location", "Salle 4")
    page.get_by_role("button", name="Schedule the assessment").click()
    page.get_by_role("heading", level=1).wait_for()

    (invitation,) = smtp.to("researcher_a@example.org")
    event = calendar_of(invitation).walk("VEVENT")[0]
    assert event.decoded("DTSTART").isoformat() == "2026-12-10T09:30:00+01:00"
    assert str(event["LOCATION"]) == "Salle 4"

    page.context.clear_cookies()
    log_in(page, base, "researcher_a", "pw-researcher_a")
    page.get_by_test_id("personal-count").first.click()
    rows = page.get_by_test_id("notification")
    assert "Invitation: assessment of" in rows.first.inner_text()
    rows.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Meeting of")
    assert "/inventions/meetings/" in page.url


def test_a_meeting_moved_sends_the_invitations_update(
    mailed, inv_a, smtp, django_capture_on_commit_callbacks, client
):
    """Whatever the write path (the meeting page saves the form; here the model itself), a moved
    meeting's invitation goes again at the next SEQUENCE (the calendar feed's side:
    valo/patents/tests/test_notices.py)."""
    users = mailed
    inv_a.reference = "INV-2024-002"
    inv_a.save()
    t.submit(inv_a, user=users["researcher_a"])
    t.qualify(inv_a, user=users["officer_a"], ownership_class="mission")
    meeting = t.schedule_assessment(
        inv_a, user=users["officer_a"], meeting_on=datetime.date(2027, 1, 12)
    )
    with django_capture_on_commit_callbacks(execute=True):
        meeting.meeting_on = datetime.date(2027, 1, 19)
        meeting.starts_at = datetime.time(10, 0)
        meeting.save()
    (update,) = smtp.to("researcher_a@example.org")
    assert update["Subject"].strip() == "Rescheduled: assessment of INV-2024-002 on Jan. 19, 2027"
    (event,) = calendar_of(update).walk("VEVENT")
    assert event["SEQUENCE"] == 1 and event["UID"] == f"assessment-{meeting.pk}@valo"
    assert event.decoded("DTSTART").isoformat() == "2027-01-19T10:00:00+01:00"
    # Saving the meeting with nothing moved (the minutes, say) sends nothing.
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting.minutes = "Started."
        meeting.save()
    assert not smtp.messages
