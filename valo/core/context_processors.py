"""Template context: the navigation the current user may use, built from the apps' registrations."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import HttpRequest

from valo.core.registry import navigation, personal_links


def menu(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    # A callable: templates that render no navigation (partials, exports) never compute it.
    return {"valo_menu": partial(navigation, user), "valo_personal": partial(personal_links, user)}
