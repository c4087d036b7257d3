"""Import of organisations from a CSV or XLSX file (a TTO's partner spreadsheet, say).

Each row goes through OrganizationForm, as on the page; `parent` may name an organisation by SIREN or
by exact name, including one created by an earlier row of the same file; `aliases` lists other names
separated by "|". The file is imported whole or not at all (valo.core.imports).
"""

from __future__ import annotations

from typing import Any, BinaryIO

from django.utils.translation import gettext_lazy as _

from valo.core.imports import import_rows, read_rows
from valo.directory.choices import AliasSource, OrganizationKind, Sector, SizeCategory
from valo.directory.forms import OrganizationForm
from valo.directory.models import Organization, OrganizationAlias

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
