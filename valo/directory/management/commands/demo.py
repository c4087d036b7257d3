"""valo demo: load the demo institution (once) and print the demo logins."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser

from valo.core.management.base import LoggedCommand
from valo.directory.demo import load_demo


class Command(LoggedCommand):
    help = "Load the demo institution (IMT-shaped, synthetic people) and print one login per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Allow it in production mode (demo passwords!)."
        )

    def handle(self, *args: Any, force: bool, **options: Any) -> None:
        if settings.PRODUCTION and not force:
            raise CommandError("The demo has well-known passwords: refusing in production.")
        logins = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo institution ready. Logins (user / password):"))
        for login in logins:
            self.stdout.write(
                f"  {login.username:<11} {login.password:<24} {login.role} — {login.scope}"
            )
        self.stdout.write("Open http://127.0.0.1:8000/ and log in with one of them.")
