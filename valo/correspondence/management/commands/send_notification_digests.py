"""valo send_notification_digests: each user's daily digest (run it daily, after the apps' own
daily commands such as send_deadline_reminders). Idempotent: a second run sends nothing more."""

from __future__ import annotations

from typing import Any

from valo.core.management.base import LoggedCommand
from valo.correspondence.digest import send_digests


class Command(LoggedCommand):
    help = "E-mail each user the notifications they asked to receive in a daily digest."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{send_digests()} digests queued.")
