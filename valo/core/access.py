"""Roles and scopes: the one place that decides who may see and change what.

A user holds memberships; each gives a role over a set of organisation units (a unit and all its
descendants) or over everything. `get_access(user)` turns them into an `Access`, cached on the user object
for the request. Every model's default manager is a RestrictedQuerySet whose `restrict(user, action)`
asks the model's `access_q(access, action)` for the filter: pages, API, exports and reports all go
through it. Objects outside it answer 404.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESEARCHER = "researcher", _("Researcher")
    OFFICER = "officer", _("Valorisation officer")
    COMMITTEE = "committee", _("Assessment committee")
    DIRECTOR = "director", _("Director")
    FINANCE = "finance", _("Finance")
    AUDITOR = "auditor", _("Auditor")
    ADMIN = "admin", _("Administrator")


class Action(models.TextChoices):
    VIEW = "view", _("view")
    ADD = "add", _("add")
    CHANGE = "change", _("change")
    DELETE = "delete", _("delete")


WRITE_ACTIONS = frozenset({Action.ADD, Action.CHANGE, Action.DELETE})
# Roles that read the institution's records within their scope.
STAFF_ROLES = frozenset(
    {Role.OFFICER, Role.COMMITTEE, Role.DIRECTOR, Role.FINANCE, Role.AUDITOR, Role.ADMIN}
)
# Roles that read everyone's remuneration within their scope (finance pages and exports).
MONEY_ROLES = frozenset({Role.FINANCE, Role.DIRECTOR, Role.AUDITOR, Role.ADMIN})
# Roles that edit records within their scope.
EDITOR_ROLES = frozenset({Role.OFFICER, Role.ADMIN})


class _Everywhere:
    """The scope of a membership that is not limited to some units."""

    def __repr__(self) -> str:
        return "EVERYWHERE"


EVERYWHERE = _Everywhere()
Units = frozenset[int] | _Everywhere


@dataclass(frozen=True)
class Access:
    """What one user may do: their roles, each over a set of unit ids (descendants included)."""

    user_id: int | None = None
    person_id: int | None = None
    is_superuser: bool = False
    scopes: Mapping[str, Units] = field(default_factory=dict)

    @property
    def is_admin(self) -> bool:
        return self.is_superuser or Role.ADMIN in self.scopes

    def has_role(self, *roles: str) -> bool:
        return self.is_admin or any(role in self.scopes for role in roles)

    def units(self, roles: Iterable[str]) -> Units | None:
        """Union of the scopes of the given roles; None when the user holds none of them."""
        found: set[int] = set()
        held = False
        for role in roles:
            scope = self.scopes.get(role)
            if scope is None:
                continue
            held = True
            if isinstance(scope, _Everywhere):
                return EVERYWHERE
            found |= scope
        return frozenset(found) if held else None

    def roles_for(self, action: str) -> frozenset[str]:
        return EDITOR_ROLES if action in WRITE_ACTIONS else STAFF_ROLES


ANONYMOUS = Access()


def unit_q(units: Units | None, lookup: str) -> Q | None:
    """The filter "`lookup` is one of these units"; Q() for everywhere, None for nowhere."""
    if units is None:
        return None
    if isinstance(units, _Everywhere):
        return Q()
    return Q(**{f"{lookup}__in": units})


def any_q(*parts: Q | None) -> Q | None:
    """OR of the filters that are not None; None when all are."""
    present = [part for part in parts if part is not None]
    if not present:
        return None
    if any(not part for part in present):
        # Q() is "everything" here; Django would drop it from an OR (Q() | q == q).
        return Q()
    result = present[0]
    for part in present[1:]:
        result |= part
    return result


def get_access(user: Any, *, refresh: bool = False) -> Access:
    """The user's access, computed once per request (cached on the user object)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_valo_access", None)
    if cached is not None and not refresh:
        return cached
    access = import_string(settings.VALO_ACCESS_PROVIDER)(user)
    user._valo_access = access
    return access


def held_pks(instance: Any, name: str) -> list[Any]:
    """The primary keys a saved record holds now in its related field `name` (none otherwise)."""
    if not isinstance(instance, models.Model) or instance.pk is None:
        return []
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return []
    if field.many_to_many:
        return list(getattr(instance, name).values_list("pk", flat=True))
    if field.many_to_one or field.one_to_one:
        return [getattr(instance, field.attname)]
    return []


def choices_for(user: Any, queryset: models.QuerySet, keep: Iterable[Any] = ()) -> models.QuerySet:
    """The related records `user` may pick: those they may see, and the ones already chosen (`keep`,
    primary keys) — an edit that leaves a field alone never fails for a value set by someone else."""
    visible = queryset.restrict(user, "view")  # type: ignore[attr-defined]
    kept = [pk for pk in keep if pk is not None]
    if not kept:
        return visible
    return queryset.filter(Q(pk__in=visible.values("pk")) | Q(pk__in=kept))


def model_permits(user: Any, model: type[models.Model], action: str) -> bool:
    """Whether the user may perform `action` on at least some objects of `model`."""
    access = get_access(user)
    if access.is_admin and not getattr(model, "personal", False):
        return True
    return model.access_q(access, action) is not None  # type: ignore[attr-defined]


# --- capabilities ----------------------------------------------------------------------------
# A capability names something a user may do that is not one model's list: "finance.view_statements",
# "rankings.view". Each is granted to roles (over whatever scopes the user holds them) and may add a
# condition on the user. Every model also has the implicit capabilities "<app_label>.<action>_<model>"
# (e.g. "patents.view_patentfamily"), held by whoever may `action` some objects of the model.
# Pages check them with valo.core.views.capabilities, the API with valo.core.api_permissions.


@dataclass(frozen=True)
class Capability:
    code: str
    label: Any
    roles: frozenset[str] = frozenset()
    # A further condition on the user (e.g. "has a person record"); None for none.
    test: Any = None

    def held_by(self, user: Any) -> bool:
        access = get_access(user)
        if access is ANONYMOUS:
            return False
        if self.roles and not access.has_role(*self.roles):
            return False
        return self.test is None or bool(self.test(user))


# Every authenticated user holds a capability granted to these roles (any role, or none).
ANY_ROLE = frozenset()
_capabilities: dict[str, Capability] = {}


def register_capability(capability: Capability) -> Capability:
    _capabilities[capability.code] = capability
    return capability


def has_capability(user: Any, code: str) -> bool:
    """Whether `user` holds the named capability (an unknown name is a programming error)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    capability = _capabilities.get(code)
    if capability is not None:
        return capability.held_by(user)
    app_label, _sep, rest = code.partition(".")
    action, _sep, model_name = rest.partition("_")
    from django.apps import apps

    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise LookupError(f"No capability or model named {code!r}") from None
    if action not in Action.values:
        raise LookupError(f"No capability named {code!r}")
    return model_permits(user, model, action)


def is_person(user: Any) -> bool:
    """Whether the user is a person of the directory (an inventor, an author…): a capability test."""
    return get_access(user).person_id is not None
