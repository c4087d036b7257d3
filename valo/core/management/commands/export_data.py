"""valo export_data KIND [--output FILE]: one kind's records in its import template's format (what
`valo import_data` reads back without a change); --template writes the empty template instead."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from valo.core import onboarding
from valo.core.exports import write_table


class Command(BaseCommand):
    help = "Export one kind of record as its import file (CSV or XLSX)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind")
        parser.add_argument("--output", type=Path, help="The file to write (default: stdout).")
        parser.add_argument("--format", choices=["csv", "xlsx"], default=None)
        parser.add_argument("--template", action="store_true", help="The template, not the data.")
        parser.add_argument("--language", choices=[code for code, _n in settings.LANGUAGES])

    def handle(
        self,
        *args: Any,
        kind: str,
        output: Path | None,
        format: str | None,
        template: bool,
        language: str | None,
        **options: Any,
    ) -> None:
        registered = onboarding.kinds().get(kind)
        if registered is None:
            raise CommandError(f"No kind {kind!r}; valo import_data --list names them.")
        fmt = format or (output.suffix.lstrip(".") if output and output.suffix else "csv")
        if fmt not in {"csv", "xlsx"}:
            raise CommandError("Write CSV or XLSX.")
        if template and fmt != "xlsx":
            raise CommandError("The template is an XLSX workbook (--format xlsx).")
        target = output.open("wb") if output else sys.stdout.buffer
        try:
            with translation.override(language or settings.LANGUAGE_CODE):
                if template:
                    target.write(onboarding.template_workbook(registered))
                else:
                    headings = onboarding.headings(registered)
                    records = registered.model._default_manager.order_by("pk")
                    rows = onboarding.export_rows(registered, records)
                    write_table(headings, rows, fmt, target, title=str(registered.label))
        finally:
            if output:
                target.close()
