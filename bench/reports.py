"""Benchmark: the director's home page and the yearly report on the demo institution, through the
product's pages (Django's test client, warm), beside a naive report measured in the same run.

    .venv/bin/python bench/reports.py [--year 2020] [--repeat 5]

Loads the demo institution into a throw-away SQLite database (under a temporary VALO_VAR_DIR), then
prints for each page the best time of the repeats and its number of queries:
  - the director's home page (key figures this year and last, the palmarès rank);
  - the yearly report page, and its XLSX download;
  - the officer's home page (deadlines, queue, obligations);
  - naive: the report's figures computed by loading every record of the year as an object and
    reading its units one by one (what a first implementation of each figure would do).
The issue asks < 300 ms warm for the first two.
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
    parser.add_argument("--year", type=int, default=2020)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("VALO_VAR_DIR", tempfile.mkdtemp(prefix="valo-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "valo.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from valo.reports.figures import Schools
    from valo.reports.yearly import SPECS

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    call_command("demo", stdout=io.StringIO())
    users = get_user_model().objects

    def timed(label: str, run) -> float:
        run()  # warm
        best, queries = float("inf"), 0
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                run()
                best = min(best, time.perf_counter() - started)
            queries = len(captured.captured_queries)
        print(f"{label:<44} {best * 1000:7.0f} ms  {queries:4d} queries")
        return best

    def page(username: str, url: str):
        client = Client()
        client.force_login(users.get(username=username))

        def run() -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return run

    director = users.get(username="director")

    def naive() -> None:
        schools = Schools()
        for spec in SPECS.values():
            for record in spec.queryset(director, args.year):
                units = getattr(record, spec.unit.split("__")[0])
                if hasattr(units, "all"):
                    [getattr(u, "organization_id", None) for u in units.all()]
                schools.school_of.get(getattr(units, "pk", None))

    ours = timed("director home page", page("director", "/"))
    report = timed(
        f"yearly report {args.year}", page("director", f"/reports/yearly/?year={args.year}")
    )
    timed("yearly report, XLSX", page("director", f"/reports/yearly/?year={args.year}&format=xlsx"))
    timed("officer home page", page("officer", "/"))
    timed("finance home page (payroll of last year included)", page("finance", "/"))
    baseline = timed("naive: every record of the year loaded", naive)
    print(
        f"report page / naive figures: {report / baseline:.2f}; home page / naive: {ours / baseline:.2f}"
    )


if __name__ == "__main__":
    main()
