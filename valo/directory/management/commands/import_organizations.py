"""valo import_organizations FILE…: create organisations from CSV/XLSX files, each whole or not at all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser

from valo.core.imports import ImportFailed
from valo.core.management.base import LoggedCommand
from valo.directory.imports import import_organizations


class Command(LoggedCommand):
    help = "Import organisations from CSV or XLSX files (see the import page for the columns)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--as-user",
            help="Import with this user's rights and name in the change log (default: unrestricted).",
        )

    def handle(self, *args: Any, files: list[Path], as_user: str | None, **options: Any) -> None:
        user = None
        if as_user:
            user = get_user_model().objects.filter(username=as_user).first()
            if user is None:
                raise CommandError(f"No user named {as_user!r}.")
        failed = False
        for path in files:
            try:
                with path.open("rb") as stream:
                    saved = import_organizations(str(path), stream, user=user)
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
            self.stdout.write(f"{path}: {len(saved)} organisations imported.")
        if failed:
            raise CommandError("Some files were not imported.")
