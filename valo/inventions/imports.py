"""The inventions of an office's history, their inventors and their planned public disclosures, from
spreadsheets (valo.core.onboarding).

An invention's state and dates come as the file says (a decision taken in 2012 is history, not a
workflow to replay); its reference is numbered by valo when the file gives none. An inventors file
must give each invention it names the whole of its inventors: their contributions sum to 1.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from valo.core.onboarding import ImportKind
from valo.inventions.forms import DisclosureForm, InventionForm, InventorshipForm
from valo.inventions.models import Disclosure, Invention, Inventorship


def contributions_sum_to_one(saved: list[tuple[int, Any]]) -> list[tuple[int, str, str]]:
    """Every invention the file touched has inventors whose contributions make 1 (R611-14-1's
    remuneration is shared by them)."""
    last_row: dict[int, int] = {}
    for number, inventorship in saved:
        last_row[inventorship.invention_id] = number
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for invention_id, share in Inventorship.objects.filter(invention_id__in=last_row).values_list(
        "invention_id", "share"
    ):
        totals[invention_id] += share
    return [
        (
            number,
            "share",
            _("the contributions of the inventors of this invention sum to %(total)s, not 1")
            % {"total": totals[invention_id].normalize()},
        )
        for invention_id, number in last_row.items()
        if totals[invention_id] != 1
    ]


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
    check=contributions_sum_to_one,
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
