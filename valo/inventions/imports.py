"""The inventions of an office's history, their inventors and their planned public disclosures, and
the software the institution owns with its authors, from spreadsheets (valo.core.onboarding).

An invention's state and dates come as the file says (a decision taken in 2012 is history, not a
workflow to replay); its reference is numbered by valo when the file gives none. An inventors file
must give each invention it names the whole of its inventors: their contributions sum to 1; so must
an authors file give each piece of software its whole authorship. Know-how is no kind of file: its
secret would travel in a spreadsheet, and every read of it is logged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy

from valo.core.forms import model_form
from valo.core.onboarding import ImportKind
from valo.inventions.forms import (
    DisclosureForm,
    InventionForm,
    InventorshipForm,
    SoftwareAssetForm,
)
from valo.inventions.models import (
    Disclosure,
    Invention,
    Inventorship,
    SoftwareAsset,
    SoftwareAuthor,
)


def _shares_make_one(
    model: type[models.Model], parent: str, message: str
) -> Callable[[list[tuple[int, Any]]], list[tuple[int, str, str]]]:
    """A kind's check: every `parent` the file touched has rows of `model` whose shares make 1; a
    fault on the last row of each that does not (`message` says it, given the total)."""

    def check(saved: list[tuple[int, Any]]) -> list[tuple[int, str, str]]:
        last_row: dict[int, int] = {}
        for number, part in saved:
            last_row[getattr(part, f"{parent}_id")] = number
        totals: dict[int, Decimal] = defaultdict(Decimal)
        found = model._default_manager.filter(**{f"{parent}_id__in": last_row})
        for parent_id, share in found.values_list(f"{parent}_id", "share"):
            totals[parent_id] += share
        return [
            (number, "share", message % {"total": totals[parent_id].normalize()})
            for parent_id, number in last_row.items()
            if totals[parent_id] != 1
        ]

    return check


INVENTIONS = ImportKind(
    code="inventions",
    label=gettext_lazy("Inventions"),
    model=Invention,
    form_class=InventionForm,
    fields=(
        "reference",
        "title",
        "field",
        "keywords",
        "owning_units",
        "origin",
        "origin_reference",
        "state",
        "received_on",
        "complete_on",
        "ownership_class",
        "qualified_on",
        "public_summary",
        "confidential_description",
    ),
    natural_key="reference",
    help=gettext_lazy(
        "Declared results, with their state and dates; left without a reference, valo numbers them."
    ),
    examples=(
        {
            "key": "DI-2019-07",
            "title": "Capteur de corrosion sans fil pour structures offshore",
            "keywords": "corrosion | capteur | offshore",
            "owning_units": "ORG-LAB",
            "origin": "own_research",
            "state": "decided",
            "received_on": "2019-03-12",
            "complete_on": "2019-03-20",
            "ownership_class": "mission",
            "qualified_on": "2019-04-02",
            "confidential_description": "Un capteur passif interrogé par radiofréquence …",
        },
    ),
)

INVENTORS = ImportKind(
    code="inventors",
    label=gettext_lazy("Inventors"),
    model=Inventorship,
    form_class=InventorshipForm,
    fields=("invention", "person", "external_name", "employer", "status", "share"),
    match=("invention", "person"),
    # R611-14-1's remuneration is shared by the inventors: their contributions make 1.
    check=_shares_make_one(
        Inventorship,
        "invention",
        gettext_lazy(
            "the contributions of the inventors of this invention sum to %(total)s, not 1"
        ),
    ),
    help=gettext_lazy(
        "Each inventor of an invention with their contribution (0.5, 1/3 or 50 %); an "
        "invention's contributions sum to 1."
    ),
    examples=(
        {
            "key": "DI-2019-07/1",
            "invention": "DI-2019-07",
            "person": "P-001",
            "status": "permanent_researcher",
            "share": "0.6",
        },
        {
            "key": "DI-2019-07/2",
            "invention": "DI-2019-07",
            "person": "P-002",
            "status": "doctoral_student",
            "share": "40 %",
        },
    ),
)

DISCLOSURES = ImportKind(
    code="disclosures",
    label=gettext_lazy("Planned disclosures"),
    model=Disclosure,
    form_class=DisclosureForm,
    fields=("invention", "kind", "planned_on", "title"),
    match=("invention", "kind", "planned_on"),
    help=gettext_lazy(
        "The talks, papers and thesis defences planned on an invention: each is a risk to its "
        "novelty if nothing is filed before."
    ),
    examples=(
        {
            "key": "DI-2019-07/these",
            "invention": "DI-2019-07",
            "kind": "thesis",
            "planned_on": "2019-06-28",
            "title": "Soutenance de thèse, École des Mines",
        },
    ),
)

SOFTWARE = ImportKind(
    code="software",
    label=gettext_lazy("Software"),
    model=SoftwareAsset,
    form_class=SoftwareAssetForm,
    fields=tuple(SoftwareAssetForm.Meta.fields),  # what the page edits
    lookups=("deposit_reference",),
    help=gettext_lazy(
        "The software the institution owns (CPI L113-9): its owning unit, its deposits (an APP "
        "IDDN number) and its licence."
    ),
    examples=(
        {
            "key": "LOG-2020-02",
            "title": "CorroScan, analyse des mesures de corrosion",
            "unit": "ORG-LAB",
            "invention": "DI-2019-07",
            "version": "2.1",
            "deposit_reference": "IDDN.FR.001.150012.000.S.P.2020.000.31500",
            "deposit_date": "2020-04-10",
            "licence": "CeCILL-2.1",
        },
    ),
)

SOFTWARE_AUTHORS = ImportKind(
    code="software_authors",
    label=gettext_lazy("Software authors"),
    model=SoftwareAuthor,
    form_class=model_form(SoftwareAuthor, ["software", "person", "share"]),
    fields=("software", "person", "share"),
    match=("software", "person"),
    check=_shares_make_one(
        SoftwareAuthor,
        "software",
        gettext_lazy("the shares of the authors of this software sum to %(total)s, not 1"),
    ),
    help=gettext_lazy(
        "Each author of a piece of software with their share (0.5, 1/3 or 50 %); a piece of "
        "software's shares sum to 1."
    ),
    examples=(
        {"key": "LOG-2020-02/1", "software": "LOG-2020-02", "person": "P-001", "share": "70 %"},
        {"key": "LOG-2020-02/2", "software": "LOG-2020-02", "person": "P-002", "share": "0.3"},
    ),
)
