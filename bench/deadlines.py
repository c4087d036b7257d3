"""Benchmark: recompute every deadline of a large portfolio, against a naive per-object recompute.

    .venv/bin/python bench/deadlines.py [--families 10000] [--naive-sample 500]

Builds a throw-away SQLite database (under a temporary VALO_VAR_DIR; or VALO_DATABASE_URL's, use a
scratch one) with N families of 4 applications each (FR first filing, PCT, EP regional phase, US
national phase), their deadlines already in place, then times:
  - valo: `recompute_deadlines` — rules and office calendars loaded once, applications in batches,
    only the differences written (none here);
  - naive: each application on its own, reloading rules and calendars and saving each deadline
    through the ORM, on a sample, extrapolated to the whole portfolio.
Setup rows are written with Django's plain bulk_create (benchmark data, not user changes).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=10000)
    parser.add_argument("--naive-sample", type=int, default=500)
    args = parser.parse_args()
    os.environ.setdefault("VALO_VAR_DIR", tempfile.mkdtemp(prefix="valo-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "valo.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import models

    from valo.directory.models import Organization
    from valo.patents import engine
    from valo.patents.calendars import OfficeCalendar
    from valo.patents.dates import add_months
    from valo.patents.models import Deadline, DeadlineRule, PatentApplication, PatentFamily

    call_command("migrate", verbosity=0)
    plain = models.QuerySet.bulk_create
    rng = random.Random(1)
    started = time.perf_counter()
    unit = Organization.objects.create(name="Bench lab", kind="institution")
    families = plain(
        PatentFamily._base_manager.all(),
        [
            PatentFamily(reference=f"B{i:06d}", title="bench", unit=unit)
            for i in range(args.families)
        ],
        batch_size=2000,
    )
    applications = []
    for family in families:
        filed = datetime.date(2006, 1, 1) + datetime.timedelta(days=rng.randrange(7000))
        for office, route, months in (
            ("FR", "first_filing", 0),
            ("WO", "pct", 12),
            ("EP", "euro_pct", 31),
            ("US", "national_phase", 30),
        ):
            applications.append(
                PatentApplication(
                    family=family,
                    office=office,
                    route=route,
                    filing_date=add_months(filed, min(months, 12)),
                    application_number=f"{office}{family.pk:07d}",
                    search_report_date=add_months(filed, 9),
                    grant_date=add_months(filed, 40) if office in ("US", "EP") else None,
                )
            )
    applications = plain(PatentApplication._base_manager.all(), applications, batch_size=2000)
    rules = engine.load_rules()
    calendars = engine.load_calendars(rules)
    deadlines = [
        Deadline(
            application=a,
            rule=d.rule,
            year=d.year,
            label=d.label,
            base_date=d.base_date,
            due_date=d.due_date,
            grace_end=d.grace_end,
        )
        for a in applications
        for d in engine.due_dates(a, rules, calendars)
    ]
    plain(Deadline._base_manager.all(), deadlines, batch_size=5000)
    setup = time.perf_counter() - started

    started = time.perf_counter()
    call_command("recompute_deadlines", stdout=open(os.devnull, "w"))
    ours = time.perf_counter() - started

    sample = list(PatentApplication.objects.order_by("?")[: args.naive_sample])
    started = time.perf_counter()
    for application in sample:
        # Naive: everything reloaded per object, one query per deadline, saved one by one.
        own_rules = list(DeadlineRule.objects.all())
        own_calendars = {o: OfficeCalendar(o) for o in ("FR", "EP", "US", "WO")}
        for due in engine.due_dates(application, own_rules, own_calendars):
            stored = Deadline.objects.filter(
                application=application, rule=due.rule, year=due.year
            ).first()
            if stored is not None and stored.due_date != due.due_date:
                stored.due_date = due.due_date
                stored.save()
    naive_sample = time.perf_counter() - started
    naive = naive_sample / len(sample) * len(applications)

    print(
        f"database: {django.db.connection.vendor}; {len(families)} families, {len(applications)} applications, {len(deadlines)} deadlines (setup {setup:.0f} s)"
    )
    print(f"{'recompute every deadline':<40} {'valo':>10} {'naive':>12} {'ratio':>7}")
    print(f"{'':<40} {ours:>9.1f}s {naive:>11.1f}s {naive / ours:>6.1f}x")
    print(f"(naive measured on {len(sample)} applications: {naive_sample:.1f} s, extrapolated)")


if __name__ == "__main__":
    main()
