"""The public-record comparison with the peer institutions the director picks: each one's French
publications and rank in INPI's palmarès, year by year over the analytic store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from valo.directory.choices import INTERNAL_KINDS, RESEARCH_KINDS
from valo.directory.models import Organization
from valo.officedata.store import AnalyticStore
from valo.rankings import entities
from valo.rankings.methods import METHODS
from valo.reports.public_record import METHOD

# At most this many peers on one page (each is a column and a line of the chart).
MAX_PEERS = 8


def candidates(user: Any) -> Any:
    """Research and higher-education bodies at the top of their tree, outside the institution, that
    `user` may see."""
    return (
        Organization.objects.restrict(user)
        .filter(kind__in=RESEARCH_KINDS - INTERNAL_KINDS, parent__isnull=True)
        .order_by("name")
        .only("pk", "name")
    )


@dataclass
class Comparison:
    method: Any
    organizations: list[Organization]
    years: list[int] = field(default_factory=list)
    # (year, organization id) → (publications, rank, entity key), absent when not ranked that year
    cells: dict[tuple[int, int], tuple[Any, int, str]] = field(default_factory=dict)


def compare(organizations: list[Organization], store: AnalyticStore | None = None) -> Comparison:
    """One ranking per year of the store, read for each organisation (groups consolidated)."""
    store = store or AnalyticStore()
    method = METHODS[METHOD]
    found = Comparison(method, organizations)
    if store.current is None:
        return found
    wanted = {o.pk for o in organizations}
    years = entities.rankings(store, method)  # every year's, in one query (or from the cache)
    found.years = list(years)
    for year, rows in years.items():
        for row in rows:
            if row.entity.organization_id in wanted:
                found.cells[(year, row.entity.organization_id)] = (
                    row.count,
                    row.rank,
                    row.entity.key,
                )
    return found
