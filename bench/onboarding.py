"""Benchmark: an office's inventions spreadsheet brought in through the product's own path
(valo.core.onboarding.run: read, every row validated by the invention's form, saved with its change
record and its key, permissions checked for the officer), beside simple baselines in the same run.

    .venv/bin/python bench/onboarding.py [--rows 10000]

Builds a throw-away SQLite database (under a temporary VALO_VAR_DIR) with a school and its
laboratories, writes an XLSX file of `--rows` inventions as a docketing tool exports them, then prints:
  - import as the school's officer (the target: 10 000 rows in < 30 s on SQLite);
  - the same file imported again: every row found by its key and left unchanged;
  - the preview (the same import, rolled back);
  - baselines: openpyxl reading the file alone, and Django's bulk_create of the same rows (no
    validation, no change log, no permissions).
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(function):
    """The call's wall time and processor time (steadier on a shared machine: SQLite runs in the
    process), and its result."""
    start, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - start, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    os.environ.setdefault("VALO_VAR_DIR", tempfile.mkdtemp(prefix="valo-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "valo.settings")
    os.environ["VALO_TASKS_BACKEND"] = "immediate"
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction
    from openpyxl import load_workbook

    from valo.core import onboarding
    from valo.core.access import Role
    from valo.core.exports import workbook_bytes
    from valo.directory.models import Membership, Organization
    from valo.inventions.models import Invention

    settings.VALO_IMPORT_MAX_ROWS = max(settings.VALO_IMPORT_MAX_ROWS, args.rows)
    call_command("migrate", verbosity=0)
    institution = Organization.objects.create(name="Institut", kind="institution")
    school = Organization.objects.create(name="École", kind="school", parent=institution)
    labs = [
        Organization.objects.create(name=f"Laboratoire {n}", kind="laboratory", parent=school)
        for n in range(12)
    ]
    officer = get_user_model().objects.create_user("officer")
    Membership.objects.create(user=officer, role=Role.OFFICER, organization=school)

    rng = random.Random(7)
    kind = onboarding.kinds()["inventions"]
    columns = [column.name for column in kind.columns()]
    states = ["declared", "qualified", "decided", "protected", "transferred", "abandoned"]
    rows = []
    for n in range(args.rows):
        received = datetime.date(2005, 1, 1) + datetime.timedelta(days=rng.randrange(7000))
        row = {
            "key": f"DI-{received.year}-{n:05d}",
            "title": f"Procédé {n} de traitement du signal pour capteurs répartis",
            "keywords": "signal | capteur",
            "owning_units": labs[n % len(labs)].name,
            "origin": "own_research",
            "state": rng.choice(states),
            "received_on": received.isoformat(),
            "ownership_class": "mission",
        }
        rows.append([row.get(name, "") for name in columns])
    content = workbook_bytes([("inventions", columns, rows)])
    print(f"{args.rows} rows, {len(content) / 1e6:.1f} MB XLSX, SQLite")

    read, read_cpu, _ = timed(
        lambda: list(load_workbook(io.BytesIO(content), read_only=True).active.iter_rows())
    )
    preview, _cpu, _ = timed(
        lambda: onboarding.run(
            kind, "inventions.xlsx", io.BytesIO(content), user=officer, commit=False
        )
    )
    first, first_cpu, report = timed(
        lambda: onboarding.run(kind, "inventions.xlsx", io.BytesIO(content), user=officer)
    )
    assert report.count("created") == args.rows, report.counts
    again, again_cpu, report = timed(
        lambda: onboarding.run(kind, "inventions.xlsx", io.BytesIO(content), user=officer)
    )
    assert report.count("unchanged") == args.rows, report.counts

    def bulk() -> None:
        with transaction.atomic():
            Invention.objects.bulk_create(
                [
                    Invention(
                        reference=f"B-{n:06d}",
                        title=row[2],
                        state="declared",
                        received_on=datetime.date.fromisoformat(row[columns.index("received_on")]),
                    )
                    for n, row in enumerate(rows)
                ],
                batch_size=500,
            )
            transaction.set_rollback(True)

    baseline, baseline_cpu, _ = timed(bulk)
    rate = args.rows / first
    per_10k = first * 10_000 / args.rows
    print(
        f"import (officer)   {first:7.2f} s  (cpu {first_cpu:6.2f} s)  {rate:6.0f} rows/s   "
        f"10 000 rows: {per_10k:5.1f} s, target < 30 s {'met' if per_10k < 30 else 'NOT met'}"
    )
    print(f"import again       {again:7.2f} s  (cpu {again_cpu:6.2f} s)  every row unchanged")
    print(f"preview            {preview:7.2f} s  (rolled back)")
    print(
        f"baseline: read the XLSX only {read:6.2f} s (cpu {read_cpu:5.2f} s)   "
        f"ratio {first / read:5.1f} (cpu {first_cpu / read_cpu:5.1f})"
    )
    print(
        f"baseline: bulk_create        {baseline:6.2f} s (cpu {baseline_cpu:5.2f} s)   "
        f"ratio {first / baseline:5.1f} (cpu {first_cpu / baseline_cpu:5.1f})"
    )


if __name__ == "__main__":
    main()
