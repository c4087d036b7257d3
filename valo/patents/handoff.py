"""From a decided invention to its patent family: the family and its first application created in one
step, prefilled from the invention (title, unit, inventors, the co-owners to be, the officer following
the unit), and the invention marked protected once its family exists."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from valo.core.access import model_permits
from valo.directory.models import Organization
from valo.inventions import transitions
from valo.inventions.choices import InventionState, ProtectionRoute
from valo.patents import engine
from valo.patents.models import (
    ApplicationInventor,
    ApplicationOwner,
    PatentApplication,
    PatentFamily,
)

# The states from which a family may be created for an invention (decided to patent; already protected
# when a further family follows).
STATES = frozenset({InventionState.DECIDED, InventionState.PROTECTED, InventionState.TRANSFERRED})


def can_protect(invention: Any) -> bool:
    decision = getattr(invention, "decision", None)
    return (
        invention.state in STATES
        and decision is not None
        and decision.protection_route == ProtectionRoute.PATENT
    )


def protection_step(invention: Any, user: Any) -> tuple[Any, str] | None:
    """The decided invention's next step on its page (valo.inventions.transitions.protection_step),
    for a user who may create families."""
    if can_protect(invention) and model_permits(user, PatentFamily, "add"):
        url = reverse("patents_family_from_invention", args=[invention.pk])
        return _("Protect this invention: create its patent family"), url
    return None


def next_reference(year: int) -> str:
    """The next free family reference of the year: FAM-<year>-<nnn>."""
    prefix = f"FAM-{year}-"
    taken = PatentFamily.objects.filter(reference__startswith=prefix).values_list(
        "reference", flat=True
    )
    numbers = [int(r[len(prefix) :]) for r in taken if r[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def institution_of(unit: Organization) -> Organization:
    """The top of the unit's tree (the institution that files)."""
    ancestors = list(unit.ancestors())
    return ancestors[-1] if ancestors else unit


@transaction.atomic
def create_family(
    invention: Any,
    *,
    user: Any,
    reference: str,
    title: str,
    unit: Organization,
    office: str,
    route: str,
    filing_date: datetime.date | None = None,
    application_number: str = "",
) -> PatentFamily:
    if not can_protect(invention):
        raise ValidationError(_("Only an invention decided for a patent gets a patent family."))
    family = PatentFamily(reference=reference, title=title, invention=invention, unit=unit)
    family.full_clean()
    family.save()
    if not PatentFamily.objects.restrict(user, "add").filter(pk=family.pk).exists():
        raise PermissionDenied(_("You may not create a family for this unit."))
    application = PatentApplication(
        family=family,
        office=office,
        route=route,
        filing_date=filing_date,
        application_number=application_number,
        title=title,
    )
    application.full_clean()
    application.save()
    # Owners: the institution, and the co-owners decided at qualification, in equal shares until
    # the co-ownership agreement says otherwise.
    owners = [institution_of(unit), *(c.organization for c in invention.co_owners.all())]
    share = (Decimal(1) / len(owners)).quantize(Decimal("0.0001"))
    for sequence, organization in enumerate(owners, start=1):
        ApplicationOwner.objects.create(
            application=application, organization=organization, share=share, sequence=sequence
        )
    for sequence, inventor in enumerate(invention.inventorships.select_related("person"), start=1):
        ApplicationInventor.objects.create(
            application=application,
            person=inventor.person,
            name_as_published=inventor.name,
            sequence=sequence,
        )
    engine.sync([application])
    if invention.state == InventionState.DECIDED:
        transitions.protect(
            invention,
            user=user,
            note=_("Patent family %(reference)s created.") % {"reference": reference},
        )
    return family


def suggested(invention: Any) -> dict[str, Any]:
    """The form's prefilled values."""
    unit_link = invention.units.select_related("organization").first()
    return {
        "reference": next_reference(timezone.localdate().year),
        "title": invention.title,
        "unit": unit_link.organization if unit_link else None,
        "office": "FR",
        "route": "first_filing",
    }
