"""valo import_ops FILE… --unit UNIT: import EPO OPS responses into the portfolio, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from valo.core.management.base import LoggedCommand
from valo.directory.models import Organization
from valo.officedata.records import OfficeDataError
from valo.patents.importers import import_ops


class Command(LoggedCommand):
    help = "Import EPO OPS XML responses (biblio, family, full-cycle, legal) into the patent portfolio."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--unit", required=True, help="Owning unit of new families: its short name or id."
        )

    def handle(self, *args: Any, files: list[Path], unit: str, **options: Any) -> None:
        owner = Organization.objects.filter(short_name=unit).first() or (
            Organization.objects.filter(pk=int(unit)).first() if unit.isdigit() else None
        )
        if owner is None:
            raise CommandError(f"No unit {unit!r}.")
        try:
            report = import_ops(files, unit=owner)
        except OfficeDataError as error:
            raise CommandError(f"Nothing imported. {error}") from error
        self.stdout.write(
            f"{', '.join(report.files)}: {report.families} new families, {report.applications} new "
            f"applications, {report.changed} updated, {report.events} new legal events."
        )
