"""valo resend_mail: queue again the e-mails that failed every attempt (or all unsent ones)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from valo.core.management.base import LoggedCommand
from valo.correspondence.mail import resend
from valo.correspondence.models import Mail, MailStatus


class Command(LoggedCommand):
    help = "Queue again the e-mails that failed (with --all, every e-mail not yet sent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--all", action="store_true", help="Also the e-mails still queued.")

    def handle(self, *args: Any, **options: Any) -> None:
        mails = (
            Mail.objects.all() if options["all"] else Mail.objects.filter(status=MailStatus.FAILED)
        )
        with transaction.atomic():
            count = resend(mails)
        self.stdout.write(f"{count} e-mails queued again.")
