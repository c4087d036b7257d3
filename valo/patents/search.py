"""What the global search finds in the portfolio: families by reference or title, and applications
by their application, publication or grant number (valo.core.search)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from valo.core.search import Hit, matching
from valo.patents.models import PatentApplication, PatentFamily


def families(user: Any, query: str, limit: int) -> list[Hit]:
    found = matching(
        PatentFamily.objects.restrict(user),
        PatentFamily.picker_fields,
        query,
        text_fields=PatentFamily.full_text_fields,
    )
    return [
        Hit(
            _("Patent family"),
            f"{f.reference} – {f.title}",
            f.get_absolute_url(),
            "",
            f.reference,
            getattr(f, "search_rank", 0.0),
        )
        for f in found[:limit]
    ]


def applications(user: Any, query: str, limit: int) -> list[Hit]:
    compact = query.replace(" ", "")
    numbers = PatentApplication.search_fields
    found = matching(PatentApplication.objects.restrict(user), numbers, compact).select_related(
        "family"
    )
    hits = []
    for a in found[:limit]:
        key = next((getattr(a, n) for n in numbers if compact.lower() in getattr(a, n).lower()), "")
        hits.append(
            Hit(
                _("Patent application"),
                f"{a} ({a.family.reference})",
                a.get_absolute_url(),
                a.family.title,
                key,
            )
        )
    return hits
