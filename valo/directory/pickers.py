"""The directory's named choices for autocomplete pickers (valo.core.pickers)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from valo.core.access import choices_for
from valo.directory.choices import INTERNAL_KINDS
from valo.directory.models import Organization, Person


def everyone(user: Any) -> QuerySet:
    """Every person of the directory, by name: co-inventors are named from the whole directory (a
    name in a list, not the person's record, which stays hidden outside one's scope)."""
    return Person.objects.order_by("last_name", "first_name")


def internal_units(user: Any) -> QuerySet:
    """The institution's own units (schools, laboratories …) the user may see."""
    return choices_for(user, Organization.objects.filter(kind__in=INTERNAL_KINDS))


def outside(user: Any) -> QuerySet:
    """Organisations outside the institution (companies, other bodies) the user may see."""
    return choices_for(user, Organization.objects.exclude(kind__in=INTERNAL_KINDS))
