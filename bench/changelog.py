"""Benchmark: what the change log and the permission filter cost, against plain Django in the same run.

    .venv/bin/python bench/changelog.py [--rows 2000] [--repeat 5]

Runs on a throw-away SQLite database under a temporary VALO_VAR_DIR (or on VALO_DATABASE_URL's server if
set — use a scratch database). Prints the median time of each operation and the ratio to its baseline:
  - queryset.update() of N rows, logged (one record per row) vs Django's unlogged update;
  - bulk_create() of N rows, logged vs unlogged;
  - a list page's query for a scoped officer (restrict + count + first 50) vs unrestricted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(action: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    os.environ.setdefault("VALO_VAR_DIR", tempfile.mkdtemp(prefix="valo-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "valo.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import models, transaction

    from valo.core.access import Role
    from valo.core.models import ObjectChange
    from valo.directory.models import Membership, Organization

    call_command("migrate", verbosity=0)
    n, repeat = args.rows, args.repeat
    root = Organization.objects.create(name="Bench institute", kind="institution")
    schools = [
        Organization.objects.create(name=f"School {i}", kind="school", parent=root)
        for i in range(10)
    ]
    labs = [
        Organization(name=f"Lab {i}", kind="laboratory", parent=schools[i % 10]) for i in range(n)
    ]
    Organization.objects.bulk_create(labs)
    officer = get_user_model().objects.create_user("bench-officer")
    Membership.objects.create(user=officer, role=Role.OFFICER, organization=schools[0])
    plain_update = models.QuerySet.update

    def logged_update() -> None:
        Organization.objects.filter(kind="laboratory").update(city=str(time.perf_counter()))

    def unlogged_update() -> None:
        plain_update(
            Organization._base_manager.filter(kind="laboratory"), city=str(time.perf_counter())
        )

    def create_then_rollback(manager: models.Manager) -> Callable[[], None]:
        def run() -> None:
            with transaction.atomic():
                manager.bulk_create(
                    [Organization(name=f"New {i}", kind="company") for i in range(n)]
                )
                transaction.set_rollback(True)

        return run

    def page_query(queryset_for: Callable[[], models.QuerySet]) -> Callable[[], None]:
        def run() -> None:
            queryset = queryset_for()
            queryset.count()
            list(queryset.order_by("name")[:50])

        return run

    def scoped() -> models.QuerySet:
        officer.__dict__.pop("_valo_access", None)  # a new request computes the access again
        return Organization.objects.restrict(officer)

    results = [
        (f"update() of {n} rows", timed(logged_update, repeat), timed(unlogged_update, repeat)),
        (
            f"bulk_create() of {n} rows",
            timed(create_then_rollback(Organization.objects), repeat),
            timed(create_then_rollback(Organization._base_manager), repeat),
        ),
        (
            "list page query, officer of 1 school in 10",
            timed(page_query(scoped), repeat * 4),
            timed(page_query(lambda: Organization.objects.all()), repeat * 4),
        ),
    ]
    print(f"database: {django.db.connection.vendor}; rows: {n}; median of {repeat} runs")
    print(f"{'operation':<45} {'valo':>10} {'baseline':>10} {'ratio':>7}")
    for name, ours, base in results:
        print(f"{name:<45} {ours * 1000:>8.1f}ms {base * 1000:>8.1f}ms {ours / base:>6.1f}x")
    print(f"change records written: {ObjectChange.objects.count()}")


if __name__ == "__main__":
    main()
