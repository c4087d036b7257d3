"""The access provider (settings.VALO_ACCESS_PROVIDER): a user's roles and scopes from memberships."""

from __future__ import annotations

from typing import Any

from valo.core.access import EVERYWHERE, STAFF_ROLES, Access, Units
from valo.directory.models import Membership, Organization, Person


def build_access(user: Any) -> Access:
    roots: dict[str, set[int] | None] = {}
    for role, organization_id in Membership.objects.filter(user=user).values_list(
        "role", "organization_id"
    ):
        if organization_id is None:
            roots[role] = None
        elif role not in roots or roots[role] is not None:
            roots.setdefault(role, set()).add(organization_id)  # type: ignore[union-attr]
    scopes: dict[str, Units] = {}
    for role, ids in roots.items():
        scopes[role] = EVERYWHERE if ids is None else Organization.descendant_ids(ids)
    person_id = Person.objects.filter(user=user).values_list("pk", flat=True).first()
    return Access(
        user_id=user.pk,
        person_id=person_id,
        is_superuser=user.is_superuser,
        scopes=scopes,
    )


def staff_users(queryset: Any) -> Any:
    """The accounts of `queryset` that hold a staff role (settings.VALO_STAFF_USERS)."""
    return queryset.filter(memberships__role__in=STAFF_ROLES).distinct()
