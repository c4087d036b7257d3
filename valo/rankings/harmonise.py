"""From a raw applicant name (and identifier) to an entity, and to its group.

Resolution order (reference/harmonization.md): the SIREN against the directory, then the cleaned name
against the directory's names and aliases; the remaining names are clustered (valo.rankings.clustering)
and each cluster is an entity, named by the first of its cleaned spellings.
Consolidation climbs the directory tree to the top (school → institution, subsidiary → group)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from valo.directory.choices import COMPANY_KINDS, RESEARCH_KINDS, Sector
from valo.directory.models import Organization, OrganizationAlias
from valo.rankings.cleaning import clean_applicant
from valo.rankings.clustering import cluster

UNCLASSIFIED = "?"


@dataclass(frozen=True)
class Entity:
    key: str
    name: str
    category: str
    organization_id: int | None = None


class Harmoniser:
    """Built once from the directory; resolves names in memory."""

    def __init__(self, consolidate: bool = True) -> None:
        self.consolidate = consolidate
        self.organizations = {o.pk: o for o in Organization.objects.all()}
        self.by_siren = {o.siren: o.pk for o in self.organizations.values() if o.siren}
        self.by_name: dict[str, int] = {}
        for org in self.organizations.values():
            for name in filter(None, [org.name, org.short_name]):
                self.by_name.setdefault(clean_applicant(name), org.pk)
        for alias in OrganizationAlias.objects.all():
            self.by_name[clean_applicant(alias.name)] = alias.organization_id
        self._cache: dict[tuple[str, str], Entity] = {}
        self._clusters: dict[str, str] = {}
        self._display: dict[str, str] = {}

    def prepare(self, names: Iterable[str]) -> None:
        """Cluster the names the directory does not know, so their spellings count as one entity."""
        unknown = {n for n in names if self.by_name.get(clean_applicant(n)) is None}
        self._clusters = cluster(unknown)
        for name in sorted(unknown):
            self._display.setdefault(self._clusters[name], clean_applicant(name))

    def spellings(self, entity_key: str) -> list[str]:
        """The raw names gathered into an unresolved entity (after prepare())."""
        group = entity_key.removeprefix("name:")
        return sorted(n for n, g in self._clusters.items() if g == group)

    def _top(self, org: Organization) -> Organization:
        seen = set()
        while org.parent_id and org.parent_id in self.organizations and org.pk not in seen:
            seen.add(org.pk)
            org = self.organizations[org.parent_id]
        return org

    @staticmethod
    def category(org: Organization | None) -> str:
        if org is None:
            return UNCLASSIFIED
        if org.sector == Sector.RESE or org.kind in RESEARCH_KINDS:
            return "RESE"
        if org.kind in COMPANY_KINDS and org.size_category:
            return str(org.size_category)
        return UNCLASSIFIED

    def entity(self, raw_name: str, identifier: str = "") -> Entity:
        key = (raw_name, identifier)
        if key in self._cache:
            return self._cache[key]
        cleaned = clean_applicant(raw_name)
        pk = self.by_siren.get(identifier) if identifier else None
        pk = pk or self.by_name.get(cleaned)
        if pk is None:
            group = self._clusters.get(raw_name)
            shown = self._display.get(group, cleaned) if group else cleaned
            entity = Entity(key=f"name:{group or cleaned}", name=shown, category=UNCLASSIFIED)
        else:
            org = self.organizations[pk]
            if self.consolidate:
                org = self._top(org)
            entity = Entity(
                key=f"org:{org.pk}",
                name=org.name,
                category=self.category(org),
                organization_id=org.pk,
            )
        self._cache[key] = entity
        return entity
