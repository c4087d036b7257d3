"""Staff decisions on the harmonisation, kept as aliases of the directory so that the next count
credits them (every write logged and checked against the user's scope)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from valo.core.permissions import check_write
from valo.directory.models import Organization, OrganizationAlias


@transaction.atomic
def attach_spellings(
    organization: Organization, spellings: Iterable[str], *, user: Any
) -> list[OrganizationAlias]:
    """Attach a cluster's spellings to an organisation: each becomes one of its aliases."""
    aliases = []
    for name in spellings:
        alias, _created = OrganizationAlias.objects.get_or_create(
            organization=organization, name=name, defaults={"source": "patent_data"}
        )
        check_write(user, alias, "add")
        aliases.append(alias)
    return aliases


@transaction.atomic
def split_spelling(name: str, *, user: Any) -> Organization:
    """Split a spelling off its cluster: it becomes an organisation of its own (an outside one,
    editable by any officer), with the spelling as its alias."""
    organization = Organization.objects.create(name=name.title(), kind="company")
    alias = OrganizationAlias.objects.create(
        organization=organization, name=name, source="patent_data"
    )
    check_write(user, organization, "add")
    check_write(user, alias, "add")
    return organization
