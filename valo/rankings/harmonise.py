"""From a raw applicant name (and identifier) to an entity, and to its group.

Resolution order (reference/harmonization.md): the SIREN against the directory, then the cleaned name
against the directory's names and aliases; the remaining names are clustered (valo.rankings.clustering)
and each cluster is an entity, named by the first of its cleaned spellings.
Consolidation climbs the directory tree to the top (school → institution, subsidiary → group)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from valo.directory.choices import COMPANY_KINDS, RESEARCH_KINDS, AliasSource, Sector
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
        self.how_by_name: dict[str, str] = {}
        for org in self.organizations.values():
            for name in filter(None, [org.name, org.short_name]):
                self.by_name.setdefault(clean_applicant(name), org.pk)
                self.how_by_name.setdefault(clean_applicant(name), "directory")
        for alias in OrganizationAlias.objects.all():
            self.by_name[clean_applicant(alias.name)] = alias.organization_id
            staff = alias.source == AliasSource.PATENT_DATA
            self.how_by_name[clean_applicant(alias.name)] = "staff" if staff else "alias"
        self._cache: dict[tuple[str, str], Entity] = {}
        self._clusters: dict[str, str] = {}
        self._display: dict[str, str] = {}

    def prepare(self, names: Iterable[str] | Mapping[str, int]) -> None:
        """Cluster the names the directory does not know, so their spellings count as one entity.
        `names`: each name once per use, or a mapping of name → uses (uses weigh acronym links)."""
        uses = names if isinstance(names, Mapping) else Counter(names)
        unknown = {n: c for n, c in uses.items() if self.by_name.get(clean_applicant(n)) is None}
        self._clusters = cluster(Counter(unknown))
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
        if key not in self._cache:
            own, group, _how = self.resolve(raw_name, identifier)
            self._cache[key] = group if self.consolidate else own
        return self._cache[key]

    def resolve(self, raw_name: str, identifier: str = "") -> tuple[Entity, Entity, str]:
        """(the entity the name is, its group at the top of the directory tree, how it was decided:
        siren, directory, alias, staff — an alias a user attached from the rankings — or cluster)."""
        cleaned = clean_applicant(raw_name)
        pk = self.by_siren.get(identifier) if identifier else None
        how = "siren"
        if pk is None and cleaned in self.by_name:
            pk, how = self.by_name[cleaned], self.how_by_name[cleaned]
        if pk is None:
            group = self._clusters.get(raw_name)
            shown = self._display.get(group, cleaned) if group else cleaned
            entity = Entity(key=f"name:{group or cleaned}", name=shown, category=UNCLASSIFIED)
            return entity, entity, "cluster"
        org = self.organizations[pk]
        return self._of(org), self._of(self._top(org)), how

    def _of(self, org: Organization) -> Entity:
        return Entity(
            key=f"org:{org.pk}", name=org.name, category=self.category(org), organization_id=org.pk
        )
