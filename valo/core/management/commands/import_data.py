"""valo import_data KIND FILE…: bring an office's spreadsheets in (valo.core.onboarding), each file
whole or not at all; --dry-run says what each would create, update or leave unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser

from valo.core import onboarding
from valo.core.imports import ImportFailed
from valo.core.management.base import LoggedCommand


class Command(LoggedCommand):
    help = "Import CSV or XLSX files of one kind (valo import_data --list names the kinds)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", nargs="?", help="people, inventions, families …")
        parser.add_argument("files", nargs="*", type=Path)
        parser.add_argument("--list", action="store_true", help="List the kinds, in import order.")
        parser.add_argument("--dry-run", action="store_true", help="Write nothing; report only.")
        parser.add_argument(
            "--as-user",
            help="Import with this user's rights and name in the change log (default: unrestricted).",
        )

    def handle(
        self,
        *args: Any,
        kind: str | None,
        files: list[Path],
        list: bool,
        dry_run: bool,
        as_user: str | None,
        **options: Any,
    ) -> None:
        kinds = onboarding.kinds()
        if list or not kind:
            for code, registered in kinds.items():
                self.stdout.write(f"{code}: {registered.label}")
            return
        if kind not in kinds:
            raise CommandError(f"No kind {kind!r}; valo import_data --list names them.")
        if not files:
            raise CommandError("Name at least one file.")
        user = None
        if as_user:
            user = get_user_model().objects.filter(username=as_user).first()
            if user is None:
                raise CommandError(f"No user named {as_user!r}.")
        failed = False
        for path in files:
            try:
                with path.open("rb") as stream:
                    report = onboarding.run(
                        kinds[kind], str(path), stream, user=user, commit=not dry_run
                    )
            except FileNotFoundError:
                self.stderr.write(f"{path}: no such file")
                failed = True
                continue
            except ImportFailed as failure:
                self.stderr.write(f"{path}: not imported, nothing written.")
                for fault in failure.faults:
                    self.stderr.write(f"  {fault}")
                failed = True
                continue
            counts = report.counts
            verb = "would be" if dry_run else "were"
            self.stdout.write(
                f"{path}: {counts['created']} {verb} created, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged."
            )
        if failed:
            raise CommandError("Some files were not imported.")
