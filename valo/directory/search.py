"""What the global search finds in the directory: people and organisations (valo.core.search)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from valo.core.search import Hit, matching
from valo.directory.models import Organization, Person


def people(user: Any, query: str, limit: int) -> list[Hit]:
    found = matching(
        Person.objects.restrict(user),
        Person.picker_fields,
        query,
    )
    return [
        Hit(_("Person"), str(p), p.get_absolute_url(), p.email or "", p.employee_number or "")
        for p in found.order_by("last_name", "first_name")[:limit]
    ]


def organizations(user: Any, query: str, limit: int) -> list[Hit]:
    found = matching(
        Organization.objects.restrict(user),
        Organization.picker_fields,
        query,
        text_fields=Organization.full_text_fields,
    )
    return [
        Hit(
            _("Organisation"),
            o.name,
            o.get_absolute_url(),
            o.get_kind_display(),
            o.siren or o.short_name or "",
            getattr(o, "search_rank", 0.0),
        )
        for o in found[:limit]
    ]
