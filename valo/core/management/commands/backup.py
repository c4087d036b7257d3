"""valo backup DIRECTORY: the database (native dump or SQLite's online backup), the attachments and
the analytic store, with a manifest of counts and checksums (valo.core.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from valo.core import backup
from valo.core.management.base import LoggedCommand


class Command(LoggedCommand):
    help = "Save the database, attachments and analytic store into a new directory."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        try:
            result = backup.backup(directory)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{result.path}: {result.rows} rows of {result.models} tables and {result.files} files "
            "saved, with their counts and checksums."
        )
