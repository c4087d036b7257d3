"""Benchmark: the payroll of a year (every inventor's yearly statement) on the demo institution,
against the floor of reading the same money with one aggregate query.

    .venv/bin/python bench/remuneration.py [--year 2025] [--repeat 3]

Loads the demo institution into a throw-away SQLite database (under a temporary VALO_VAR_DIR; or
VALO_DATABASE_URL's, use a scratch one), then times:
  - valo: `payroll`, every inventor's yearly statement, each invention computed once — revenue and costs per invention and year, losses
    carried forward, coefficients, the ceiling in force, the prime au brevet triggers;
  - per person: `yearly_statement` called for each inventor, nothing shared between them;
  - floor: one GROUP BY over the payments of the agreements that cover an invention — what any
    report must read at least, with none of the rules applied.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("VALO_VAR_DIR", tempfile.mkdtemp(prefix="valo-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "valo.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.db.models import Sum

    from valo.agreements.models import Payment
    from valo.directory.models import Person
    from valo.finance.remuneration import payroll, yearly_statement
    from valo.inventions.models import Inventorship

    call_command("migrate", verbosity=0)
    call_command("demo", stdout=io.StringIO())
    people = list(Person.objects.filter(pk__in=Inventorship.objects.values("person")))

    def valo() -> int:
        return sum(1 for _p, lines in payroll(people, args.year) for line in lines if line.amount)

    def per_person() -> int:
        return sum(1 for p in people for line in yearly_statement(p, args.year) if line.amount)

    def floor() -> int:
        rows = (
            Payment.objects.filter(received_on__year=args.year)
            .values("agreement__invention_links__invention")
            .annotate(total=Sum("amount"))
        )
        return len(list(rows))

    def best(function) -> tuple[float, int]:
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            result = function()
            times.append(time.perf_counter() - started)
        return min(times), result

    from django.conf import settings

    settings.DEBUG = True  # count the queries of one run
    reset_queries()
    valo()
    queries = len(connection.queries)
    settings.DEBUG = False
    valo_time, lines = best(valo)
    floor_time, inventions = best(floor)
    each_time, _ = best(per_person)
    print(f"inventors: {len(people)}, year {args.year}")
    print(f"valo  payroll: {valo_time * 1000:8.1f} ms  ({lines} paid lines, {queries} queries)")
    print(f"one statement per person, nothing shared: {each_time * 1000:8.1f} ms")
    print(f"floor one sum: {floor_time * 1000:8.1f} ms  ({inventions} inventions with revenue)")
    print(f"ratio valo / floor: {valo_time / floor_time:.0f}×")
    print(f"per inventor: {valo_time / len(people) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
