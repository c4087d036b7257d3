"""Benchmark: the global search and the autocomplete pickers over a directory of 100 000 people and
100 000 organisations, through the product's pages, with p50/p95 beside a plain query's.

    VALO_DATABASE_URL=postgres://postgres@127.0.0.1:5432/valo_bench_search \
        .venv/bin/python bench/search.py [--people 100000] [--organizations 100000] [--queries 60]

The database named in VALO_DATABASE_URL is dropped and created again (give a scratch name); without
it, a throw-away SQLite file. Loads the demo institution, adds the generated people and companies
(bulk, outside the measure), then as the demo's officer times, for each of --queries queries (three
letters typed, a surname, a company word, a reference), the product's own pages:
  - `/search/?q=…` (every app's sources, through the officer's restricted querysets, ranked);
  - `/pick/directory.person/?q=…` and `/pick/directory.organization/?q=…` (the pickers' endpoint);
and, as the baseline, one plain `icontains` query of the people table (no permission, no ranking,
no page). It prints p50 and p95 of each and the ratio of the p95s. The issue's target: p95 < 100 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FIRST = (
    "Marie Jean Pierre Sophie Luc Claire Paul Anne Louis Julie Marc Nathalie Hugo Camille Léa Emma "
    "Chloé Manon Inès Sarah Lucas Nathan Thomas Théo Maxime Antoine Nicolas Julien Alexandre "
    "Isabelle Sylvie Catherine Françoise Philippe Alain Michel Bernard Éric Olivier Laurent Cécile "
    "Valérie Aurélie Delphine Stéphane Sébastien Vincent Guillaume Romain Karim Mehdi Yasmine Fatima "
    "Mohamed Ahmed Wei Li Chen Hiroshi Yuki Ana Maria José Giulia Marco Hans Anke Sven Ingrid"
).split()
ONSETS = "b br c ch cl d dr f g gr j l m n p pr r s t tr v".split()
VOWELS = "a e i o u ou au ai eu é".split()
CODAS = ["", "", "n", "r", "l", "s", "t", "x", "ssier", "rd", "llet", "nneau", "rtin", "vier"]
WORDS = (
    "Optique Systèmes Matériaux Énergie Robotique Photonique Capteurs Données Réseaux Chimie Santé "
    "Aéro Nano Quantum Bio Industrie Solutions Ingénierie Laser Hydrogène Batteries Logiciels "
    "Métal Fluides Vision Acoustique Mécanique Plasturgie Composites Imagerie Diagnostic Pharma "
    "Agro Textile Béton Verre Semiconducteurs Radio Satellite Marine Ferroviaire Automobile"
).split()
LEGAL = ["SA", "SAS", "SARL", "GmbH", "Ltd", "Inc", ""]


def surname(rng: random.Random) -> str:
    """A surname made of two or three syllables: tens of thousands of distinct names, as a real
    directory of 100 000 people has (the frequent ones are drawn again, below)."""
    syllables = rng.choice((2, 2, 3))
    text = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(syllables))
    return (text + rng.choice(CODAS)).capitalize()


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def analyze(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("ANALYZE")


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--organizations", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument(
        "--keep", action="store_true", help="reuse the database a previous run loaded"
    )
    args = parser.parse_args()
    os.environ.setdefault("VALO_VAR_DIR", tempfile.mkdtemp(prefix="valo-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "valo.settings")
    os.environ["VALO_TASKS_BACKEND"] = "immediate"
    url = os.environ.get("VALO_DATABASE_URL", "")
    if url.startswith("postgres") and not args.keep:
        recreate_database(url)
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from valo.directory.models import Organization, Person

    settings.ALLOWED_HOSTS = ["*"]
    if not args.keep:
        call_command("migrate", verbosity=0)
        call_command("demo", stdout=open(os.devnull, "w"))
    rng = random.Random(2026)
    start = time.perf_counter()
    common = [surname(rng) for _ in range(300)]  # the frequent surnames
    names = [rng.choice(common) if rng.random() < 0.3 else surname(rng) for _ in range(args.people)]
    if not args.keep:
        Person.objects.bulk_create(
            (
                Person(
                    first_name=rng.choice(FIRST),
                    last_name=name if n % 7 else f"{name}-{rng.choice(common)}",
                    email=f"{name.lower()}.{n}@bench.invalid",
                    employee_number=f"E{n:07d}",
                )
                for n, name in enumerate(names)
            ),
            batch_size=5000,
        )
        Organization.objects.bulk_create(
            (
                Organization(
                    name=f"{surname(rng)} {rng.choice(WORDS)} {rng.choice(LEGAL)}".strip(),
                    kind="company",
                    country="FR",
                    siren=f"{800000000 + n}",
                )
                for n in range(args.organizations)
            ),
            batch_size=5000,
        )
    if connection.vendor == "postgresql" and not args.keep:
        analyze(url)  # fresh statistics for the planner, as autovacuum would give them shortly
    print(
        f"{connection.vendor}: {Person.objects.count()} people, "
        f"{Organization.objects.count()} organisations (loaded in {time.perf_counter() - start:.0f} s)"
    )

    client = Client()
    client.force_login(get_user_model().objects.get(username="officer"))
    # What officers type: the first three letters of a surname, a whole surname, a first and last
    # name, the start of a company's word, a reference, a SIREN.
    queries = [
        rng.choice(
            [
                rng.choice(names)[:3].lower(),
                rng.choice(names),
                f"{rng.choice(FIRST)} {rng.choice(names)}",
                rng.choice(WORDS)[:5].lower(),
                "INV-2021",
                f"{800000000 + rng.randrange(args.organizations)}",
            ]
        )
        for _ in range(args.queries)
    ]

    def timed(function) -> list[float]:
        function(queries[0])  # warm
        times = []
        for query in queries:
            begin = time.perf_counter()
            response = function(query)
            times.append(time.perf_counter() - begin)
            if getattr(response, "status_code", 200) != 200:
                raise SystemExit(f"{query!r}: HTTP {response.status_code}")
        return times

    baseline = timed(lambda q: list(Person.objects.filter(last_name__icontains=q)[:20]))
    base50, base95 = percentiles(baseline)
    print(
        f"{'baseline: icontains on people':42} p50 {base50 * 1000:6.1f} ms  p95 {base95 * 1000:6.1f} ms"
    )
    for label, path in [
        ("global search /search/", "/search/"),
        ("picker of people", "/pick/directory.person/"),
        ("picker of organisations", "/pick/directory.organization/"),
    ]:
        times = timed(lambda q, path=path: client.get(path, {"q": q}))
        p50, p95 = percentiles(times)
        slowest = sorted(zip(times, queries, strict=True), reverse=True)[:3]
        print(
            f"{label:42} p50 {p50 * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms"
            f"  p95 ratio {p95 / base95:5.1f}  {'target met' if p95 < 0.1 else 'ABOVE 100 ms'}"
            f"  slowest: {', '.join(f'{q!r} {t * 1000:.0f} ms' for t, q in slowest)}"
        )


if __name__ == "__main__":
    main()
