"""What the global search finds among the inventions, software and know-how (valo.core.search);
know-how only for the people named on it (its own restricted queryset)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from valo.core.search import Hit, matching
from valo.inventions.models import Invention, KnowHow, SoftwareAsset


def inventions(user: Any, query: str, limit: int) -> list[Hit]:
    found = matching(
        Invention.objects.restrict(user),
        Invention.picker_fields,
        query,
        text_fields=Invention.full_text_fields,
    )
    return [
        Hit(
            _("Invention"),
            f"{i.reference or '#' + str(i.pk)} – {i.title}",
            i.get_absolute_url(),
            i.get_state_display(),
            i.reference or "",
            getattr(i, "search_rank", 0.0),
        )
        for i in found[:limit]
    ]


def assets(user: Any, query: str, limit: int) -> list[Hit]:
    software = matching(SoftwareAsset.objects.restrict(user), SoftwareAsset.search_fields, query)
    secrets = matching(KnowHow.objects.restrict(user), KnowHow.search_fields, query)
    return [
        *(
            Hit(
                _("Software"),
                s.title,
                s.get_absolute_url(),
                s.deposit_reference,
                s.deposit_reference,
            )
            for s in software[:limit]
        ),
        *(Hit(_("Know-how"), k.title, k.get_absolute_url()) for k in secrets[:limit]),
    ]
