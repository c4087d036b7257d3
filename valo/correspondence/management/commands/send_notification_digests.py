"""valo send_notification_digests: the officers' reminder of what falls due (the agenda's sources),
then each user's daily digest (run it daily, after the apps' own daily commands such as
send_deadline_reminders). Idempotent: a second run the same day tells and sends nothing more."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from valo.core.management.base import LoggedCommand
from valo.correspondence import agenda
from valo.correspondence.digest import send_digests


class Command(LoggedCommand):
    help = (
        "Tell the officers what falls due (obligations, licensee statements, authorisations), "
        "then e-mail each user the notifications they asked to receive in a daily digest."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            told = agenda.remind()
        self.stdout.write(f"{told} officers told of what falls due.")
        self.stdout.write(f"{send_digests()} digests queued.")
