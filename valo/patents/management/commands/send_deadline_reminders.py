"""valo send_deadline_reminders: each responsible person's deadlines to watch (run it daily from a
scheduler, before send_notification_digests). Idempotent: a second run the same day tells no one."""

from __future__ import annotations

from typing import Any

from valo.core.management.base import LoggedCommand
from valo.patents.reminders import send_digests


class Command(LoggedCommand):
    help = (
        "E-mail each responsible person their overdue deadlines and those due within 7/30/90 days."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        told = send_digests()
        self.stdout.write(f"{told} people told of their deadlines.")
