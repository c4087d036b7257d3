"""The demo institution's patent portfolio, 2014–2026 (synthetic numbers, real rules).

It reproduces the institution's published 2020 figures: exactly 33 French applications published in
2020 (the count INPI's 2020 ranking credited to it) and exactly 13 applications filed in 2020 jointly
with companies. French first filings are published 18 months after filing, so the 33 are the French
filings of July 2018 – June 2019; the 13 are French filings of 2020 co-owned with a company (their
extensions are filed in 2021, and the families whose extensions fall in 2020 are the institution's
alone)."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from valo.directory.models import Organization
from valo.inventions import transitions
from valo.inventions.choices import InventionState
from valo.inventions.demo import AWAITING_FAMILY
from valo.inventions.models import Invention
from valo.patents import engine
from valo.patents.dates import add_months
from valo.patents.models import (
    ApplicationOwner,
    Cost,
    Deadline,
    PatentApplication,
    PatentFamily,
    PriorityClaim,
    Validation,
)

PUBLISHED_IN_2020 = 33
CO_FILED_PUBLISHED_2020 = 5
CO_OWNED_FILED_IN_2020 = 13
FILINGS_2020 = 20
# French first filings per period besides the two that carry the published figures.
OTHER_FILINGS = {
    (datetime.date(2014, 1, 1), datetime.date(2014, 12, 31)): 6,
    (datetime.date(2015, 1, 1), datetime.date(2015, 12, 31)): 7,
    (datetime.date(2016, 1, 1), datetime.date(2016, 12, 31)): 8,
    (datetime.date(2017, 1, 1), datetime.date(2017, 12, 31)): 9,
    (datetime.date(2018, 1, 1), datetime.date(2018, 6, 30)): 5,
    (datetime.date(2019, 7, 1), datetime.date(2019, 12, 31)): 8,
    (datetime.date(2021, 1, 1), datetime.date(2021, 12, 31)): 12,
    (datetime.date(2022, 1, 1), datetime.date(2022, 12, 31)): 11,
    (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)): 12,
    (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)): 10,
    (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)): 9,
    (datetime.date(2026, 1, 1), datetime.date(2026, 10, 31)): 6,
}
ATTORNEYS = ["Cabinet Plasseraud", "Regimbeau", "Cabinet Beau de Loménie", "Novagraaf"]


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


@transaction.atomic
def load_demo() -> list[str]:
    if PatentFamily.objects.exists():
        return []
    institution = Organization.objects.filter(kind="institution").first()
    if institution is None:
        return []
    rng = random.Random(2020)
    today = timezone.localdate()
    labs = list(Organization.objects.filter(kind="laboratory").order_by("pk"))
    companies = list(Organization.objects.filter(kind__in=["company", "startup"]).order_by("pk"))
    officer = get_user_model().objects.filter(username="officer").first()
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    inventions = list(
        Invention.objects.filter(decision__protection_route="patent").order_by("received_on", "pk")
    )
    # (French filing date, co-owned with a company, may be extended abroad)
    plan: list[tuple[datetime.date, bool, bool]] = []
    window = (datetime.date(2018, 7, 1), datetime.date(2019, 6, 30))
    # Of the 33 published in 2020 a few were co-filed with companies; those stay French (an extension
    # is filed within the priority year, in 2019–2020, and would change the 13 below).
    plan += [
        (_day(rng, *window), n < CO_FILED_PUBLISHED_2020, n >= CO_FILED_PUBLISHED_2020)
        for n in range(PUBLISHED_IN_2020)
    ]
    plan += [
        (
            _day(rng, datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)),
            n < CO_OWNED_FILED_IN_2020,
            True,
        )
        for n in range(FILINGS_2020)
    ]
    for (start, end), count in OTHER_FILINGS.items():
        # Families whose extensions may fall in 2020 (French filings of 2019) stay the institution's.
        shareable = start.year not in (2019, 2020)
        plan += [
            (_day(rng, start, end), shareable and rng.random() < 0.3, True) for _ in range(count)
        ]
    plan.sort()
    counters: dict[int, int] = {}
    for filing, co_owned, may_extend in plan:
        counters[filing.year] = counters.get(filing.year, 0) + 1
        invention = inventions.pop(0) if inventions and filing.year >= 2017 else None
        unit = (
            invention.units.first().organization
            if invention and invention.units.exists()
            else rng.choice(labs)
        )
        family = PatentFamily.objects.create(
            reference=f"FAM-{filing.year}-{counters[filing.year]:03d}",
            title=invention.title if invention else f"Synthetic family filed {filing:%B %Y}",
            invention=invention,
            unit=unit,
            responsible=officer,
        )
        partner = rng.choice(companies) if co_owned else None
        _family_applications(family, filing, partner, institution, rng, today, may_extend)
        if (
            invention is not None
            and invention.pk in AWAITING_FAMILY
            and invention.state == InventionState.DECIDED
        ):
            # Filed: the invention the inventions demo decided to protect is now protected.
            transitions.protect(invention, user=admin, note=f"Patent family {family.reference}.")
    _grants_and_validations(today)
    applications = PatentApplication.objects.select_related("family").prefetch_related(
        "priority_claims", "validations"
    )
    engine.sync(applications)
    # What fell due before today was dealt with.
    Deadline.objects.filter(due_date__lt=today, state="open").update(state="done")
    return [
        f"Demo patent portfolio: {len(plan)} families, {PatentApplication.objects.count()} applications."
    ]


# Grants of the European applications, 40–60 months after filing, and their validations: France,
# Germany and the UK, or unitary effect for a grant from June 2023 (the unitary patent's start).
UNITARY_FROM = datetime.date(2023, 6, 1)


def _grants_and_validations(today: datetime.date) -> None:
    rng = random.Random(2023)  # its own draws: the rest of the demo does not change
    for ep in PatentApplication.objects.filter(office="EP").order_by("pk"):
        granted = add_months(ep.filing_date, rng.randint(40, 60))
        if granted > today or rng.random() < 0.4:
            continue
        ep.grant_number = f"EP{3000000 + ep.pk * 11:07d}"
        ep.grant_kind, ep.grant_date, ep.status = "B1", granted, "granted"
        ep.save()
        states = (
            ["FR", "UP"] if granted >= UNITARY_FROM and rng.random() < 0.5 else ["FR", "DE", "GB"]
        )
        for state in states:
            Validation.objects.create(
                application=ep, state=state, validated_on=add_months(granted, 3)
            )


def _owners(
    application: PatentApplication, institution: Organization, partner: Organization | None
) -> None:
    if partner is None:
        ApplicationOwner.objects.create(
            application=application, organization=institution, share=Decimal(1)
        )
        return
    ApplicationOwner.objects.create(
        application=application, organization=institution, share=Decimal("0.5"), sequence=1
    )
    ApplicationOwner.objects.create(
        application=application, organization=partner, share=Decimal("0.5"), sequence=2
    )


def _family_applications(family, filing, partner, institution, rng, today, may_extend=True) -> None:
    attorney = rng.choice(ATTORNEYS)
    number = f"FR{filing:%y}{rng.randrange(10000, 99999)}"
    fr = PatentApplication.objects.create(
        family=family,
        office="FR",
        route="first_filing",
        application_number=number,
        filing_date=filing,
        attorney_firm=attorney,
        language="fr",
        search_report_date=add_months(filing, 9) if add_months(filing, 9) <= today else None,
    )
    published = add_months(filing, 18)
    if published <= today:
        fr.publication_number = f"{3000000 + fr.pk * 7:07d}"
        fr.publication_kind, fr.publication_date, fr.status = "A1", published, "published"
        granted = add_months(filing, rng.randint(26, 36))
        if granted <= today and rng.random() < 0.7:
            fr.grant_number, fr.grant_kind, fr.grant_date, fr.status = (
                fr.publication_number,
                "B1",
                granted,
                "granted",
            )
        fr.save()
    _owners(fr, institution, partner)
    Cost.objects.create(
        application=fr,
        kind="official_fee",
        date=filing,
        amount=Decimal(546),
        supplier="INPI",
        note="Filing and search fees",
    )
    Cost.objects.create(
        application=fr,
        kind="attorney",
        date=filing,
        amount=Decimal(rng.randrange(2500, 6000)),
        supplier=attorney,
    )
    extension = add_months(filing, 12) - datetime.timedelta(days=rng.randint(3, 20))
    if not may_extend or extension > today or rng.random() < 0.35:
        return
    route = rng.choice(["pct", "pct", "ep_direct"])
    office = "WO" if route == "pct" else "EP"
    second = PatentApplication.objects.create(
        family=family,
        office=office,
        route=route,
        filing_date=extension,
        attorney_firm=attorney,
        application_number=f"{'PCT/FR' if office == 'WO' else 'EP'}{extension:%Y}{rng.randrange(10000, 99999)}",
        language="fr",
        search_report_date=add_months(extension, 6)
        if office == "EP" and add_months(extension, 6) <= today
        else None,
    )
    PriorityClaim.objects.create(
        application=second,
        priority_application=fr,
        country="FR",
        number=fr.application_number,
        date=filing,
    )
    _owners(second, institution, partner)
    Cost.objects.create(
        application=second,
        kind="official_fee",
        date=extension,
        amount=Decimal(3500 if office == "WO" else 2340),
        supplier="INPI" if office == "WO" else "EPO",
    )
    if office != "WO":
        return
    for phase_office, months in (("EP", 31), ("US", 30)):
        entry = add_months(filing, months) - datetime.timedelta(days=rng.randint(1, 10))
        if entry > today or rng.random() < 0.4:
            continue
        phase = PatentApplication.objects.create(
            family=family,
            office=phase_office,
            route="euro_pct" if phase_office == "EP" else "national_phase",
            parent=second,
            filing_date=extension,
            attorney_firm=attorney,
            application_number=f"{phase_office}{entry:%y}{rng.randrange(100000, 999999)}",
        )
        PriorityClaim.objects.create(
            application=phase,
            priority_application=fr,
            country="FR",
            number=fr.application_number,
            date=filing,
        )
        _owners(phase, institution, partner)
        Cost.objects.create(
            application=phase,
            kind="official_fee",
            date=entry,
            amount=Decimal(4500 if phase_office == "EP" else 1800),
            currency="EUR" if phase_office == "EP" else "USD",
            supplier=phase_office,
        )
