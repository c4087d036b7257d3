"""valo changelog_archive --before YYYY-MM-DD | --list | --read FILE [--object app.model:id]

Moves the change records older than a date into a compressed archive file that stays readable
(valo.core.archive), lists the archives, or prints an archive's records (JSON Lines)."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.management.base import CommandError, CommandParser

from valo.core import archive
from valo.core.management.base import LoggedCommand


class Command(LoggedCommand):
    help = "Archive the change records older than a date, list the archives, or read one."

    def add_arguments(self, parser: CommandParser) -> None:
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--before", type=datetime.date.fromisoformat)
        action.add_argument("--list", action="store_true")
        action.add_argument("--read", metavar="FILE")
        parser.add_argument("--object", default="", help="app.model:id, with --read")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["before"]:
                result = archive.archive(options["before"])
                where = result.file.name if result.file else "no file"
                self.stdout.write(f"{result.records} change records archived ({where}).")
            elif options["list"]:
                for entry in archive.index():
                    self.stdout.write(
                        f"{entry['file']}: {entry['records']} records before {entry['before']}"
                    )
            else:
                for record in archive.read(options["read"], object_label=options["object"]):
                    self.stdout.write(json.dumps(record, ensure_ascii=False, sort_keys=True))
        except (archive.ArchiveError, OSError) as error:
            raise CommandError(str(error)) from error
