"""Template context: what the navigation may offer the current user."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from valo.core.access import MONEY_ROLES, STAFF_ROLES, Role, get_access


def access(request: HttpRequest) -> dict[str, Any]:
    user_access = get_access(getattr(request, "user", None))
    return {
        "valo_access": user_access,
        "can_read_changelog": user_access.has_role(Role.AUDITOR, Role.ADMIN),
        "is_office_staff": user_access.has_role(*STAFF_ROLES),
        "can_read_money": user_access.has_role(*MONEY_ROLES),
    }
