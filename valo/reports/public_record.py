"""The institution in the public record: its publications in INPI's palmarès, its rank overall and
among research and higher-education bodies, year by year (from the analytic store)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from valo.directory.choices import INTERNAL_KINDS
from valo.directory.models import Organization
from valo.officedata.store import AnalyticStore
from valo.rankings import entities
from valo.rankings.methods import METHODS, Methodology
from valo.rankings.palmares import competition_ranks

METHOD = "inpi-2022"
TOP = 50  # the palmarès INPI publishes


@dataclass
class YearInRecord:
    year: int
    publications: int | None  # None: not in that year's ranking
    rank: int | None
    rese_rank: int | None
    applicants: int
    entity_key: str = ""


@dataclass
class PublicRecord:
    method: Methodology
    year: YearInRecord | None
    history: list[YearInRecord] = field(default_factory=list)


def institution_of(user: Any) -> Organization | None:
    """The top of the tree above the units `user` works for; for a command, the one institution."""
    if user is None:
        return Organization.objects.filter(kind="institution", parent__isnull=True).first()
    unit = Organization.objects.restrict(user).filter(kind__in=INTERNAL_KINDS).first()
    return (unit.ancestors() or [unit])[-1] if unit else None


def _year(rows: list, year: int, institution: Organization) -> YearInRecord:
    """The institution in a year's ranking `rows`."""
    ours = next((r for r in rows if r.entity.organization_id == institution.pk), None)
    rese = competition_ranks(
        [r for r in rows if r.entity.category == "RESE"], lambda r: r.count, lambda r: r.entity.name
    )
    rese_rank = next((rank for rank, r in rese if r is ours), None)
    return YearInRecord(
        year,
        int(ours.count) if ours else None,
        ours.rank if ours else None,
        rese_rank,
        len(rows),
        ours.entity.key if ours else "",
    )


def figures(
    year: int, institution: Organization, store: AnalyticStore | None = None
) -> PublicRecord:
    """The year's figures and the history over every year the store holds (none when empty)."""
    store = store or AnalyticStore()
    method = METHODS[METHOD]
    if store.current is None:
        return PublicRecord(method, None)
    # Every year's ranking in one query (or from the cache).
    history = [_year(rows, y, institution) for y, rows in entities.rankings(store, method).items()]
    found = next((h for h in history if h.year == year), None)
    return PublicRecord(method, found, history)


def latest(institution: Organization, store: AnalyticStore | None = None) -> YearInRecord | None:
    """The institution in the last year of publications the store holds (None when empty)."""
    store = store or AnalyticStore()
    if store.current is None:
        return None
    years = store.publication_years()
    year = years[-1] if years else None
    if not year:
        return None
    return _year(entities.ranking(store, METHODS[METHOD], year), year, institution)
