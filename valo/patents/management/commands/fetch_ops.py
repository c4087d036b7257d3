"""valo fetch_ops NUMBER… --unit UNIT: fetch publications' families from EPO OPS and import them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from valo.core.management.base import LoggedCommand
from valo.directory.models import Organization
from valo.officedata import ops_client
from valo.officedata.records import OfficeDataError
from valo.patents.importers import import_ops


class Command(LoggedCommand):
    help = "Fetch the INPADOC families of publications (e.g. EP.2400812.A1) from EPO OPS and import them."

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
            ops = ops_client.client()
            files = [
                path
                for number in numbers
                for path in ops_client.fetch_family(ops, number, directory)
            ]
            report = import_ops(files, unit=owner)
        except (ImproperlyConfigured, ops_client.OpsError, OfficeDataError, ValueError) as error:
            raise CommandError(f"Nothing imported. {error}") from error
        self.stdout.write(
            f"Saved in {directory}. {report.families} new families, {report.applications} new "
            f"applications, {report.changed} updated, {report.events} new legal events."
        )
