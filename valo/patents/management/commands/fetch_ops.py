"""valo fetch_ops NUMBER… --unit UNIT: fetch the families of publications or applications from EPO
OPS and bring them into the portfolio, with a report of what was created, updated and left for review."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from valo.core.management.base import LoggedCommand
from valo.directory.models import Organization
from valo.officedata.records import OfficeDataError
from valo.patents.importers import import_portfolio, report_lines


class Command(LoggedCommand):
    help = (
        "Fetch the INPADOC families of publications (EP.2400812.A1) or applications (EP20168013) "
        "from EPO OPS and import them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("numbers", nargs="+")
        parser.add_argument(
            "--unit", required=True, help="Owning unit of new families: short name or id."
        )

    def handle(self, *args: Any, numbers: list[str], unit: str, **options: Any) -> None:
        owner = Organization.objects.filter(short_name=unit).first() or (
            Organization.objects.filter(pk=int(unit)).first() if unit.isdigit() else None
        )
        if owner is None:
            raise CommandError(f"No unit {unit!r}.")
        directory = (
            Path(settings.VAR_DIR) / "officedata" / "ops" / f"{timezone.now():%Y%m%d-%H%M%S}"
        )
        try:
            report = import_portfolio(numbers, unit=owner, directory=directory)
        except (ImproperlyConfigured, OfficeDataError) as error:
            raise CommandError(f"Nothing imported. {error}") from error
        for line in report_lines(report):
            self.stdout.write(line)
        if not report.files:
            reasons = "; ".join(f"{number}: {why}" for number, why in report.not_found)
            raise CommandError(f"Nothing imported. {reasons}")
