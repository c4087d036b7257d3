"""What the portfolio adds to other apps' record pages (valo.core.registry.RecordPanel)."""

from __future__ import annotations

from typing import Any

from valo.core.access import model_permits
from valo.patents import handoff
from valo.patents.models import PatentFamily


def invention_families(request: Any, invention: Any) -> dict[str, Any] | None:
    """The invention's patent families, and — once it is decided for a patent — the way to create
    one, prefilled."""
    families = list(PatentFamily.objects.restrict(request.user).filter(invention=invention))
    can_create = handoff.can_protect(invention) and model_permits(request.user, PatentFamily, "add")
    if not families and not can_create:
        return None
    return {"families": families, "can_create": can_create, "invention": invention}
