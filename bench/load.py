"""Load benchmark: N users × T seconds of mixed API reads and writes against gunicorn, on SQLite or
PostgreSQL, beside a single-user baseline measured in the same run.

    .venv/bin/python bench/load.py [--users 40] [--seconds 120] [--writes 0.3] [--workers 4]
    VALO_DATABASE_URL=postgres://postgres@127.0.0.1:5432/valo_load .venv/bin/python bench/load.py

Loopback only. Builds a throw-away office (a temporary VALO_VAR_DIR; with VALO_DATABASE_URL, give a
scratch database: it is migrated and loaded with the demo), starts gunicorn on 127.0.0.1, then:
  - baseline: one user, each request kind in turn, for a tenth of the time;
  - load: N users (threads, sharing the API tokens of the demo's officers and administrator), each request a
    read (families, deadlines due within 90 days, inventions, agreements, the change log) or, with
    probability --writes, a write (create a partner organisation, change a partner's city).
It prints requests, requests/s, errors by kind (HTTP 5xx, 4xx other than the expected, connection
errors) and p50/p95/p99 per kind of request, and the ratio of the load's p95 to the baseline's p50.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

READS = {
    "families": "/api/patents/families/?page={page}",
    "deadlines": "/api/patents/deadlines/?state=open&within_days=90",
    "inventions": "/api/inventions/inventions/",
    "agreements": "/api/agreements/agreements/",
    "changes": "/api/core/changes/",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(env: dict[str, str]) -> list[str]:
    """Migrate, load the demo, and give each officer and director an API token."""
    valo = [sys.executable, "-m", "valo"]
    subprocess.run([*valo, "migrate", "--noinput", "-v0"], env=env, check=True)
    subprocess.run([*valo, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    code = (
        "from django.contrib.auth import get_user_model;"
        "from rest_framework.authtoken.models import Token;"
        "users = get_user_model().objects.filter(memberships__role__in=['officer','admin'])"
        ".distinct();"
        "print(' '.join(Token.objects.get_or_create(user=u)[0].key for u in users))"
    )
    out = subprocess.run(
        [*valo, "shell", "-c", code], env=env, check=True, capture_output=True, text=True
    )
    # The shell prints its own lines too: keep the 40-hex-digit keys.
    return [
        w for w in out.stdout.split() if len(w) == 40 and all(c in "0123456789abcdef" for c in w)
    ]


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter[str] = Counter()

    def add(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.times[kind].append(seconds)
            if error:
                self.errors[error] += 1


def one(session, base: str, kind: str, rng: random.Random, created: list[int]) -> str | None:
    import requests

    try:
        if kind == "create":
            answer = session.post(
                f"{base}/api/directory/organizations/",
                json={"name": f"Load partner {rng.randrange(10**9)}", "kind": "company"},
            )
            if answer.status_code == 201:
                created.append(answer.json()["id"])
            expected = {201}
        elif kind == "update":
            if not created:
                return None
            pk = rng.choice(created)
            answer = session.patch(
                f"{base}/api/directory/organizations/{pk}/",
                json={"city": f"City {rng.randrange(99)}"},
            )
            expected = {200}
        else:
            answer = session.get(base + READS[kind].format(page=rng.randint(1, 3)))
            expected = {200, 403, 404}  # a director's or officer's scope may not cover a page
    except requests.RequestException as error:
        return f"connection: {type(error).__name__}"
    if answer.status_code >= 500:
        return f"HTTP {answer.status_code}"
    if answer.status_code not in expected:
        return f"HTTP {answer.status_code} on {kind}"
    return None


def user_loop(base, token, until, writes, seed, stats, created) -> None:
    import requests

    rng = random.Random(seed)
    session = requests.Session()
    session.headers["Authorization"] = f"Token {token}"
    while time.monotonic() < until:
        kind = (
            rng.choice(["create", "update"]) if rng.random() < writes else rng.choice(list(READS))
        )
        started = time.monotonic()
        error = one(session, base, kind, rng, created)
        stats.add(kind, time.monotonic() - started, error)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def report(title: str, stats: Stats, seconds: float) -> dict[str, float]:
    total = sum(len(v) for v in stats.times.values())
    every = [t for values in stats.times.values() for t in values]
    print(f"\n{title}: {total} requests in {seconds:.0f} s ({total / seconds:.1f}/s)")
    print(f"  errors: {sum(stats.errors.values())} {dict(stats.errors) or ''}")
    print(f"  {'request':<12}{'n':>7}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}")
    for kind, values in sorted(stats.times.items()):
        print(
            f"  {kind:<12}{len(values):>7}{percentile(values, 0.5):>10.1f}"
            f"{percentile(values, 0.95):>10.1f}{percentile(values, 0.99):>10.1f}"
        )
    return {"p50": percentile(every, 0.5), "p95": percentile(every, 0.95)} if every else {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--writes", type=float, default=0.3)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "valo.settings",
        "VALO_VAR_DIR": os.environ.get("VALO_VAR_DIR") or tempfile.mkdtemp(prefix="valo-load-"),
        "VALO_DEBUG": "false",
        "VALO_API_RATE_USER": "1000000/minute",  # the benchmark measures the server, not the limit
        "VALO_ALLOWED_HOSTS": "127.0.0.1",
    }
    database = env.get("VALO_DATABASE_URL", "sqlite (VALO_VAR_DIR)")
    print(
        f"database: {database}; {args.users} users × {args.seconds:.0f} s, "
        f"{args.writes:.0%} writes, gunicorn {args.workers} workers"
    )
    tokens = prepare(env)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "valo.wsgi",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        stderr=(Path(env["VALO_VAR_DIR"]) / "gunicorn.log").open("w"),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        import requests

        for _ in range(100):
            try:
                requests.get(f"{base}/health/", timeout=1)
                break
            except requests.RequestException:
                time.sleep(0.2)
        created: list[int] = []
        baseline = Stats()
        seconds = max(args.seconds / 10, 5)
        user_loop(base, tokens[0], time.monotonic() + seconds, args.writes, 1, baseline, created)
        single = report("baseline, 1 user", baseline, seconds)
        load = Stats()
        until = time.monotonic() + args.seconds
        threads = [
            threading.Thread(
                target=user_loop,
                args=(base, tokens[i % len(tokens)], until, args.writes, i, load, created),
            )
            for i in range(args.users)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        loaded = report(f"load, {args.users} users", load, args.seconds)
        if single and loaded:
            print(f"\np95 under load / p50 of one user: {loaded['p95'] / single['p50']:.1f}×")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
