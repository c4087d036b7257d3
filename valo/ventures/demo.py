"""The demo institution's ventures: ten start-ups from its incubators, spin-offs of its labs with
their founders' L531-x authorisations — one over its equity cap, so the warning shows."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction

from valo.agreements.models import Agreement
from valo.directory.models import Organization, Person
from valo.ventures.models import FundingRound, Involvement, Venture

NEW_STARTUPS = [
    "Lumiscan",
    "Kerwatt",
    "Sylvatech Analytics",
    "Quantaleo",
    "Biomécanix",
    "Ondeo Radio",
]
INVESTORS = [
    "Bpifrance, business angels",
    "Go Capital, Bpifrance",
    "Elaia Partners",
    "Breizh Up, Région Bretagne",
    "Demeter, Bpifrance",
]
SCHEMES = ["L531-1", "L531-9", "L531-12", "L531-8"]


@transaction.atomic
def load_demo() -> list[str]:
    incubators = list(Organization.objects.filter(kind="incubator").order_by("pk"))
    if Venture.objects.exists() or not incubators:
        return []
    rng = random.Random(2006)
    for name in NEW_STARTUPS:
        Organization.objects.get_or_create(name=name, defaults={"kind": "startup"})
    startups = list(Organization.objects.filter(kind="startup").order_by("pk"))
    labs = list(Organization.objects.filter(kind="laboratory").order_by("pk"))
    licences = list(Agreement.objects.filter(kind="licence").order_by("pk"))
    for number, company in enumerate(startups):
        lab = rng.choice(labs)
        kind = "spin_off" if number % 3 != 2 else "incubated"
        created = datetime.date(2017 + number % 8, rng.randint(1, 12), rng.randint(1, 28))
        venture = Venture.objects.create(
            company=company,
            kind=kind,
            unit=lab,
            incubator=incubators[number % len(incubators)],
            created_on=created,
            status="closed" if number == 4 else "active",
            institution_equity=Decimal(rng.choice([0, 0, 5, 8, 10])),
            licence=licences[number] if kind == "spin_off" and number < len(licences) else None,
        )
        for rank, label in enumerate(["Seed", "Series A"][: rng.randint(0, 2)]):
            FundingRound.objects.create(
                venture=venture,
                closed_on=created.replace(year=created.year + 1 + rank),
                label=label,
                amount=Decimal(rng.randrange(4, 40) * 50_000 * (rank * 4 + 1)),
                investors=rng.choice(INVESTORS),
                institution_invests=rank == 0 and venture.institution_equity > 0,
            )
        if kind != "spin_off":
            continue
        people = Person.objects.filter(affiliations__organization=lab).distinct().order_by("pk")
        for rank, person in enumerate(people[:2]):
            scheme = SCHEMES[(number + rank) % len(SCHEMES)]
            authorised = created - datetime.timedelta(days=rng.randint(30, 120))
            over_cap = number == 0 and rank == 0
            Involvement.objects.create(
                venture=venture,
                person=person,
                scheme="L531-9" if over_cap else scheme,
                authorised_on=authorised,
                expires_on=authorised.replace(year=authorised.year + 5),
                equity=Decimal(55 if over_cap else rng.choice([5, 10, 15, 30])),
                voting_rights=Decimal(rng.choice([5, 10, 15])),
                time_share=Decimal(20 if scheme == "L531-8" else 0),
                founder=rank == 0,
            )
    return [f"Demo ventures: {len(startups)} start-ups from {len(incubators)} incubators."]
