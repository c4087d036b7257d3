"""The demo institution's inventions: about 120 declarations over 2016–2021 in every state, moved
through the real transitions (so their history, meetings and decisions are what the office would
have), a few software assets and one secret. All synthetic."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from valo.directory.choices import INTERNAL_KINDS, OrganizationKind, PersonStatus
from valo.directory.models import Organization, Person
from valo.inventions import transitions
from valo.inventions.choices import (
    DisclosureKind,
    InventionState,
    InventorPosition,
    OwnershipClass,
    ProtectionRoute,
    TechnicalField,
    ValorisationRoute,
)
from valo.inventions.models import (
    Disclosure,
    Invention,
    InventionUnit,
    Inventorship,
    KnowHow,
    KnowHowMember,
    SoftwareAsset,
    SoftwareAuthor,
)

S = InventionState
# How many demo inventions end in each state (120 in all).
STATE_MIX = [
    (S.DRAFT, 6),
    (S.DECLARED, 10),
    (S.QUALIFIED, 10),
    (S.UNDER_ASSESSMENT, 10),
    (S.DECIDED, 14),
    (S.PROTECTED, 35),
    (S.TRANSFERRED, 20),
    (S.RELEASED, 7),
    (S.ABANDONED, 8),
]
SUBJECTS = {
    TechnicalField.DIGITAL: [
        "low-latency 5G scheduler",
        "federated learning on edge devices",
        "post-quantum key exchange",
        "optical network monitoring",
        "privacy-preserving speech recognition",
        "graph database compression",
    ],
    TechnicalField.MATERIALS: [
        "bio-sourced composite",
        "additive manufacturing of titanium parts",
        "self-healing polymer coating",
        "recycled carbon fibre",
    ],
    TechnicalField.ENERGY: [
        "solid-oxide electrolyser stack",
        "hydrogen storage in metal hydrides",
        "battery state-of-health estimation",
        "waste-heat recovery exchanger",
    ],
    TechnicalField.ENVIRONMENT: [
        "micro-pollutant sensor for water",
        "CO2 capture sorbent",
        "air-quality forecasting",
    ],
    TechnicalField.HEALTH: [
        "gait analysis from wearables",
        "implant surface treatment",
        "early sepsis detection",
    ],
    TechnicalField.MANAGEMENT: ["supply-chain risk indicator"],
}
FORMS = ["Method for", "Device for", "System and method for", "Process of", "Software for"]


# Inventions decided for a patent whose demo story is "protected": the patents demo marks them
# protected once it has filed their family (a patent is protected once filed).
AWAITING_FAMILY: list[int] = []


def _admin() -> object | None:
    return get_user_model().objects.filter(is_superuser=True).order_by("pk").first()


def _split(count: int) -> list[Decimal]:
    """Contribution coefficients that add up to exactly 1."""
    base = (Decimal(1) / count).quantize(Decimal("0.0001"))
    shares = [base] * count
    shares[0] += Decimal(1) - sum(shares)
    return shares


@transaction.atomic
def load_demo() -> list[str]:
    if Invention.objects.exists():
        return []
    AWAITING_FAMILY.clear()  # a demo loaded before (and flushed since) left its own
    admin = _admin()
    labs = list(Organization.objects.filter(kind=OrganizationKind.LABORATORY).order_by("pk"))
    if admin is None or not labs:
        return []
    rng = random.Random(33)
    researchers = {
        lab.pk: list(
            Person.objects.filter(
                affiliations__organization=lab, affiliations__organization__kind__in=INTERNAL_KINDS
            ).exclude(affiliations__status=PersonStatus.EXTERNAL)
        )
        for lab in labs
    }
    everyone = [p for people in researchers.values() for p in people]
    companies = list(Organization.objects.filter(kind__in=["company", "startup"]))
    demo_researcher = Person.objects.filter(user__username="researcher").first()
    targets = [state for state, count in STATE_MIX for _ in range(count)]
    rng.shuffle(targets)
    created = 0
    for number, target in enumerate(targets):
        year = 2016 + number % 6
        received = datetime.date(year, rng.randrange(1, 13), rng.randrange(1, 29))
        lab = rng.choice(labs)
        field = rng.choice(list(SUBJECTS))
        invention = Invention.objects.create(
            title=f"{rng.choice(FORMS)} {rng.choice(SUBJECTS[field])}",
            field=field,
            keywords=field.label.lower() if hasattr(field, "label") else "",
            confidential_description="Synthetic demo declaration: the technical description would be here.",
            public_summary="Synthetic demo invention.",
            # A draft was never received; the others are numbered by their year of declaration.
            received_on=None if target == S.DRAFT else received,
            created_by=admin,
        )
        InventionUnit.objects.create(invention=invention, organization=lab)
        pool = researchers.get(lab.pk) or everyone
        inventors = rng.sample(pool, k=min(len(pool), rng.randint(1, 3))) or rng.sample(everyone, 1)
        if demo_researcher is not None and number % 24 == 0:
            inventors = [demo_researcher, *[p for p in inventors if p != demo_researcher]][:3]
        for person, share in zip(inventors, _split(len(inventors)), strict=True):
            inventor = Inventorship(invention=invention, person=person, share=share)
            inventor.fill_from_directory()
            if inventor.status in transitions.HOSTED_STATUSES:
                inventor.hosting_agreement = f"CONV-ACC-{year}-{number:03d}"
            inventor.save()
        _advance(invention, target, admin, received, rng, companies)
        created += 1
    _upcoming_disclosures(rng)
    _assets(admin, labs, everyone, rng)
    return [f"Demo inventions: {created} declarations, 2016–2021, in every state."]


def _advance(invention, target, admin, received, rng, companies) -> None:
    """Move one invention through the real transitions up to its target state."""
    order = [S.DRAFT, S.DECLARED, S.QUALIFIED, S.UNDER_ASSESSMENT, S.DECIDED]
    goal = (
        target
        if target in order
        else (S.DECIDED if target != S.ABANDONED else rng.choice(order[1:]))
    )
    reach = order.index(goal)
    if reach >= 1:
        transitions.submit(invention, user=admin, today=received)
    if reach >= 2:
        transitions.qualify(
            invention,
            user=admin,
            ownership_class=OwnershipClass.MISSION,
            today=received + datetime.timedelta(days=rng.randint(10, 50)),
        )
    if reach >= 3:
        meeting = transitions.schedule_assessment(
            invention,
            user=admin,
            meeting_on=received + datetime.timedelta(days=rng.randint(60, 110)),
            location="Salle du conseil",
        )
    if reach >= 4:
        for score in meeting.scores.all():
            score.score = rng.randint(1, 5)
            score.save()
        meeting.participants.update(attended=True)
        transitions.close_assessment(
            meeting, user=admin, minutes="Synthetic minutes of the meeting."
        )
        protection = rng.choice(
            [ProtectionRoute.PATENT] * 5
            + [ProtectionRoute.SOFTWARE_DEPOSIT, ProtectionRoute.KNOW_HOW, ProtectionRoute.PUBLISH]
        )
        valorisation = rng.choice(
            [ValorisationRoute.LICENCE] * 3
            + [ValorisationRoute.SPIN_OFF, ValorisationRoute.STARTUP, ValorisationRoute.PARTNERSHIP]
        )
        if target == S.PROTECTED and protection == ProtectionRoute.PUBLISH:
            protection = ProtectionRoute.PATENT
        positions = {i.pk: (InventorPosition.AGREES, "") for i in invention.inventorships.all()}
        transitions.decide(
            invention,
            user=admin,
            protection_route=protection,
            valorisation_route=valorisation,
            rationale="Synthetic rationale: market identified, strong inventive step.",
            positions=positions,
            today=meeting.meeting_on,
        )
    if target == S.PROTECTED and invention.decision.protection_route == ProtectionRoute.PATENT:
        # Protected once filed: the patents demo makes its family, then marks it protected.
        AWAITING_FAMILY.append(invention.pk)
    elif target == S.PROTECTED:
        transitions.protect(invention, user=admin)
    elif target == S.TRANSFERRED:
        if invention.decision.protection_route == ProtectionRoute.SOFTWARE_DEPOSIT:
            transitions.protect(invention, user=admin)
        transitions.transfer(invention, user=admin, note="Licence signed with a partner.")
    elif target == S.RELEASED:
        transitions.release(invention, user=admin, reason="No industrial interest found.")
    elif target == S.ABANDONED:
        transitions.abandon(invention, user=admin, reason="Prior art found during the search.")


def _upcoming_disclosures(rng: random.Random) -> None:
    today = timezone.localdate()
    for invention in Invention.objects.filter(state__in=[S.DRAFT, S.DECLARED, S.QUALIFIED])[:8]:
        Disclosure.objects.create(
            invention=invention,
            kind=rng.choice(list(DisclosureKind)),
            planned_on=today + datetime.timedelta(days=rng.randint(5, 55)),
            title="Synthetic conference talk",
        )


def _assets(admin, labs, people, rng) -> None:
    for title, version, deposit in [
        ("NetSim-5G", "2.1", "IDDN.FR.001.250012.000.S.P.2019.000.10600"),
        ("GaitLab", "1.0", "IDDN.FR.001.120034.000.S.P.2020.000.31500"),
        ("ComposiTest", "0.9", ""),
    ]:
        invention = Invention.objects.filter(
            decision__protection_route=ProtectionRoute.SOFTWARE_DEPOSIT
        ).first()
        software = SoftwareAsset.objects.create(
            title=title,
            unit=rng.choice(labs),
            invention=invention,
            version=version,
            deposit_reference=deposit,
            licence="proprietary",
            description="Synthetic demo software.",
        )
        for person, share in zip(rng.sample(people, 2), _split(2), strict=True):
            SoftwareAuthor.objects.create(software=software, person=person, share=share)
    secret = KnowHow.objects.create(
        title="Sintering profile for the titanium lattice parts",
        unit=rng.choice(labs),
        invention=Invention.objects.filter(
            decision__protection_route=ProtectionRoute.KNOW_HOW
        ).first(),
        description="Synthetic secret: ramp 5 °C/min to 1,150 °C, hold 2 h under argon.",
    )
    User = get_user_model()
    for user in User.objects.filter(username__in=["officer", admin.get_username()]):  # type: ignore[attr-defined]
        KnowHowMember.objects.create(know_how=secret, user=user)
