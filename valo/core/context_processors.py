"""Template context: what the navigation may offer the current user."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from valo.core.access import Role, get_access


def access(request: HttpRequest) -> dict[str, Any]:
    user_access = get_access(getattr(request, "user", None))
    return {
        "valo_access": user_access,
        "can_read_changelog": user_access.has_role(Role.AUDITOR, Role.ADMIN),
    }
