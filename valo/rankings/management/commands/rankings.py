"""valo rankings palmares [--year 2020] [--method inpi-2022] [--category RESE] [--top 50]
[--format table|csv|json]: the ranking of applicants in the analytic store."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from valo.core.management.base import LoggedCommand
from valo.officedata.store import AnalyticStore
from valo.rankings.methods import METHODS
from valo.rankings.palmares import palmares


class Command(LoggedCommand):
    help = "Rank the applicants of the analytic store under a named methodology."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        ranking = sub.add_parser("palmares", help="the ranking of a year")
        ranking.add_argument("--year", type=int, default=timezone.localdate().year - 1)
        ranking.add_argument("--method", choices=sorted(METHODS), default="inpi-2022")
        ranking.add_argument("--category", choices=["GE", "ETI", "PME", "RESE", "?"])
        ranking.add_argument("--top", type=int)
        ranking.add_argument("--format", choices=["table", "csv", "json"], default="table")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        method = METHODS[options["method"]]
        store = AnalyticStore()
        if store.current is None:
            raise CommandError(
                "The analytic store is empty: import office files first (valo officedata import)."
            )
        rows = palmares(
            store.connect(),
            method,
            options["year"],
            category=options["category"],
            top=options["top"],
        )
        data = [
            {
                "rank": r.rank,
                "applicant": r.entity.name,
                "category": r.entity.category,
                "count": float(r.count) if method.fractional else int(r.count),
                "documents": r.documents,
            }
            for r in rows
        ]
        fmt = options["format"]
        if fmt == "json":
            self.stdout.write(
                json.dumps(
                    {"method": method.code, "year": options["year"], "rows": data},
                    ensure_ascii=False,
                    indent=1,
                )
            )
        elif fmt == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(["rank", "applicant", "category", "count"])
            for row in data:
                writer.writerow([row["rank"], row["applicant"], row["category"], row["count"]])
            self.stdout.write(buffer.getvalue(), ending="")
        else:
            self.stdout.write(f"{method.label} — {options['year']}")
            for row in data:
                self.stdout.write(
                    f"{row['rank']:>4}  {row['applicant'][:60]:<60} {row['category']:<5} {row['count']}"
                )
