"""Who sees and changes the portfolio: staff of the family's owning unit; the inventors read theirs."""

from __future__ import annotations

from django.db.models import Q

from valo.core.access import EDITOR_ROLES, STAFF_ROLES, Access, any_q, unit_q


def family_q(access: Access, action: str, prefix: str = "") -> Q | None:
    """Families (reached through `prefix`, e.g. "family__") that `access` may `action`."""
    roles = STAFF_ROLES if action == "view" else EDITOR_ROLES
    scoped = unit_q(access.units(roles), f"{prefix}unit")
    inventor = None
    if action == "view" and access.user_id:
        from valo.patents.models import PatentFamily

        mine = PatentFamily.objects.filter(
            invention__inventorships__person__user_id=access.user_id
        ).values("pk")
        inventor = Q(**{f"{prefix}pk__in": mine})
    return any_q(scoped, inventor)
