"""Start-ups and the researchers' involvement in them from spreadsheets (valo.core.onboarding)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from valo.core.onboarding import ImportKind
from valo.ventures.forms import InvolvementForm, VentureForm
from valo.ventures.models import Involvement, Venture

VENTURES = ImportKind(
    code="ventures",
    label=_("Ventures"),
    model=Venture,
    form_class=VentureForm,
    fields=Venture.edit_fields,
    match=("company",),
    help=_("The start-ups born of the institution's research; the company is an organisation."),
    examples=(
        {
            "key": "V-CORROSENSE",
            "company": "ORG-START",
            "kind": "spin_off",
            "unit": "ORG-LAB",
            "status": "active",
            "licence": "CT-2020-011",
            "created_on": "2021-06-01",
        },
    ),
)

INVOLVEMENTS = ImportKind(
    code="involvements",
    label=_("Involvements in ventures"),
    model=Involvement,
    form_class=InvolvementForm,
    fields=Involvement.edit_fields,
    match=("venture", "person", "scheme"),
    help=_("Researchers' authorised involvement in a venture (L531-1 and following)."),
    examples=(
        {
            "key": "V-CORROSENSE/P-002",
            "venture": "V-CORROSENSE",
            "person": "P-002",
            "scheme": "L531-1",
            "authorised_on": "2021-05-10",
            "equity": "12,5",
            "founder": "oui",
        },
    ),
)
