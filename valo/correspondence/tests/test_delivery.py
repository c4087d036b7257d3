"""The notification mechanism against a real SMTP server (aiosmtpd on the loopback) and the real job
queue (django-tasks' database backend, run by `valo db_worker`): e-mails leave after the commit, in the
recipient's language, once; a failing server is retried and nothing is lost; an opted-out user gets
nothing; the digest groups what was asked to be grouped."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from valo.correspondence.digest import send_digests
from valo.correspondence.events import Message, emit
from valo.correspondence.models import Correspondent, Mail, MailStatus, Notification, Preference

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EVENT = "inventions.qualified"  # any declared event: the mechanism is the same for all


def run_worker() -> None:
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        "--interval",
        "0",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )


@pytest.fixture
def people(cast, settings):
    settings.TASKS = DATABASE_QUEUE
    settings.VALO_MAIL_RETRY_SECONDS = 0
    settings.VALO_SITE_URL = "https://valo.example.org"
    users = cast.users
    for name in ("officer_a", "officer_b", "researcher_a"):
        users[name].email = f"{name}@example.org"
        users[name].first_name = name.title()
        users[name].save()
    Correspondent.objects.create(user=users["researcher_a"], language="fr")
    return users


def message(url: str = "/inventions/1/") -> Message:
    return Message(
        _("%(reference)s: the invention's classification"),
        _("The office classified the invention “%(title)s” on %(day)s as: %(class)s.\n%(note)s"),
        params={"reference": "INV-1", "title": "Widget", "day": "1 Dec", "class": "x", "note": ""},
        url=url,
    )


def test_the_mail_leaves_after_the_commit_through_the_queue_in_the_recipients_language(
    people, smtp
):
    with transaction.atomic():
        emit(EVENT, message(), [people["officer_a"], people["researcher_a"]])
        # Nothing is queued before the commit: a rolled-back change would have told no one.
        assert not DBTaskResult.objects.exists()
    assert DBTaskResult.objects.count() == 2 and not smtp.messages
    run_worker()
    (english,) = smtp.to("officer_a@example.org")
    (french,) = smtp.to("researcher_a@example.org")
    assert english["Subject"] == "INV-1: the invention's classification"
    assert french["Subject"] == "INV-1 : classification de l'invention"
    text = french.get_body(("plain",)).get_content()
    assert "Bonjour Researcher_A" in text and "https://valo.example.org/inventions/1/" in text
    html = french.get_body(("html",)).get_content()
    assert 'href="https://valo.example.org/inventions/1/"' in html
    assert Mail.objects.filter(status=MailStatus.SENT).count() == 2
    run_worker()  # once: a second worker run sends nothing again
    assert len(smtp.messages) == 2


def test_a_rolled_back_change_tells_no_one(people, smtp):
    with pytest.raises(RuntimeError), transaction.atomic():
        emit(EVENT, message(), [people["officer_a"]])
        raise RuntimeError
    run_worker()
    assert not Notification.objects.exists() and not Mail.objects.exists() and not smtp.messages


def test_a_failing_server_is_retried_and_nothing_is_lost(people, smtp, settings):
    settings.VALO_MAIL_ATTEMPTS = 3
    smtp.refuse = 2  # 451 twice, then accepted
    with transaction.atomic():
        emit(EVENT, message(), [people["officer_a"]])
    run_worker()
    (mail,) = Mail.objects.all()
    assert mail.status == MailStatus.SENT and mail.attempts == 3 and smtp.refused == 2
    assert len(smtp.to("officer_a@example.org")) == 1
    # A server down for longer than every attempt: the mail stays, failed, with its error…
    smtp.refuse = 10
    with transaction.atomic():
        emit(EVENT, message("/inventions/2/"), [people["officer_a"]])
    run_worker()
    failed = Mail.objects.get(status=MailStatus.FAILED)
    assert failed.attempts == 3 and "451" in failed.last_error
    # …and is sent once the server is back and someone asks for it again.
    smtp.refuse = 0
    call_command("resend_mail", stdout=io.StringIO())
    run_worker()
    failed.refresh_from_db()
    assert failed.status == MailStatus.SENT
    assert len(smtp.to("officer_a@example.org")) == 2


def test_a_user_who_opted_out_gets_nothing(people, smtp):
    Preference.objects.create(user=people["officer_a"], event=EVENT, delivery="off")
    with transaction.atomic():
        told = emit(EVENT, message(), [people["officer_a"], people["officer_b"]])
    run_worker()
    assert [n.recipient for n in told] == [people["officer_b"]]
    assert not smtp.to("officer_a@example.org") and len(smtp.to("officer_b@example.org")) == 1


def test_the_digest_groups_what_the_user_asked_to_be_grouped(people, smtp):
    Preference.objects.create(user=people["officer_a"], event=EVENT, delivery="digest")
    with transaction.atomic():
        emit(EVENT, message("/inventions/1/"), [people["officer_a"]])
        emit(EVENT, message("/inventions/2/"), [people["officer_a"]])
        emit("patents.deadlines_to_watch", message("/patents/deadlines/"), [people["officer_a"]])
    run_worker()
    # The deadlines (immediate by default) went at once; the two classifications wait.
    (first,) = smtp.to("officer_a@example.org")
    assert "/patents/deadlines/" in first.get_body(("plain",)).get_content()
    assert send_digests() == 1
    run_worker()
    digest = smtp.to("officer_a@example.org")[1]
    assert digest["Subject"] == "valo: your daily digest (2 notifications)"
    text = digest.get_body(("plain",)).get_content()
    assert text.count("== The invention's legal classification (CPI R611-7) ==") == 1
    assert "/inventions/1/" in text and "/inventions/2/" in text
    assert send_digests() == 0  # what a digest carried is not sent again
    # A key tells a recipient once: the same day's deadlines twice are one notification.
    with transaction.atomic():
        assert emit("patents.deadlines_to_watch", message(), [people["officer_b"]], key="d1")
        assert not emit("patents.deadlines_to_watch", message(), [people["officer_b"]], key="d1")
