"""valo add_closures EP 2027 --source "OJ EPO 2026, A.." 2027-12-24 "2027-12-27 Bridging day" …

Records next year's list of closure days of an office (or reads it from --file, one
"YYYY-MM-DD reason" per line) and recomputes the deadlines it moves. A day outside the year is
refused and nothing is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from valo.core.management.base import LoggedCommand
from valo.patents import closures
from valo.patents.choices import Office


class Command(LoggedCommand):
    help = "Record a year's closure days of an office and recompute the deadlines they move."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("office", choices=Office.values)
        parser.add_argument("year", type=int)
        parser.add_argument("days", nargs="*", help='"YYYY-MM-DD" or "YYYY-MM-DD reason"')
        parser.add_argument("--source", required=True, help="The notice, e.g. OJ EPO 2026, A40")
        parser.add_argument("--file", type=Path, help="One day per line, UTF-8")

    def handle(self, *args: Any, **options: Any) -> None:
        lines = list(options["days"])
        if options["file"]:
            try:
                lines += options["file"].read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"{options['file']}: {error}") from error
        try:
            days = closures.parse_days("\n".join(lines), options["year"])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        result = closures.record(
            closures.ClosureList(options["office"], options["year"], options["source"], days)
        )
        self.stdout.write(
            f"{options['office']} {options['year']}: {result['added']} days added; "
            f"{result['updated']} deadlines moved, {result['created']} created, "
            f"{result['removed']} removed."
        )
