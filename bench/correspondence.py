"""Benchmark: the global search, the pickers and the notifications on the demo institution, through
the product's own paths (the pages by Django's test client, `emit()` with its e-mails composed and
sent), each beside a simple baseline measured in the same run.

    .venv/bin/python bench/correspondence.py [--repeat 5] [--events 50]

Loads the demo institution into a throw-away SQLite database (under a temporary VALO_VAR_DIR), then
prints best-of-repeat times:
  - search: `/search/?q=…` as the officer (every app's sources, restricted, ranked) against one plain
    `icontains` query of invention titles (one model, no permissions, no ranking);
  - picker: `/pick/directory.person/?q=…` against the same query on the people table;
  - notifications: one event to the school's officers and the inventors — rendered in each one's
    language, recorded, e-mailed (job queue at once, Django's in-memory mail backend) — against
    Django's `send_mail` of one fixed text to the same addresses.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def best(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--events", type=int, default=50)
    args = parser.parse_args()
    os.environ.setdefault("VALO_VAR_DIR", tempfile.mkdtemp(prefix="valo-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "valo.settings")
    os.environ["VALO_TASKS_BACKEND"] = "immediate"
    os.environ["VALO_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.mail import send_mail
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client
    from django.utils.translation import gettext_lazy as _

    from valo.correspondence.events import Message, emit, staff_who_may, users_of
    from valo.directory.models import Person
    from valo.inventions.models import Invention

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    call_command("demo", stdout=open(os.devnull, "w"))
    officer = get_user_model().objects.get(username="officer")
    client = Client()
    client.force_login(officer)
    print(f"demo: {Invention.objects.count()} inventions, {Person.objects.count()} people")

    for query in ("optical", "INV-2019", "FAM-2020-01", "Télécom"):
        client.get("/search/", {"q": query})  # warm
        product = best(lambda q=query: client.get("/search/", {"q": q}), args.repeat)
        baseline = best(
            lambda q=query: list(Invention.objects.filter(title__icontains=q)[:8]), args.repeat
        )
        print(
            f"search {query!r:14} {product * 1000:7.1f} ms   baseline {baseline * 1000:6.1f} ms"
            f"   ratio {product / baseline:5.1f}"
        )
    for query in ("mar", "dupont"):
        product = best(lambda q=query: client.get("/pick/directory.person/", {"q": q}), args.repeat)
        baseline = best(
            lambda q=query: list(Person.objects.filter(last_name__icontains=q)[:20]), args.repeat
        )
        print(
            f"picker {query!r:14} {product * 1000:7.1f} ms   baseline {baseline * 1000:6.1f} ms"
            f"   ratio {product / baseline:5.1f}"
        )

    invention = Invention.objects.restrict(officer, "change").exclude(reference=None).first()
    people = [
        *staff_who_may(invention, "officer"),
        *users_of(i.person for i in invention.inventorships.select_related("person__user")),
    ]
    for user in people:
        if not user.email:
            user.email = f"{user.username}@bench.invalid"
            user.save()
    addresses = [u.email for u in people]
    message = Message(
        _("%(reference)s: the invention's classification"),
        _("The office classified the invention “%(title)s” on %(day)s as: %(class)s.\n%(note)s"),
        params={
            "reference": invention.reference,
            "title": invention.title,
            "day": "today",
            "class": invention.get_ownership_class_display,
            "note": "",
        },
        url=invention.get_absolute_url(),
    )

    def product_events() -> None:
        for _n in range(args.events):
            with transaction.atomic():
                emit("inventions.qualified", message, people)

    def baseline_events() -> None:
        for _n in range(args.events):
            for address in addresses:
                send_mail("subject", "text", settings.DEFAULT_FROM_EMAIL, [address])

    product = best(product_events, max(1, args.repeat // 2))
    baseline = best(baseline_events, max(1, args.repeat // 2))
    per = product / args.events * 1000
    print(
        f"notify {args.events} events × {len(people)} recipients: {product:6.2f} s ({per:5.1f} ms "
        f"an event)   baseline send_mail {baseline:6.2f} s   ratio {product / baseline:5.1f}"
    )


if __name__ == "__main__":
    main()
