"""What the agreements add to other apps' record pages (valo.core.registry.RecordPanel)."""

from __future__ import annotations

from typing import Any

from valo.agreements.models import Agreement


def family_agreements(request: Any, family: Any) -> dict[str, Any] | None:
    """A patent family's agreements that the user may see — its licences first, with their terms."""
    agreements = list(
        Agreement.objects.restrict(request.user)
        .filter(family_links__family=family)
        .select_related("partner", "licence")
        .distinct()
        .order_by("kind", "-signed_on", "reference")
    )
    if not agreements:
        return None
    licences = [a for a in agreements if hasattr(a, "licence")]
    others = [a for a in agreements if not hasattr(a, "licence")]
    return {"licences": licences, "others": others}
