"""The API's permission class (kept apart from valo.core.api: DRF imports it while loading)."""

from __future__ import annotations

from typing import Any

from rest_framework import permissions
from rest_framework.request import Request

from valo.core.access import has_capability, model_permits

ACTION_BY_METHOD = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


def request_action(request: Request, view: Any = None) -> str:
    """The access action a request needs: by its method, unless the view names one for its DRF
    action (`action_access`, e.g. a transition posted on a record one needs only to see: the
    transition checks the rest)."""
    named = getattr(view, "action_access", {}).get(getattr(view, "action", None))
    return named or ACTION_BY_METHOD.get(request.method or "GET", "view")


class ValoPermission(permissions.BasePermission):
    """Authenticated, and allowed the method's action on the model at least somewhere."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        queryset = getattr(view, "queryset", None)
        if queryset is None:
            return True
        return model_permits(request.user, queryset.model, request_action(request, view))


class HasCapability(permissions.BasePermission):
    """Authenticated and holding a capability: `code`, or the view's `capability`."""

    code = ""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        return has_capability(request.user, self.code or view.capability)


def capability_permission(code: str) -> type[permissions.BasePermission]:
    """The permission class of a function API view that needs `code`."""
    return type(
        f"Has{code.title().replace('.', '').replace('_', '')}", (HasCapability,), {"code": code}
    )
