"""A synthetic year of INPI publications that reproduces the published 2020 palmarès (and smaller,
invented years around it, for histories and trends).

The 2020 figures of reference/palmares.md §3.5 (PSA 1 239 … Soitec 48th with 30; 13 RESE and 3 ETI
in the top 50) and the institution's own (33 publications, top 50, RESE top 10) are met by construction;
the other applicants and all numbers are invented. Groups publish under their subsidiaries' names (with
a SIREN on some records only), the institution under its schools' names, some documents are co-filed,
some amended later, a few are utility certificates, and a long tail of small applicants fills the year to
about 15 000 documents. `build()` writes INPI weekly zip files and a ground-truth CSV; `directory()`
adds the groups and their subsidiaries to the directory so that harmonisation can consolidate them.

Any other year (`build(out, year=2018, scale=0.2)`) is invented outright and marked so in its titles
("Synthetic invention (invented year)"): the same applicants, each count scaled and moved by up to
±15 % (so ranks change from year to year), the institution's own publications of that year, no
amended records, publication numbers of their own range, and one zip for the whole year.
"""

from __future__ import annotations

import csv
import datetime
import random
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

YEAR = 2020
TOTAL = 14_900
# Publication serials: 2020's from 3 080 001, another year's within its own 20 000 (an invented year
# is at most that big); the numbers `reserved` (the demo portfolio's) are skipped.
SERIAL_BASE, SERIALS_PER_YEAR = 3_080_000, 20_000


@dataclass
class Applicant:
    group: str  # the entity the ranking should show (the directory's name of the group)
    category: str
    count: int
    names: list[str]  # the spellings it publishes under (subsidiaries, variants)
    kind: str = "company"
    sirens: list[str] = field(default_factory=list)


# Published 2020 (rank: name, count), then invented applicants placed to keep every published rank.
PUBLISHED = [
    ("Groupe PSA", "GE", 1239, ["PSA AUTOMOBILES SA", "PEUGEOT CITROEN AUTOMOBILES SA"]),
    ("Safran", "GE", 1103, ["SAFRAN AIRCRAFT ENGINES", "SAFRAN HELICOPTER ENGINES", "SAFRAN"]),
    (
        "Groupe Valeo",
        "GE",
        819,
        ["VALEO EQUIPEMENTS ELECTRIQUES MOTEUR", "VALEO SYSTEMES THERMIQUES"],
    ),
    (
        "Commissariat à l'énergie atomique et aux énergies alternatives",
        "RESE",
        646,
        ["COMMISSARIAT A L'ENERGIE ATOMIQUE ET AUX ENERGIES ALTERNATIVES", "CEA"],
    ),
    ("Groupe Renault", "GE", 483, ["RENAULT SAS", "RENAULT S.A.S."]),
    (
        "Centre national de la recherche scientifique",
        "RESE",
        384,
        [
            "CENTRE NATIONAL DE LA RECHERCHE SCIENTIFIQUE",
            "CNRS",
            "CENTRE NATIONAL DE LA RECHERCHE SCIENTIFIQUE - CNRS",
        ],
    ),
    ("Airbus", "GE", 332, ["AIRBUS OPERATIONS SAS", "AIRBUS HELICOPTERS"]),
    ("Michelin", "GE", 285, ["COMPAGNIE GENERALE DES ETABLISSEMENTS MICHELIN"]),
    ("Thales", "GE", 251, ["THALES", "THALES SA"]),
    ("Faurecia", "GE", 234, ["FAURECIA INTERIEUR INDUSTRIE", "FAURECIA SYSTEMES D'ECHAPPEMENT"]),
]
# Ranks 11–17: between Faurecia (234) and Saint-Gobain (143, 18th).
FILL_HIGH = [
    ("Orange", "GE", 215),
    ("STMicroelectronics", "GE", 198),
    ("IFP Energies nouvelles", "RESE", 181),
    ("Arkema", "GE", 172),
    ("Air Liquide", "GE", 164),
    ("Alstom", "GE", 155),
    ("Institut national de la santé et de la recherche médicale", "RESE", 148),
]
SAINT_GOBAIN = ("Saint-Gobain", "GE", 143)
# Ranks 19–47: above Soitec (30, 48th); the institution's 33 goes among them.
FILL_LOW = [
    ("Seb", "GE", 139),
    ("Schneider Electric", "GE", 130),
    ("Total", "GE", 121),
    ("EDF", "GE", 112),
    ("Université Grenoble Alpes", "RESE", 104),
    ("Idemia", "GE", 96),
    ("Plastic Omnium", "GE", 88),
    ("Sorbonne Université", "RESE", 80),
    ("Université de Bordeaux", "RESE", 73),
    ("Sagemcom", "GE", 67),
    ("Gaztransport et Technigaz", "ETI", 58),
    ("Université Paris-Saclay", "RESE", 55),
    ("Nexans", "GE", 52),
    ("Dassault Aviation", "GE", 50),
    ("Bic", "GE", 48),
    ("Legrand", "GE", 47),
    ("Sanofi", "GE", 46),
    (
        "Institut national de recherche pour l'agriculture, l'alimentation et l'environnement",
        "RESE",
        45,
    ),
    ("Naval Group", "GE", 44),
    ("MBDA", "GE", 42),
    ("Exel Industries", "ETI", 40),
    ("Zodiac", "GE", 39),
    ("Areva", "GE", 38),
    ("Hutchinson", "GE", 37),
    ("Vallourec", "GE", 36),
    ("Somfy", "GE", 35),
    ("Université de Lyon", "RESE", 32),
    ("Institut national de recherche en informatique et en automatique", "RESE", 31),
]
SOITEC = ("Soitec", "ETI", 30)
AFTER = [
    ("Université de Lille", "RESE", 29),
    ("Aptar", "GE", 28),
    ("Aledia", "PME", 20),
    ("Devialet", "PME", 17),
    ("Isorg", "PME", 15),
]
SCHOOL_NAMES = {
    "IMT Atlantique": "IMT ATLANTIQUE BRETAGNE-PAYS DE LA LOIRE",
    "Télécom Paris": "TELECOM PARIS",
    "Mines Saint-Étienne": "ECOLE NATIONALE SUPERIEURE DES MINES DE SAINT-ETIENNE",
}


def _siren(rng: random.Random) -> str:
    from valo.directory.demo import synthetic_siren

    return synthetic_siren(rng)


def applicants(rng: random.Random) -> list[Applicant]:
    found = [
        Applicant(g, c, n, names, "public_research_body" if c == "RESE" else "company")
        for g, c, n, names in PUBLISHED
    ]
    for group, category, count in [*FILL_HIGH, SAINT_GOBAIN, *FILL_LOW, SOITEC, *AFTER]:
        upper = group.upper()
        names = [f"{upper} SA", f"{upper} FRANCE"] if category != "RESE" else [upper]
        kind = (
            "university"
            if group.startswith("Université")
            else ("public_research_body" if category == "RESE" else "company")
        )
        found.append(Applicant(group, category, count, names, kind))
    # SIRENs from their own sequence: never those the directory's demo companies were given.
    sirens = random.Random(f"corpus-{YEAR}-sirens")
    for applicant in found:
        if applicant.kind == "company":
            applicant.sirens = [_siren(sirens) for _ in applicant.names]
    return found


def directory(rng: random.Random | None = None) -> list[Applicant]:
    """Add the corpus's groups and subsidiaries to the directory (once); return the applicants."""
    from valo.directory.models import Organization, OrganizationAlias

    rng = rng or random.Random(YEAR)
    plan = applicants(rng)
    for applicant in plan:
        group = Organization.objects.filter(name=applicant.group).first()
        if group is None:
            size = applicant.category if applicant.category in ("GE", "ETI", "PME") else ""
            group = Organization.objects.create(
                name=applicant.group, kind=applicant.kind, size_category=size, is_synthetic=True
            )
        for index, name in enumerate(applicant.names):
            siren = applicant.sirens[index] if index < len(applicant.sirens) else None
            if siren and not Organization.objects.filter(siren=siren).exists():
                Organization.objects.create(
                    name=name.title(),
                    kind="company",
                    parent=group,
                    siren=siren,
                    size_category=group.size_category,
                    is_synthetic=True,
                )
            OrganizationAlias.objects.get_or_create(
                organization=group, name=name, defaults={"source": "patent_data"}
            )
    return plan


# What a published document holds besides its parties (reference/office-data.md §1.3), drawn from
# its number so that every document is as full as a real one and the same from run to run.
IPC_CODES = (
    "G06F  16/00",
    "H04L   9/32",
    "A61K  31/00",
    "B60L  53/00",
    "H01M  10/052",
    "G01N  33/50",
)
CPC_CODES = ("G06F16/00", "H04L9/3247", "A61K31/00", "B60L53/80", "H01M10/0525", "G01N33/5005")
ABSTRACT = (
    "L'invention concerne un procédé de traitement comprenant une étape d'acquisition de données "
    "par un capteur, une étape de filtrage des données acquises et une étape de transmission des "
    "données filtrées à un serveur distant, le procédé étant caractérisé en ce que l'étape de "
    "filtrage est adaptée en fonction d'un paramètre mesuré. Figure pour l'abrégé : Fig. 1"
)


def _address(city: str, postcode: str) -> str:
    return (
        f"<address><address-1>1 RUE DE LA PAIX</address-1><city>{city}</city>"
        f"<postcode>{postcode}</postcode><country>FR</country></address>"
    )


def _document(
    number: str,
    application: str,
    filed: datetime.date,
    published: datetime.date,
    kind: str,
    parties: list[tuple[str, str]],
    status: str,
    title: str,
) -> str:
    serial = int(number) if number.isdigit() else len(number)
    rows = "".join(
        f'<applicant sequence="{i}" data-format="liste" app-type="applicant" designation="all">'
        f"<addressbook><orgname>{escape(name)}</orgname>"
        + (f"<iid>{siren}</iid>" if siren else "")
        + f'{_address("PARIS", "75008")}</addressbook></applicant><applicant sequence="{i}" '
        f'data-format="notice"><addressbook><orgname>{escape(name)}</orgname></addressbook></applicant>'
        for i, (name, siren) in enumerate(parties, start=1)
    )
    inventors = "".join(
        f'<inventor sequence="{i}" data-format="{form}"><addressbook><last-name>INVENTEUR{serial % 997:03d}'
        f"{i}</last-name><first-name>Camille</first-name>"
        + (_address("LYON", "69003") if form == "liste" else "")
        + "</addressbook></inventor>"
        for i in range(1, 2 + serial % 3)
        for form in ("liste", "notice")
    )
    ipc = IPC_CODES[serial % len(IPC_CODES)]
    cpc = CPC_CODES[serial % len(CPC_CODES)]
    cited = "".join(
        f'<citation><patcit num="{n}"><document-id><country>FR</country><doc-number>'
        f"{serial - 1000 * n}</doc-number><kind>A1</kind></document-id></patcit>"
        f"<category>A</category><rel-claims>1-10</rel-claims></citation>"
        for n in range(1, 2 + serial % 4)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<fr-patent-document id="{application}" country="FR" '
        f'doc-number="{number}" kind="{kind}" status="{status}" lang="fr" '
        f'date-produced="{published:%Y%m%d}" dtd-version="fr-patent-document-v1-6">'
        f"<fr-bibliographic-data>"
        f'<fr-publication-reference data-format="inpi"><document-id><country>FR</country><doc-number>{number}'
        f"</doc-number><kind>{kind}</kind><date>{published:%Y%m%d}</date></document-id>"
        f"<fr-bopinum>{published:%Y}-{published.isocalendar()[1]:02d}</fr-bopinum>"
        f"<fr-nature>DEMANDE DE BREVET D'INVENTION</fr-nature></fr-publication-reference>"
        f'<fr-application-reference data-format="inpi"><document-id><country>FR</country>'
        f"<doc-number>{application}</doc-number><date>{filed:%Y%m%d}</date></document-id>"
        f"<appl-type>brevet</appl-type></fr-application-reference>"
        f"<language-of-filing>fr</language-of-filing>"
        f"<classification-ipcr><text>{ipc}           A I 20{published:%y}0101</text>"
        f"</classification-ipcr>"
        f'<patent-classification><classification-scheme scheme="CPC"/>'
        f"<classification-symbol>{cpc}</classification-symbol><symbol-position>F</symbol-position>"
        f"<classification-value>I</classification-value></patent-classification>"
        f'<invention-title lang="fr">{escape(title)}</invention-title>'
        f"<applicants>{rows}</applicants><inventors>{inventors}</inventors>"
        f'<agents><agent sequence="1" rep-type="agent"><addressbook><orgname>CABINET DEMO'
        f"</orgname>{_address('PARIS', '75009')}</addressbook></agent></agents>"
        f"<references-cited>{cited}</references-cited>"
        f'</fr-bibliographic-data><abstract lang="fr"><p>{escape(ABSTRACT)}</p></abstract>'
        f"</fr-patent-document>"
    )


def _archive(path: Path, documents: list[dict], status: str, title: str) -> None:
    """An INPI zip of the documents, one XML member each."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for d in documents:
            archive.writestr(
                f"{d['number']}.xml",
                _document(
                    d["number"],
                    d["application"],
                    d["filed"],
                    d["published"],
                    d["kind"],
                    d["parties"],
                    status,
                    title,
                ),
            )


def build(
    out: Path,
    *,
    institution_documents: list[dict] | None = None,
    seed: int | None = None,
    year: int = YEAR,
    scale: float = 1.0,
    reserved: frozenset[str] = frozenset(),
) -> Path:
    """Write the weekly zips of `year` and ground_truth.csv into `out`; return the ground-truth path.

    `institution_documents` are the institution's publications of the year (number, application,
    filing and publication dates, school, co-applicant name): the demo portfolio's, so both tell the
    same story. A year other than 2020 is invented: counts × `scale` ± 15 %. `reserved`: publication
    numbers the generated documents must not take (the portfolio's, of any year)."""
    rng = random.Random(year if seed is None else seed)
    plan = applicants(rng)
    invented = year != YEAR
    if invented:
        for applicant in plan:
            applicant.count = max(1, round(applicant.count * scale * rng.uniform(0.85, 1.15)))
    total = round(TOTAL * scale) if invented else TOTAL
    title = "Synthetic invention (invented year)" if invented else "Synthetic invention"
    documents: list[dict] = []
    serial = SERIAL_BASE + (year - YEAR) * SERIALS_PER_YEAR

    def add(
        parties: list[tuple[str, str]],
        kind: str = "A1",
        number: str = "",
        application: str = "",
        filed: datetime.date | None = None,
        published: datetime.date | None = None,
    ) -> dict:
        nonlocal serial
        serial += 1
        while str(serial) in reserved:
            serial += 1
        published = published or datetime.date(year, 1, 3) + datetime.timedelta(
            days=7 * rng.randrange(52)
        )
        filed = filed or published - datetime.timedelta(days=548)
        document = {
            "number": number,  # numbered below, in the order of publication
            "application": application or f"{filed:%y}{serial % 100000:05d}",
            "filed": filed,
            "published": published,
            "kind": kind,
            "parties": parties,
            "status": "NEW",
        }
        documents.append(document)
        return document

    truth: dict[str, list] = {a.group: [a.category, 0] for a in plan}
    for applicant in plan:
        for n in range(applicant.count):
            index = n % len(applicant.names)
            siren = applicant.sirens[index] if applicant.sirens and n % 2 == 0 else ""
            add([(applicant.names[index], siren)])
        truth[applicant.group][1] += applicant.count
    # Co-filings inside a group count once for it: a second subsidiary on a few PSA documents.
    psa = plan[0]
    for document in [d for d in documents if d["parties"][0][0] == psa.names[0]][:25]:
        document["parties"].append((psa.names[1], ""))
    institution = "Institut Mines-Télécom"
    truth[institution] = ["RESE", 0]
    if (
        institution_documents is None
    ):  # no portfolio given: 33 in 2020 (11 per school), as published
        institution_documents = (
            [{"school": s} for s in list(SCHOOL_NAMES) * 11] if not invented else []
        )
    for item in institution_documents:
        parties = [(SCHOOL_NAMES.get(item.get("school", ""), "INSTITUT MINES-TELECOM"), "")]
        if item.get("partner"):
            parties.append((item["partner"].upper(), item.get("partner_siren", "")))
            truth.setdefault(item["partner"], [item.get("partner_category", "?"), 0])[1] += 1
        add(
            parties,
            number=item.get("number", ""),
            application=item.get("application", ""),
            filed=item.get("filed"),
            published=item.get("published"),
        )
        truth[institution][1] += 1
    # The long tail: small companies and individuals, 1 to 4 documents each; some utility certificates.
    tail = 0
    while len(documents) < total:
        name = f"TAIL APPLICANT {tail:05d} SARL" if tail % 3 else f"DUPONT{tail:05d} JEAN"
        for _ in range(1 + tail % 4):
            add([(name, "")], kind="A3" if tail % 29 == 0 else "A1")
        if tail % 29 != 0:
            truth[name.removesuffix(" SARL") if "SARL" in name else name] = ["?", 1 + tail % 4]
        tail += 1
    # INPI numbers publications as it publishes them: a weekly file holds a run of numbers.
    number = SERIAL_BASE + (year - YEAR) * SERIALS_PER_YEAR
    for document in sorted((d for d in documents if not d["number"]), key=lambda d: d["published"]):
        number += 1
        while str(number) in reserved:
            number += 1
        document["number"] = str(number)
    # Amended records (2020 only): a later week replaces 40 documents, adding a co-applicant.
    singles = [d for d in documents if len(d["parties"]) == 1 and d["kind"] == "A1"]
    amended = [] if invented else rng.sample(singles, 40)
    out.mkdir(parents=True, exist_ok=True)
    # 2020 as INPI publishes it, a zip per week; an invented year in one zip (every import has a cost
    # of its own, and 52 more files a year would slow the demo's loading for nothing).
    weeks: dict[str, list[dict]] = defaultdict(list)
    for document in documents:
        week = document["published"].isocalendar()[1]
        weeks["01-52" if invented else f"{week:02d}"].append(document)
    for week, items in sorted(weeks.items()):
        _archive(out / f"FR_FRNEWST36_{year}_{week}.zip", items, "NEW", title)
    partners = [f"AMENDED PARTNER {n:03d}" for n in range(len(amended))]
    if amended:
        _archive(
            out / f"FR_FRAMDST36_{year}_52.zip",
            [
                {**d, "parties": [*d["parties"], (co, "")]}
                for d, co in zip(amended, partners, strict=True)
            ],
            "AMENDED",
            "Synthetic invention",
        )
    truth.update({co: ["?", 1] for co in partners})
    ground = out / "ground_truth.csv"
    with ground.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["entity", "category", "count"])
        for name, (category, count) in sorted(truth.items()):
            writer.writerow([name, category, count])
    return ground
