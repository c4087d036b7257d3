"""valo demo: load the demo institution (once) and print the demo logins.

Each app contributes its part through the `demo_loader` of its AppConfig (valo.core.registry), in
INSTALLED_APPS order (the directory first).
A loader returns lines to print, or nothing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.db import transaction

from valo.core.context import notifications_silenced
from valo.core.management.base import LoggedCommand
from valo.core.registry import demo_loaders


class Command(LoggedCommand):
    help = "Load the demo institution (IMT-shaped, synthetic people) and print one login per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Allow it in production mode (demo passwords!)."
        )

    def handle(self, *args: Any, force: bool, **options: Any) -> None:
        if settings.PRODUCTION and not force:
            raise CommandError("The demo has well-known passwords: refusing in production.")
        lines: list[str] = []
        with transaction.atomic(), notifications_silenced():
            for loader in demo_loaders():
                lines += loader() or []
        self.stdout.write(self.style.SUCCESS("Demo institution ready."))
        for line in lines:
            self.stdout.write(line)
        self.stdout.write("Open http://127.0.0.1:8000/ and log in with one of them.")
