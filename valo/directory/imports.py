"""The directory from spreadsheets (valo.core.onboarding): organisations, people, affiliations, labels
(Carnot …) and the periods during which units hold them.

An organisation's row goes through OrganizationForm, as on the page; `parent` names an organisation by
its key, SIREN, ROR or exact name, including one created by an earlier row of the same file; `aliases`
lists its other names (as patent data writes them) separated by "|".
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from valo.core.onboarding import Extra, ImportKind
from valo.directory.choices import AliasSource
from valo.directory.forms import (
    AffiliationForm,
    LabelAwardForm,
    LabelForm,
    OrganizationForm,
    PersonForm,
)
from valo.directory.models import (
    Affiliation,
    Label,
    LabelAward,
    Organization,
    OrganizationAlias,
    Person,
)

# The examples of every kind form one small office: later kinds name these rows by their keys.


def _aliases(organization: Organization) -> str:
    return " | ".join(sorted(organization.aliases.values_list("name", flat=True)))


def _save_aliases(organization: Organization, cell: str) -> None:
    """The names of the cell added as aliases (an import adds names; it removes none)."""
    for name in {part.strip() for part in cell.split("|") if part.strip()}:
        OrganizationAlias.objects.get_or_create(
            organization=organization, name=name, defaults={"source": AliasSource.IMPORT}
        )


ORGANIZATIONS = ImportKind(
    code="organizations",
    label=_("Organizations"),
    model=Organization,
    form_class=OrganizationForm,
    fields=tuple(name for name in Organization.edit_fields if name != "unit_decision_on"),
    natural_key="siren",
    lookups=("ror", "siret", "name", "short_name"),
    extras=(
        Extra(
            "aliases",
            _("Other names"),
            _("Other names of the organisation, as patent data writes them, separated by |."),
            _aliases,
            _save_aliases,
            additive=True,
        ),
    ),
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

LABELS = ImportKind(
    code="labels",
    label=_("Labels"),
    model=Label,
    form_class=LabelForm,
    fields=Label.edit_fields,
    natural_key="name",
    lookups=("short_name",),
    help=_("Labels such as a Carnot institute, which units hold for dated periods."),
    examples=(
        {
            "key": "CARNOT-TSN",
            "name": "Carnot Télécom & Société numérique",
            "short_name": "Carnot TSN",
            "kind": "carnot",
        },
    ),
)

LABEL_AWARDS = ImportKind(
    code="label_periods",
    label=_("Label periods"),
    model=LabelAward,
    form_class=LabelAwardForm,
    fields=LabelAward.edit_fields,
    match=("label", "organization", "start"),
    help=_("Which unit held which label, from when to when (an agreement then counts for it)."),
    examples=(
        {
            "key": "CARNOT-TSN/ORG-LAB/2020",
            "label": "CARNOT-TSN",
            "organization": "ORG-LAB",
            "start": "2020-01-01",
            "end": "2025-12-31",
            "reference": "Carnot 4",
        },
    ),
)
