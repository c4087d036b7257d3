"""valo reports yearly --year 2020 [--format table|json|xlsx|pdf] [--output FILE]: the institution's
yearly report; `valo reports survey autm|carnot --year 2020 …`: a survey's figures. Every record is
counted (a command runs as the operator)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from valo.core.bounds import YearField
from valo.core.management.base import LoggedCommand
from valo.reports import output
from valo.reports.surveys import SURVEYS
from valo.reports.yearly import yearly_report


class Command(LoggedCommand):
    help = "The institution's yearly report."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        yearly = sub.add_parser("yearly", help="every figure of a year")
        survey = sub.add_parser("survey", help="a survey's figures of a year")
        survey.add_argument("survey", choices=sorted(SURVEYS))
        for action in (yearly, survey):
            action.add_argument("--year", default=str(timezone.localdate().year - 1))
            action.add_argument(
                "--format", choices=["table", "json", "xlsx", "pdf"], default="table"
            )
            action.add_argument("--output", type=Path, help="the XLSX or PDF file to write")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        try:
            year = YearField().clean(options["year"])
        except Exception as error:
            raise CommandError(
                f"--year: {' '.join(getattr(error, 'messages', [str(error)]))}"
            ) from error
        if action == "survey":
            chosen = SURVEYS[options["survey"]]
            report = yearly_report(year, sections=chosen.sections, title=chosen.title)
        else:
            report = yearly_report(year)
        if report.institution is None:
            raise CommandError(
                "No institution in the directory (an organisation of kind institution)."
            )
        fmt = options["format"]
        if fmt == "json":
            self.stdout.write(json.dumps(output.as_json(report), ensure_ascii=False, indent=1))
        elif fmt in ("xlsx", "pdf"):
            name = f"survey-{options['survey']}" if action == "survey" else "yearly-report"
            target = options["output"] or Path(f"{name}-{year}.{fmt}")
            write = output.as_workbook if fmt == "xlsx" else output.as_pdf
            target.write_bytes(write(report))
            self.stdout.write(f"{report.title} {year} written to {target}")
        else:
            self._table(report)

    def _table(self, report: Any) -> None:
        self.stdout.write(f"{report.institution.name} — {report.title} {report.year}")
        record = report.public_record
        if record and record.year:
            self.stdout.write(
                f"Public record ({record.method.code}): {record.year.publications} publications, "
                f"rank {record.year.rank}, {record.year.rese_rank} among research bodies"
            )
        for title, figures in report.sections:
            self.stdout.write(f"\n{title}")
            for figure in figures:
                self.stdout.write(
                    f"  {str(figure.label)[:70]:<70} {output.display(figure.value, figure.unit)}"
                )
                for label, value in figure.breakdown:
                    self.stdout.write(f"      {str(label)[:66]:<66} {output.display(value)}")
