"""Import of organisations from a CSV or XLSX file (a TTO's partner spreadsheet, say).

Each row goes through OrganizationForm, as on the page; `parent` may name an organisation by SIREN or
by exact name, including one created by an earlier row of the same file; `aliases` lists other names
separated by "|". The file is imported whole or not at all (valo.core.imports).
"""

from __future__ import annotations

from typing import Any, BinaryIO

from django.utils.translation import gettext_lazy as _

from valo.core.imports import import_rows, read_rows
from valo.core.onboarding import ImportKind
from valo.directory.choices import AliasSource, OrganizationKind, Sector, SizeCategory
from valo.directory.forms import AffiliationForm, OrganizationForm, PersonForm
from valo.directory.models import Affiliation, Organization, OrganizationAlias, Person

IMPORT_COLUMNS = [
    ("name", _("Name (required)")),
    ("short_name", _("Short name or acronym")),
    ("kind", _("Kind (required): %(codes)s") % {"codes": ", ".join(OrganizationKind.values)}),
    ("parent", _("Parent organization: its SIREN or its exact name")),
    ("siren", _("SIREN, 9 digits")),
    ("siret", _("SIRET, 14 digits")),
    ("ror", _("ROR id, e.g. 030hj3061")),
    ("vat", _("VAT number")),
    ("country", _("Country code (default FR)")),
    ("city", _("City")),
    ("website", _("Website")),
    ("size_category", _("Size category: %(codes)s") % {"codes": ", ".join(SizeCategory.values)}),
    ("sector", _("Sector: %(codes)s") % {"codes": ", ".join(Sector.values)}),
    ("aliases", _("Other names, separated by |")),
]


def _choice(value: str, choices: Any) -> str:
    """Accept a code or its label, in any case."""
    text = value.strip().lower()
    for code, label in choices.choices:
        if text in {str(code).lower(), str(label).lower()}:
            return code
    return value.strip()


def _parent_id(value: str) -> Any:
    value = value.strip()
    if not value:
        return ""
    by_siren = Organization.objects.filter(siren=value.replace(" ", "")).first()
    if by_siren is not None:
        return by_siren.pk
    by_name = list(Organization.objects.filter(name=value)[:2])
    if len(by_name) == 1:
        return by_name[0].pk
    # Left as text: the form then reports "Select a valid choice" on the parent field.
    return value


def _prepare(row: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {key: row.get(key, "") for key, _label in IMPORT_COLUMNS}
    data["kind"] = _choice(data["kind"], OrganizationKind)
    data["size_category"] = (
        _choice(data["size_category"], SizeCategory) if data["size_category"] else ""
    )
    data["sector"] = _choice(data["sector"], Sector) if data["sector"] else ""
    data["country"] = data["country"] or "FR"
    data["parent"] = _parent_id(data["parent"])
    return data


def _save_aliases(organization: Any, row: dict[str, str]) -> None:
    for name in {part.strip() for part in row.get("aliases", "").split("|") if part.strip()}:
        OrganizationAlias.objects.get_or_create(
            organization=organization, name=name, defaults={"source": AliasSource.IMPORT}
        )


def import_organizations(name: str, stream: BinaryIO, *, user: Any = None) -> list[Any]:
    """Create the organisations of one file, or none (raises ImportFailed naming row and field)."""
    return import_rows(
        file_name=name,
        rows=read_rows(name, stream),
        form_class=OrganizationForm,
        user=user,
        prepare=_prepare,
        after_save=_save_aliases,
    )


# --- onboarding kinds (valo.core.onboarding) ------------------------------------------------------
# The examples of every kind form one small office: later kinds name these rows by their keys.

ORGANIZATIONS = ImportKind(
    code="organizations",
    label=_("Organizations"),
    model=Organization,
    form_class=OrganizationForm,
    fields=tuple(name for name in Organization.edit_fields if name != "unit_decision_on"),
    natural_key="siren",
    lookups=("ror", "siret", "name", "short_name"),
    help=_("Laboratories and schools of the institution, companies, start-ups, funders."),
    examples=(
        {
            "key": "ORG-LAB",
            "name": "Laboratoire des matériaux communicants",
            "short_name": "LMC",
            "kind": "laboratory",
            "country": "FR",
            "city": "Brest",
        },
        {
            "key": "ORG-CO",
            "name": "Exemple Industries SAS",
            "kind": "company",
            "siren": "123456782",
            "country": "FR",
            "city": "Lyon",
            "size_category": "ETI",
        },
        {
            "key": "ORG-START",
            "name": "Corrosense",
            "kind": "startup",
            "siren": "987654324",
            "country": "FR",
            "city": "Brest",
        },
    ),
)

PEOPLE = ImportKind(
    code="people",
    label=_("People"),
    model=Person,
    form_class=PersonForm,
    fields=Person.edit_fields,
    natural_key="email",
    lookups=("orcid", "employee_number"),
    help=_("Researchers, staff and outside inventors; their affiliations are a file of their own."),
    examples=(
        {
            "key": "P-001",
            "first_name": "Claire",
            "last_name": "Martin",
            "email": "claire.martin@example.org",
            "employee_number": "E10234",
        },
        {"key": "P-002", "first_name": "Jean", "last_name": "Dupont", "email": ""},
    ),
)

AFFILIATIONS = ImportKind(
    code="affiliations",
    label=_("Affiliations"),
    model=Affiliation,
    form_class=AffiliationForm,
    fields=Affiliation.edit_fields,
    match=("person", "organization", "start"),
    help=_("Who works where, with which status, from when to when."),
    examples=(
        {
            "key": "A-001",
            "person": "P-001",
            "organization": "ORG-LAB",
            "status": "permanent_researcher",
            "position": "Chargée de recherche",
            "start": "2015-09-01",
        },
        {
            "key": "A-002",
            "person": "P-002",
            "organization": "ORG-LAB",
            "status": "doctoral_student",
            "start": "01/10/2018",
            "end": "30/09/2021",
        },
    ),
)
