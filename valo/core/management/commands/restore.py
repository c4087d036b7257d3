"""valo restore DIRECTORY: load a backup into the configured (fresh) database and VAR_DIR, then
verify counts, file checksums and the change log against its manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from valo.core import backup
from valo.core.management.base import LoggedCommand


class Command(LoggedCommand):
    help = "Restore a backup made by `valo backup` and verify it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--yes", action="store_true", help="replace what the database already holds"
        )

    def handle(self, *args: Any, directory: Path, yes: bool, **options: Any) -> None:
        from django.contrib.auth import get_user_model

        if not yes and get_user_model().objects.exists():
            raise CommandError(
                "This database already holds accounts: restoring replaces everything in it. "
                "Run again with --yes to do so."
            )
        try:
            now = backup.restore(directory)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored and verified: {sum(now['counts'].values())} rows of {len(now['counts'])} "
            f"tables, {len(now['files'])} files and {now['changelog']['records']} change records "
            "identical to the backup."
        )
