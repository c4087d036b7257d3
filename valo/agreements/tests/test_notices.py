"""Issue 13: an agreement signed and a payment received are told to the agreement's officers (and
the payment to finance), through the change log's signal, whatever the write path."""

from __future__ import annotations

import datetime

import pytest

from valo.agreements.models import Agreement, Payment
from valo.correspondence.models import Notification

pytestmark = pytest.mark.django_db


def test_signing_and_a_payment_are_told_to_the_officers_and_finance(cast, api):
    agreement = Agreement.objects.create(
        reference="LIC-2026-002",
        title="Sensor licence",
        kind="licence",
        unit=cast.lab_a,
        partner=cast.company,
        requested_on=datetime.date(2026, 1, 6),
    )
    assert not Notification.objects.filter(event="agreements.signed").exists()
    response = api("officer_a").patch(
        f"/api/agreements/agreements/{agreement.pk}/", {"signed_on": "2026-03-02"}, format="json"
    )
    assert response.status_code == 200, response.content
    signed = Notification.objects.filter(event="agreements.signed")
    # The officer who recorded it is not told of their own act; the director is.
    assert {n.recipient.username for n in signed} == {"director"}
    Payment.objects.create(
        agreement=agreement, kind="royalty", received_on=datetime.date(2026, 4, 1), amount=12500
    )
    paid = Notification.objects.filter(event="agreements.payment_received")
    assert {n.recipient.username for n in paid} == {"officer_a", "finance"}
    assert paid.first().subject == "Payment received: 12,500.00 EUR under LIC-2026-002"


def test_the_officers_are_told_daily_of_obligations_falling_due(
    cast, contract, smtp, django_capture_on_commit_callbacks
):
    """The agenda's sources (here a contract obligation overdue since 31 March 2026) reach the
    officers of the agreement's school by e-mail, once a day; the other school's are not told."""
    import io

    from django.core.management import call_command

    for name in ("officer_a", "officer_b"):
        cast.users[name].email = f"{name}@example.org"
        cast.users[name].save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_notification_digests", stdout=io.StringIO())
        call_command("send_notification_digests", stdout=io.StringIO())
    assert not smtp.to("officer_b@example.org")
    # The reminder, and the digest (which carries the agreement's signature, told when recorded).
    reminder, digest = smtp.to("officer_a@example.org")
    assert "to watch" in reminder["Subject"] and "daily digest" in digest["Subject"]
    text = reminder.get_body(("plain",)).get_content()
    assert "Interim report" in text and "/agreements/" in text
    assert "Kick-off minutes" not in text  # done


def test_an_agreement_ending_soon_is_on_the_board_and_in_the_reminder(cast, login):
    from django.utils import timezone

    from valo.correspondence import agenda

    today = timezone.localdate()
    Agreement.objects.create(
        reference="RC-2026-009",
        title="Pilot study",
        kind="research",
        unit=cast.lab_a,
        partner=cast.company,
        requested_on=today - datetime.timedelta(days=400),
        signed_on=today - datetime.timedelta(days=380),
        ends_on=today + datetime.timedelta(days=20),
    )
    board = login("officer_a").get("/patents/deadlines/").content.decode()
    assert "RC-2026-009: Pilot study" in board and "Agreement ends" in board
    assert agenda.remind(today) == 1  # officer_a only: school B's officer does not see it
    (told,) = Notification.objects.filter(event="correspondence.agenda_due")
    assert told.recipient == cast.users["officer_a"] and "RC-2026-009: Pilot study" in told.body
