"""The demo institution: IMT's real schools, subsidiaries, Carnot labels and incubators, with
synthetic laboratories' staff, companies and people (flagged `is_synthetic`), and one login per role.

Laboratory names are real units of the schools; label perimeters and periods are approximations for
the demo, not an official list.
"""

from __future__ import annotations

import datetime
import random
import unicodedata
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from valo.core.access import Role
from valo.directory.choices import LabelKind, OrganizationKind, PersonStatus, SizeCategory
from valo.directory.models import (
    Affiliation,
    Label,
    LabelAward,
    Membership,
    Organization,
    OrganizationAlias,
    Person,
)
from valo.directory.validators import luhn_valid

INSTITUTION = "Institut Mines-Télécom"
K = OrganizationKind

# (name, short name, kind, ROR id or "", [laboratories (name, short name)], [aliases in patent data])
SCHOOLS = [
    (
        "IMT Atlantique",
        "IMT Atlantique",
        K.SCHOOL,
        "030hj3061",
        [
            ("Lab-STICC", "Lab-STICC"),
            ("Laboratoire des Sciences du Numérique de Nantes", "LS2N"),
            ("GEPEA", "GEPEA"),
            ("SUBATECH", "SUBATECH"),
        ],
        ["IMT ATLANTIQUE BRETAGNE-PAYS DE LA LOIRE"],
    ),
    (
        "IMT Mines Albi-Carmaux",
        "IMT Mines Albi",
        K.SCHOOL,
        "",
        [("Centre RAPSODEE", "RAPSODEE"), ("Institut Clément Ader Albi", "ICA-Albi")],
        ["ECOLE NATIONALE SUPERIEURE DES MINES D'ALBI-CARMAUX"],
    ),
    (
        "IMT Mines Alès",
        "IMT Mines Alès",
        K.SCHOOL,
        "",
        [
            ("Polymères Composites et Hybrides", "PCH"),
            ("EuroMov Digital Health in Motion", "EuroMov DHM"),
        ],
        ["ECOLE NATIONALE SUPERIEURE DES MINES D'ALES"],
    ),
    (
        "IMT Nord Europe",
        "IMT Nord Europe",
        K.SCHOOL,
        "",
        [
            ("Centre for Energy and Environment", "CERI EE"),
            ("Centre for Digital Systems", "CERI SN"),
        ],
        [],
    ),
    (
        "Institut Mines-Télécom Business School",
        "IMT-BS",
        K.SCHOOL,
        "",
        [("Laboratoire en Innovation, Technologies, Économie et Management", "LITEM")],
        [],
    ),
    (
        "Mines Saint-Étienne",
        "Mines Saint-Étienne",
        K.SCHOOL,
        "04yznqr36",
        [("Laboratoire Georges Friedel", "LGF"), ("LIMOS", "LIMOS"), ("SAINBIOSE", "SAINBIOSE")],
        ["ECOLE NATIONALE SUPERIEURE DES MINES DE SAINT-ETIENNE"],
    ),
    (
        "Télécom Paris",
        "Télécom Paris",
        K.SCHOOL,
        "",
        [
            ("Laboratoire Traitement et Communication de l'Information", "LTCI"),
            ("Institut interdisciplinaire de l'innovation", "i3"),
        ],
        ["TELECOM PARIS", "TELECOM PARISTECH"],
    ),
    (
        "Télécom SudParis",
        "Télécom SudParis",
        K.SCHOOL,
        "",
        [
            (
                "Services répartis, Architectures, Modélisation, Validation, Administration des Réseaux",
                "SAMOVAR",
            )
        ],
        [],
    ),
    (
        "EURECOM",
        "EURECOM",
        K.SUBSIDIARY_SCHOOL,
        "",
        [
            ("Communication Systems Department", "EURECOM CS"),
            ("Data Science Department", "EURECOM DS"),
            ("Digital Security Department", "EURECOM SEC"),
        ],
        [],
    ),
    (
        "Institut supérieur d'ingénierie de la conception",
        "InSIC",
        K.SUBSIDIARY_SCHOOL,
        "",
        [("InSIC design engineering team", "InSIC DE")],
        [],
    ),
]

CARNOT_TSN = "Carnot Télécom & Société Numérique"
CARNOT_MINES = "Carnot M.I.N.E.S"
LABELS = {
    CARNOT_TSN: (
        "Carnot TSN",
        [
            "Télécom Paris",
            "Télécom SudParis",
            "IMT Atlantique",
            "Institut Mines-Télécom Business School",
            "IMT Nord Europe",
        ],
    ),
    CARNOT_MINES: (
        "Carnot M.I.N.E.S",
        [
            "Mines Saint-Étienne",
            "IMT Mines Albi-Carmaux",
            "IMT Mines Alès",
            "IMT Nord Europe",
            "IMT Atlantique",
        ],
    ),
}
INCUBATORS = [
    ("IMT Starter", "Télécom SudParis"),
    ("Incubateur IMT Atlantique", "IMT Atlantique"),
    ("Télécom Paris Novation Center", "Télécom Paris"),
    ("Incubateur IMT Nord Europe", "IMT Nord Europe"),
]
PUBLIC_BODIES = [
    ("Centre national de la recherche scientifique", "CNRS", K.PUBLIC_RESEARCH_BODY),
    (
        "Commissariat à l'énergie atomique et aux énergies alternatives",
        "CEA",
        K.PUBLIC_RESEARCH_BODY,
    ),
    (
        "Institut national de recherche en informatique et en automatique",
        "Inria",
        K.PUBLIC_RESEARCH_BODY,
    ),
    ("Université de Lille", "ULille", K.UNIVERSITY),
    ("Agence nationale de la recherche", "ANR", K.FUNDER),
    ("Bpifrance", "Bpifrance", K.FUNDER),
]
# Synthetic companies: (name, kind, size category, city)
COMPANIES = [
    ("Aérolux Industries", K.COMPANY, SizeCategory.GE, "Toulouse"),
    ("Groupe Ferrand Énergie", K.COMPANY, SizeCategory.GE, "Paris"),
    ("Télécoms Atlantiques", K.COMPANY, SizeCategory.GE, "Rennes"),
    ("Pharmaline Santé", K.COMPANY, SizeCategory.GE, "Lyon"),
    ("Métaux du Forez", K.COMPANY, SizeCategory.ETI, "Saint-Étienne"),
    ("Optiques Normandes", K.COMPANY, SizeCategory.ETI, "Caen"),
    ("Composites Cévennes", K.COMPANY, SizeCategory.ETI, "Alès"),
    ("Logiciels Rhodaniens", K.COMPANY, SizeCategory.ETI, "Grenoble"),
    ("Capteurs Tarnais", K.COMPANY, SizeCategory.PME, "Albi"),
    ("Nanoplast", K.COMPANY, SizeCategory.PME, "Lille"),
    ("Quantix Sécurité", K.COMPANY, SizeCategory.PME, "Sophia Antipolis"),
    ("Biomatériaux du Sud", K.COMPANY, SizeCategory.PME, "Montpellier"),
    ("Datavalue", K.STARTUP, SizeCategory.PME, "Palaiseau"),
    ("Hydrogène Breizh", K.STARTUP, SizeCategory.PME, "Brest"),
    ("Motio Santé", K.STARTUP, SizeCategory.PME, "Montpellier"),
    ("Cryptonote Labs", K.STARTUP, SizeCategory.PME, "Évry"),
]
FIRST_NAMES = [
    "Camille",
    "Léa",
    "Hugo",
    "Chloé",
    "Lucas",
    "Manon",
    "Nathan",
    "Inès",
    "Louis",
    "Emma",
    "Jules",
    "Sarah",
    "Arthur",
    "Zoé",
    "Gabriel",
    "Alice",
    "Raphaël",
    "Jade",
    "Thomas",
    "Louise",
    "Mehdi",
    "Yasmine",
    "Paul",
    "Anaïs",
    "Antoine",
    "Clara",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
]
# How many demo people of each status (about sixty in all).
STATUS_MIX = [
    (PersonStatus.PERMANENT_RESEARCHER, 12),
    (PersonStatus.TEACHER_RESEARCHER, 14),
    (PersonStatus.RESEARCH_ENGINEER, 6),
    (PersonStatus.DOCTORAL_STUDENT, 10),
    (PersonStatus.CIFRE_DOCTORAL_STUDENT, 4),
    (PersonStatus.POSTDOC, 6),
    (PersonStatus.INTERN, 3),
    (PersonStatus.EMERITUS, 2),
    (PersonStatus.EXTERNAL, 4),
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    scope: str


def ascii_email(first: str, last: str) -> str:
    """first.last@example.org without accents (Raphaël → raphael)."""
    local = unicodedata.normalize("NFKD", f"{first}.{last}").encode("ascii", "ignore").decode()
    return f"{local.lower()}@example.org"


def synthetic_siren(rng: random.Random) -> str:
    """A 9-digit number that passes the SIREN check digit (synthetic: may match a real one)."""
    while True:
        digits = "9" + "".join(str(rng.randrange(10)) for _ in range(7))
        for last in range(10):
            if luhn_valid(digits + str(last)):
                return digits + str(last)


def _org(name: str, kind: str, parent: Organization | None = None, **extra: object) -> Organization:
    return Organization.objects.create(name=name, kind=kind, parent=parent, **extra)


@transaction.atomic
def load_demo() -> list[str]:
    """Create the demo institution once (a second run changes nothing); the logins, as lines."""
    if not Organization.objects.filter(name=INSTITUTION, kind=K.INSTITUTION).exists():
        _create_institution()
    lines = ["Logins (user / password):"]
    for login in _create_logins():
        lines.append(f"  {login.username:<11} {login.password:<24} {login.role} — {login.scope}")
    return lines


def _create_institution() -> None:
    rng = random.Random(2020)
    institution = _org(INSTITUTION, K.INSTITUTION, short_name="IMT", city="Palaiseau")
    for alias in ["INSTITUT MINES-TELECOM", "INSTITUT MINES TELECOM"]:
        OrganizationAlias.objects.create(organization=institution, name=alias, source="patent_data")
    schools: dict[str, Organization] = {}
    labs: list[Organization] = []
    for name, short, kind, ror, laboratories, aliases in SCHOOLS:
        school = _org(name, kind, institution, short_name=short, ror=ror or None)
        schools[name] = school
        for alias in aliases:
            OrganizationAlias.objects.create(organization=school, name=alias, source="patent_data")
        for lab_name, lab_short in laboratories:
            labs.append(_org(lab_name, K.LABORATORY, school, short_name=lab_short))
    for label_name, (short, members) in LABELS.items():
        label = Label.objects.create(name=label_name, short_name=short, kind=LabelKind.CARNOT)
        for member in members:
            LabelAward.objects.create(
                label=label,
                organization=schools[member],
                start=datetime.date(2016, 1, 1),
                end=datetime.date(2019, 12, 31),
                reference="Carnot 3",
            )
            LabelAward.objects.create(
                label=label,
                organization=schools[member],
                start=datetime.date(2020, 1, 1),
                reference="Carnot 4",
            )
    for name, school in INCUBATORS:
        _org(name, K.INCUBATOR, schools[school])
    for name, short, kind in PUBLIC_BODIES:
        _org(name, kind, short_name=short)
    companies = [
        _org(
            name,
            kind,
            size_category=size,
            city=city,
            siren=synthetic_siren(rng),
            is_synthetic=True,
        )
        for name, kind, size, city in COMPANIES
    ]
    names = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(names)
    for status, count in STATUS_MIX:
        for _ in range(count):
            first, last = names.pop()
            person = Person.objects.create(
                first_name=first,
                last_name=last,
                email=ascii_email(first, last),
                is_synthetic=True,
            )
            cifre_or_outside = status in {PersonStatus.EXTERNAL}
            organization = rng.choice(companies) if cifre_or_outside else rng.choice(labs)
            start = datetime.date(rng.randrange(1995, 2025), rng.randrange(1, 13), 1)
            Affiliation.objects.create(
                person=person, organization=organization, status=status, start=start
            )
            if status == PersonStatus.CIFRE_DOCTORAL_STUDENT:
                # Employed by a company, hosted by a laboratory.
                Affiliation.objects.create(
                    person=person,
                    organization=rng.choice(companies),
                    status=status,
                    position="CIFRE employee",
                    start=start,
                )


# The demo logins: one per role. The officer works for Télécom Paris; the researcher in its LTCI.
LOGINS = [
    ("researcher", Role.RESEARCHER, "LTCI"),
    ("officer", Role.OFFICER, "Télécom Paris"),
    ("committee", Role.COMMITTEE, INSTITUTION),
    ("director", Role.DIRECTOR, INSTITUTION),
    ("finance", Role.FINANCE, INSTITUTION),
    ("auditor", Role.AUDITOR, ""),
    ("admin", Role.ADMIN, ""),
]


def _create_logins() -> list[DemoLogin]:
    User = get_user_model()
    logins = []
    for username, role, scope_name in LOGINS:
        password = f"demo-{username}-2026"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, email=f"{username}@demo.valo.invalid")
            user.set_password(password)
            user.is_staff = user.is_superuser = role == Role.ADMIN
            user.save()
        scope = None
        if scope_name:
            scope = Organization.objects.filter(short_name=scope_name).first() or (
                Organization.objects.get(name=scope_name)
            )
        Membership.objects.get_or_create(user=user, role=role, organization=scope)
        if role == Role.RESEARCHER and not Person.objects.filter(user=user).exists():
            person = Person.objects.create(
                first_name="Rémi",
                last_name="Chercheur",
                email="researcher@demo.valo.invalid",
                user=user,
                is_synthetic=True,
            )
            Affiliation.objects.create(
                person=person,
                organization=scope,
                status=PersonStatus.TEACHER_RESEARCHER,
                start=datetime.date(2015, 9, 1),
            )
        logins.append(DemoLogin(username, password, str(role.label), scope_name or "everywhere"))
    return logins
