"""valo send_deadline_reminders: the daily digest of open deadlines (run it daily from a scheduler).

Idempotent: running it twice the same day sends each person one digest."""

from __future__ import annotations

from typing import Any

from valo.core.management.base import LoggedCommand
from valo.patents.reminders import send_digests


class Command(LoggedCommand):
    help = (
        "E-mail each responsible person their overdue deadlines and those due within 7/30/90 days."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_digests()
        self.stdout.write(f"{sent} reminder digests sent.")
