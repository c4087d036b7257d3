"""Who may see and act on inventions: the owning units' staff, and the inventors themselves.

Actions beyond view/add/change/delete:
  "submit" — the draft's inventors and author, and officers of its units;
  "assess" — committee members and officers of its units (meetings, scores, decisions).
"""

from __future__ import annotations

from django.db.models import Q

from valo.core.access import EDITOR_ROLES, STAFF_ROLES, Access, Role, any_q, unit_q

ASSESSOR_ROLES = frozenset({Role.COMMITTEE, Role.OFFICER, Role.ADMIN})


def invention_q(access: Access, action: str, prefix: str = "") -> Q | None:
    """The filter of inventions (reached through `prefix`) that `access` may `action`."""
    from valo.inventions.models import InventionUnit, Inventorship

    def unit_filter(roles: frozenset[str]) -> Q | None:
        units = access.units(roles)
        if units is None:
            return None
        in_units = unit_q(units, "organization")
        return Q(**{f"{prefix}pk__in": InventionUnit.objects.filter(in_units).values("invention")})

    own = None
    # Everyone reads what they invented; only researchers and officers declare and edit drafts
    # (committee, director, finance and auditor read and assess: docs/inventions.md).
    declares = access.has_role(Role.RESEARCHER, *EDITOR_ROLES)
    if access.user_id and (action == "view" or declares):
        mine = Inventorship.objects.filter(person__user_id=access.user_id).values("invention")
        own = Q(**{f"{prefix}pk__in": mine}) | Q(**{f"{prefix}created_by_id": access.user_id})
    draft = Q(**{f"{prefix}state": "draft"})
    if action == "view":
        return any_q(unit_filter(STAFF_ROLES), own)
    if action == "add":
        # Anyone with a role may declare; where it lands is checked after saving.
        return any_q(unit_filter(EDITOR_ROLES), own & draft if own is not None else None)
    if action in {"change", "submit"}:
        return any_q(unit_filter(EDITOR_ROLES), own & draft if own is not None else None)
    if action == "assess":
        return unit_filter(ASSESSOR_ROLES)
    if action == "delete":
        return any_q(
            unit_filter(EDITOR_ROLES) & draft if unit_filter(EDITOR_ROLES) is not None else None,
            own & draft if own is not None else None,
        )
    return None
