"""The demo institution's contracts: partnership research with realistic contracting times (some
under a Carnot label, partners of every size), and licences on its transferred and protected
inventions with their royalty tiers, yearly statements and payments (synthetic numbers)."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation

from valo.agreements.choices import AgreementKind
from valo.agreements.models import (
    Agreement,
    AgreementFamily,
    AgreementInvention,
    AgreementParty,
    Licence,
    Obligation,
    Payment,
    RoyaltyStatement,
    RoyaltyTier,
)
from valo.agreements.royalties import statement_due
from valo.directory.models import LabelAward, Organization
from valo.inventions.models import Invention

PARTNERSHIPS = 36
CONTRACT_KINDS = ["research"] * 6 + ["cifre"] * 3 + ["service"] * 2 + ["nda", "mta"]
IP_CLAUSES = ["institution", "co_owned", "partner_licence_back", "institution", "co_owned"]
TIERS = [(Decimal(0), Decimal(4)), (Decimal(250_000), Decimal("2.5"))]
# The demo researcher's protected invention is licensed too: their statement is not empty.
RESEARCHER_INVENTION = "INV-2016-0013"


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


def _carnot(unit: Organization, on: datetime.date):
    school = unit.parent or unit
    award = LabelAward.objects.filter(organization=school, start__lte=on).first()
    return award.label if award else None


@transaction.atomic
def _in_french(label: object) -> str:
    with translation.override("fr"):
        return str(label)


def load_demo() -> list[str]:
    if Agreement.objects.exists() or not Organization.objects.filter(kind="institution").exists():
        return []
    rng = random.Random(531)
    officer = get_user_model().objects.filter(username="officer").first()
    labs = list(Organization.objects.filter(kind="laboratory").order_by("pk"))
    companies = list(Organization.objects.filter(kind="company").order_by("pk"))
    funders = list(Organization.objects.filter(kind="funder").order_by("pk"))
    for number in range(1, PARTNERSHIPS + 1):
        year = 2019 + number % 7
        requested = _day(rng, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        unit, partner = rng.choice(labs), rng.choice(companies)
        kind = rng.choice(CONTRACT_KINDS)
        # Contracting time: NDAs in weeks, collaborations in months.
        days = rng.randint(10, 45) if kind in ("nda", "mta") else rng.randint(45, 260)
        signed = requested + datetime.timedelta(days=days)
        signed = signed if signed < datetime.date(2026, 11, 1) else None
        clause = rng.choice(IP_CLAUSES)
        agreement = Agreement.objects.create(
            reference=f"CT-{year}-{number:03d}",
            # The institution titles its contracts in French, whatever language a user reads.
            title=f"{_in_french(AgreementKind(kind).label)} – {partner.name}",
            kind=kind,
            unit=unit,
            partner=partner,
            officer=officer,
            requested_on=requested,
            first_draft_on=requested + datetime.timedelta(days=min(days, 14)),
            signed_on=signed,
            effective_on=signed,
            ends_on=signed.replace(year=signed.year + 3) - datetime.timedelta(days=1)
            if signed and kind in ("research", "cifre")
            else None,
            amount=Decimal(rng.randrange(20, 400) * 1000) if kind not in ("nda", "mta") else None,
            carnot=_carnot(unit, requested) if kind in ("research", "service") else None,
            ip_ownership=clause,
            institution_share=Decimal("0.5") if clause == "co_owned" else None,
            publication_review_days=rng.choice([30, 45, 60]),
        )
        if funders and kind in ("research", "cifre") and number % 3 == 0:
            AgreementParty.objects.create(
                agreement=agreement, organization=funders[number % len(funders)], role="funder"
            )
        if signed and kind in ("research", "cifre"):
            for offset, label in [(12, "Interim report"), (36, "Final report")]:
                due = signed + datetime.timedelta(days=offset * 30)
                Obligation.objects.create(
                    agreement=agreement,
                    label=label,
                    due_date=due,
                    state="done" if due < datetime.date(2026, 6, 1) else "open",
                )
    licensed = _licences(rng, officer, companies)
    return [f"Demo agreements: {PARTNERSHIPS} partnership contracts, {licensed} licences."]


def _licences(rng: random.Random, officer, companies) -> int:
    inventions = list(
        Invention.objects.filter(
            state__in=["transferred", "protected"], patent_families__isnull=False
        )
        .distinct()
        .order_by("reference")
    )
    chosen = [i for i in inventions if i.state == "transferred"][:8]
    chosen += [i for i in inventions if i.reference == RESEARCHER_INVENTION]
    for number, invention in enumerate(chosen, start=1):
        family = invention.patent_families.order_by("pk").first()
        unit = invention.owning_units.first() or family.unit
        requested = family.applications.order_by("filing_date").first().filing_date
        requested += datetime.timedelta(days=rng.randint(120, 400))
        signed = requested + datetime.timedelta(days=rng.randint(60, 200))
        agreement = Agreement.objects.create(
            reference=f"LIC-{signed.year}-{number:03d}",
            title=f"Licence of {family.reference} – {family.title}"[:300],
            kind="licence",
            unit=unit,
            partner=rng.choice(companies),
            officer=officer,
            requested_on=requested,
            signed_on=signed,
            effective_on=signed,
            ip_ownership="institution",
        )
        AgreementInvention.objects.create(agreement=agreement, invention=invention)
        AgreementFamily.objects.create(agreement=agreement, family=family)
        licence = Licence.objects.create(
            agreement=agreement,
            exclusive=number % 2 == 1,
            field_of_use=rng.choice(["Medical imaging", "Telecoms", "Energy", "All fields"]),
            territory=rng.choice(["Europe", "Worldwide", "France"]),
            upfront=Decimal(rng.choice([10_000, 25_000, 50_000])),
            annual_minimum=Decimal(rng.choice([5_000, 10_000, 15_000])),
            sublicence_share=Decimal(25),
        )
        for start, rate in TIERS:
            RoyaltyTier.objects.create(agreement=agreement, from_amount=start, rate=rate)
        Payment.objects.create(
            agreement=agreement,
            kind="upfront",
            received_on=signed + datetime.timedelta(days=30),
            amount=licence.upfront,
            invoice_reference=f"FAC-{agreement.reference}-0",
        )
        for year in range(signed.year + 1, 2026):
            statement = RoyaltyStatement.objects.create(
                agreement=agreement,
                year=year,
                net_sales=Decimal(rng.randrange(0, 600) * 1000),
                received_on=datetime.date(year + 1, 3, rng.randint(1, 28)),
            )
            if year < 2025 or rng.random() < 0.5:  # the last year's payment may be pending
                Payment.objects.create(
                    agreement=agreement,
                    kind="royalty",
                    received_on=statement.received_on + datetime.timedelta(days=45),
                    amount=statement_due(statement).total,
                    invoice_reference=f"FAC-{agreement.reference}-{year}",
                    statement=statement,
                )
    return len(chosen)
