"""An institution built for the reports' tests: a year of records whose figures are counted by hand
in the comments (test_yearly checks every one)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from valo.agreements.models import Agreement, Payment
from valo.directory.models import Label, Organization
from valo.inventions.models import (
    Assessment,
    Decision,
    Invention,
    InventionUnit,
    KnowHow,
    KnowHowMember,
    SoftwareAsset,
)
from valo.patents.models import ApplicationOwner, PatentApplication, PatentFamily
from valo.ventures.models import Venture

D = datetime.date
YEAR = 2021


def _invention(title, units, received_on, decision=None):
    invention = Invention.objects.create(title=title, received_on=received_on, state="decided")
    for unit in units:
        InventionUnit.objects.create(invention=invention, organization=unit)
    if decision:
        protection, valorisation, decided_on = decision
        meeting = Assessment.objects.create(invention=invention, meeting_on=decided_on)
        Decision.objects.create(
            invention=invention,
            assessment=meeting,
            protection_route=protection,
            valorisation_route=valorisation,
            rationale="r",
            decided_on=decided_on,
        )
    return invention


def _application(family, office, filed, owners, route="first_filing"):
    application = PatentApplication.objects.create(
        family=family, office=office, route=route, filing_date=filed
    )
    for sequence, owner in enumerate(owners, start=1):
        ApplicationOwner.objects.create(
            application=application, organization=owner, share=Decimal(1), sequence=sequence
        )
    return application


@pytest.fixture
def office(cast, settings, tmp_path):
    settings.VAR_DIR = tmp_path  # an empty analytic store: the public record has no year
    org = Organization.objects.create
    startup = org(name="Spin SAS", kind="startup", size_category="PME")
    university = org(name="Université X", kind="university")
    incubator = org(name="Incubateur Y", kind="incubator")
    carnot = Label.objects.create(name="Carnot TSN", kind="carnot")
    a, b, inst = cast.lab_a, cast.lab_b, cast.institution
    # Declarations received in 2021: i1 (lab A), i2 (labs A and B), i3 (lab B) → 3; A 2, B 2.
    # i0 was declared in 2020 but decided in 2021: its decision counts, not its declaration.
    _invention("i1", [a], D(2021, 2, 1), ("patent", "licence", D(2021, 3, 1)))
    _invention("i2", [a, b], D(2021, 6, 1), ("software_deposit", "startup", D(2021, 7, 1)))
    _invention("i3", [b], D(2021, 11, 30))
    _invention("i0", [a], D(2020, 12, 31), ("patent", "partnership", D(2021, 1, 15)))
    # Families: F1 and F2 first filed in 2021 (new); F3 first filed in 2020 (not new).
    f1 = PatentFamily.objects.create(reference="F1", title="One", unit=a)
    f2 = PatentFamily.objects.create(reference="F2", title="Two", unit=b)
    f3 = PatentFamily.objects.create(reference="F3", title="Three", unit=a)
    _application(f1, "FR", D(2021, 1, 10), [inst, startup])  # a start-up is a company: joint
    _application(f2, "FR", D(2021, 5, 5), [inst, university])  # a public co-owner: not joint
    _application(f2, "EP", D(2021, 9, 9), [inst, cast.company], route="priority_filing")  # GE
    granted = _application(f3, "FR", D(2020, 3, 3), [inst, cast.company])  # 2020: not counted
    granted.grant_date = D(2021, 6, 1)  # … but granted in 2021 (AUTM's issued patents)
    granted.save()
    _application(f3, "WO", D(2021, 3, 3), [inst], route="pct")
    SoftwareAsset.objects.create(title="Tool", unit=a, deposit_date=D(2021, 4, 1))
    SoftwareAsset.objects.create(title="Later", unit=a, deposit_date=D(2022, 1, 5))
    secret = KnowHow.objects.create(
        title="Recipe", unit=b, description="the secret", recorded_on=D(2021, 8, 1)
    )
    KnowHowMember.objects.create(know_how=secret, user=cast.users["officer_b"])

    def agreement(ref, kind, unit, partner, requested, signed, amount=None, carnot=None):
        return Agreement.objects.create(
            reference=ref,
            title=ref,
            kind=kind,
            unit=unit,
            partner=partner,
            requested_on=requested,
            signed_on=signed,
            amount=amount,
            carnot=carnot,
        )

    # Partnership contracts signed in 2021: P1 (60 days, 100 000 € Carnot, GE partner) and
    # P2 (20 days, 20 000 €, a university) → 2; 120 000 €; median 40 days. P3 was signed in 2020.
    p1 = agreement("P1", "research", a, cast.company, D(2021, 1, 1), D(2021, 3, 2), 100000, carnot)
    agreement("P2", "service", b, university, D(2021, 2, 1), D(2021, 2, 21), 20000)
    agreement("P3", "research", a, cast.company, D(2020, 1, 1), D(2020, 6, 1), 5000)
    # Transfer: a licence (lab A) and an option (lab B) signed in 2021.
    licence = agreement("L1", "licence", a, startup, D(2021, 9, 1), D(2021, 10, 1))
    agreement("O1", "option", b, cast.company, D(2021, 10, 1), D(2021, 11, 1))
    # Revenue received in 2021: 5 000 upfront + 1 500 royalties + 50 000 contract = 56 500 € (lab A).
    for contract, kind, on, amount in [
        (licence, "upfront", D(2021, 10, 15), 5000),
        (licence, "royalty", D(2021, 12, 1), 1500),
        (p1, "contract", D(2021, 4, 1), 50000),
        (licence, "royalty", D(2022, 1, 10), 999),
    ]:
        Payment.objects.create(agreement=contract, kind=kind, received_on=on, amount=amount)
    Venture.objects.create(
        company=startup, kind="spin_off", unit=a, incubator=incubator, created_on=D(2021, 6, 1)
    )
    return cast


@pytest.fixture
def store_2020(cast, settings, tmp_path):
    """The analytic store holding the INPI fixtures of 2020: the institution (under its old name,
    an alias) with one publication, the CNRS (short name) co-applicant of the amended record."""
    import zipfile
    from pathlib import Path

    from valo.directory.models import OrganizationAlias
    from valo.officedata.store import AnalyticStore

    settings.VAR_DIR = tmp_path
    fixtures = Path(__file__).resolve().parents[2] / "officedata" / "tests" / "fixtures" / "inpi"
    OrganizationAlias.objects.create(organization=cast.institution, name="INSTITUT MINES-TELECOM")
    Organization.objects.create(
        name="Centre national de la recherche scientifique",
        short_name="CNRS",
        kind="public_research_body",
    )
    store = AnalyticStore()
    for name, members in [
        ("FR_FRNEWST36_2020_03.zip", ["co-applicants.xml", "utility-certificate.xml"]),
        ("FR_FRAMDST36_2020_05.zip", ["amended.xml"]),
    ]:
        path = tmp_path / name
        with zipfile.ZipFile(path, "w") as archive:
            for member in members:
                archive.write(fixtures / member, member)
        store.import_file(path)
    return store
