"""What the global search finds among the agreements: reference, title, partner (valo.core.search)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from valo.agreements.models import Agreement
from valo.core.search import Hit, matching


def agreements(user: Any, query: str, limit: int) -> list[Hit]:
    found = matching(
        Agreement.objects.restrict(user),
        Agreement.picker_fields,
        query,
        text_fields=Agreement.full_text_fields,
    ).select_related("partner")
    return [
        Hit(
            _("Agreement"),
            f"{a.reference} – {a.title}",
            a.get_absolute_url(),
            f"{a.get_kind_display()}, {a.partner}",
            a.reference,
            getattr(a, "search_rank", 0.0),
        )
        for a in found[:limit]
    ]
