"""What the global search finds among the ventures: the company's name (valo.core.search)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from valo.core.search import Hit, matching
from valo.ventures.models import Venture


def ventures(user: Any, query: str, limit: int) -> list[Hit]:
    found = matching(Venture.objects.restrict(user), ["company__name"], query).select_related(
        "company"
    )
    return [
        Hit(_("Venture"), str(v.company), v.get_absolute_url(), v.get_kind_display())
        for v in found[:limit]
    ]
