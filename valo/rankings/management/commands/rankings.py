"""valo rankings palmares [--year 2020] [--method inpi-2022] [--category RESE] [--top 50]
[--format table|csv|json] [--engine duckdb|spark]: the ranking of applicants in the analytic store."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from valo.core.exports import write_table
from valo.core.management.base import LoggedCommand
from valo.officedata.store import AnalyticStore
from valo.rankings import entities
from valo.rankings.evaluation import GoldFileError, pv_evaluation_sets, read_gold, run
from valo.rankings.methods import METHODS


class Command(LoggedCommand):
    help = "Rank the applicants of the analytic store under a named methodology."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        ranking = sub.add_parser("palmares", help="the ranking of a year")
        ranking.add_argument("--year", type=int, default=timezone.localdate().year - 1)
        ranking.add_argument("--method", choices=sorted(METHODS), default="inpi-2022")
        ranking.add_argument("--category", choices=["GE", "ETI", "PME", "RESE", "?"])
        ranking.add_argument("--top", type=int)
        ranking.add_argument(
            "--engine",
            choices=["duckdb", "spark"],
            help="what runs the ranking's SQL (default: VALO_RANKING_ENGINE)",
        )
        ranking.add_argument("--format", choices=["table", "csv", "xlsx", "json"], default="table")
        ranking.add_argument(
            "--output", type=Path, help="the XLSX file to write (with --format xlsx)"
        )
        evaluating = sub.add_parser("evaluate", help="metrics of the harmoniser on gold sets")
        evaluating.add_argument(
            "--gold", type=Path, help="a CSV of mentions (default: pv-evaluation's sets)"
        )
        evaluating.add_argument("--mention-col", default="mention_id")
        evaluating.add_argument("--cluster-col", default="unique_id")
        evaluating.add_argument("--name-col", default="organization")
        evaluating.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "evaluate":
            self._evaluate(options)
            return
        method = METHODS[options["method"]]
        store = AnalyticStore()
        if store.current is None:
            raise CommandError(
                "The analytic store is empty: import office files first (valo officedata import)."
            )
        try:
            rows = entities.ranking(
                store,
                method,
                options["year"],
                category=options["category"],
                top=options["top"],
                engine=options["engine"],
            )
        except RuntimeError as error:  # the Spark engine unavailable: says what to install
            raise CommandError(str(error)) from error
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
        elif fmt == "xlsx":
            target = options["output"] or Path(f"palmares-{method.code}-{options['year']}.xlsx")
            with target.open("wb") as handle:
                write_table(
                    ["rank", "applicant", "category", "count", "documents"],
                    (
                        [
                            r["rank"],
                            r["applicant"],
                            r["category"],
                            r["count"],
                            " ".join(r["documents"]),
                        ]
                        for r in data
                    ),
                    "xlsx",
                    handle,
                    title=str(options["year"]),
                )
            self.stdout.write(f"{len(data)} rows written to {target}")
        elif fmt == "csv":
            buffer = io.BytesIO()
            write_table(
                ["rank", "applicant", "category", "count"],
                ([r["rank"], r["applicant"], r["category"], r["count"]] for r in data),
                "csv",
                buffer,
            )
            self.stdout.write(buffer.getvalue().decode("utf-8-sig"), ending="")
        else:
            self.stdout.write(f"{method.label} — {options['year']}")
            for row in data:
                self.stdout.write(
                    f"{row['rank']:>4}  {row['applicant'][:60]:<60} {row['category']:<5} {row['count']}"
                )

    def _evaluate(self, options: dict[str, Any]) -> None:
        try:
            if options["gold"]:
                sets = {options["gold"].name: options["gold"]}
            else:
                sets = pv_evaluation_sets()
            results = []
            for label, path in sets.items():
                gold, names = read_gold(
                    path, options["mention_col"], options["cluster_col"], options["name_col"]
                )
                results += run(label, gold, names)
        except (GoldFileError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(
                    [
                        {
                            "gold_set": r.gold_set,
                            "method": r.method,
                            "mentions": r.mentions,
                            "clusters": r.clusters,
                            "pairwise": {
                                "precision": r.pairwise.precision,
                                "recall": r.pairwise.recall,
                                "f1": r.pairwise.f1,
                            },
                            "b3": {
                                "precision": r.b3.precision,
                                "recall": r.b3.recall,
                                "f1": r.b3.f1,
                            },
                            "seconds": round(r.seconds, 2),
                        }
                        for r in results
                    ],
                    indent=1,
                )
            )
            return
        self.stdout.write(
            f"{'gold set':<14}{'method':<15}{'clusters':>9}  {'pairwise P / R / F1':<22}{'B-cubed P / R / F1':<22}{'time':>6}"
        )
        for r in results:
            self.stdout.write(
                f"{r.gold_set:<14}{r.method:<15}{r.clusters:>9}  "
                f"{r.pairwise.precision:.3f} / {r.pairwise.recall:.3f} / {r.pairwise.f1:.3f}   "
                f"{r.b3.precision:.3f} / {r.b3.recall:.3f} / {r.b3.f1:.3f}   {r.seconds:>5.1f}s"
            )
