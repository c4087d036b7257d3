"""Co-ownership at a glance: the co-owned families and their co-owners, the mandataire unique
designations and their legal clock, and the share of new filings that are co-owned."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet

from valo.agreements.choices import AgreementKind
from valo.agreements.models import Agreement
from valo.core.models import MissingParameter, Parameter
from valo.directory.choices import INTERNAL_KINDS, OrganizationKind
from valo.directory.models import Organization
from valo.patents.dates import add_months
from valo.patents.models import PatentApplication, PatentFamily

MANDATE_PERIOD = "mandataire-unique-designation"
PUBLIC_KINDS = frozenset({OrganizationKind.PUBLIC_RESEARCH_BODY, OrganizationKind.UNIVERSITY})


@dataclass
class CoOwnedFamily:
    family: PatentFamily
    co_owners: list[Organization]
    first_filing: datetime.date | None
    mandate_due: datetime.date | None  # public co-owners without a designated mandataire
    mandataire: Agreement | None


def co_owned_families(
    families: QuerySet[PatentFamily], agreements: QuerySet[Agreement]
) -> list[CoOwnedFamily]:
    """Families with an owner outside the institution, each with its co-owners and mandate clock."""
    mandates = {
        link.family_id: link.agreement
        for agreement in agreements.filter(kind=AgreementKind.MANDATAIRE)
        for link in agreement.family_links.all()
    }
    found = []
    for family in families.prefetch_related("applications__owners__organization"):
        owners: dict[int, Organization] = {}
        filings = []
        for application in family.applications.all():
            filings.append(application.filing_date)
            for owner in application.owners.all():
                if owner.organization and owner.organization.kind not in INTERNAL_KINDS:
                    owners[owner.organization.pk] = owner.organization
        if not owners:
            continue
        first = min((d for d in filings if d), default=None)
        due = None
        mandataire = mandates.get(family.pk)
        if first and mandataire is None and PUBLIC_KINDS & {o.kind for o in owners.values()}:
            try:
                due = add_months(first, Parameter.in_force(MANDATE_PERIOD, first).months)
            except MissingParameter:
                due = None  # filed before the rule: no clock
        found.append(
            CoOwnedFamily(
                family,
                sorted(owners.values(), key=lambda o: o.name),
                first,
                due,
                mandataire,
            )
        )
    return sorted(found, key=lambda row: row.family.reference)


def co_owned_share(
    applications: QuerySet[PatentApplication],
) -> list[tuple[str, int, int, int]]:
    """(school, filing year, first filings, co-owned among them), by school and year."""
    counts: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    first_filings = (
        applications.filter(route="first_filing")
        .select_related("family__unit__parent__parent")
        .prefetch_related("owners__organization")
    )
    for application in first_filings:
        school = application.family.unit.school()
        key = (school.short_name or school.name, application.filing_date.year)
        counts[key][0] += 1
        if any(
            o.organization and o.organization.kind not in INTERNAL_KINDS
            for o in application.owners.all()
        ):
            counts[key][1] += 1
    return [(school, year, n, co) for (school, year), (n, co) in sorted(counts.items())]
