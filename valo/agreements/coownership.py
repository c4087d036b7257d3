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

# Before décret 2020-24: a mandataire per result, within 9 months of the priority filing (décret
# 2014-1518). Since: one per research unit, within 1 month of the decision creating or renewing the
# unit (D533-2). Each is a dated parameter; the one in force at the first filing applies.
MANDATE_PERIOD = "mandataire-unique-designation"
UNIT_MANDATE_PERIOD = "mandataire-unique-unit-designation"
PUBLIC_KINDS = frozenset({OrganizationKind.PUBLIC_RESEARCH_BODY, OrganizationKind.UNIVERSITY})


@dataclass
class CoOwnedFamily:
    family: PatentFamily
    co_owners: list[Organization]
    first_filing: datetime.date | None
    mandate_due: datetime.date | None  # public co-owners without a designated mandataire
    mandataire: Agreement | None
    mandate_rule: Parameter | None = None  # the rule in force at the first filing
    mandate_from: datetime.date | None = None  # what the period counts from


def co_owned_families(
    families: QuerySet[PatentFamily], agreements: QuerySet[Agreement]
) -> list[CoOwnedFamily]:
    """Families with an owner outside the institution, each with its co-owners and mandate clock."""
    designations = list(agreements.filter(kind=AgreementKind.MANDATAIRE).select_related("unit"))
    mandates = {
        link.family_id: link.agreement
        for agreement in designations
        for link in agreement.family_links.all()
    }
    # Since 2020 the mandataire is the research unit's: a designation of the unit, linked to no family.
    unit_mandates = {
        agreement.unit_id: agreement
        for agreement in designations
        if not agreement.family_links.exists()
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
        rule, counted_from = mandate_rule(family, first)
        mandataire = mandates.get(family.pk)
        if mandataire is None and rule is not None and rule.key == UNIT_MANDATE_PERIOD:
            mandataire = unit_mandates.get(family.unit_id)
        due = None
        if (
            counted_from
            and rule is not None
            and mandataire is None
            and PUBLIC_KINDS & {o.kind for o in owners.values()}
        ):
            due = add_months(counted_from, rule.months)
        found.append(
            CoOwnedFamily(
                family,
                sorted(owners.values(), key=lambda o: o.name),
                first,
                due,
                mandataire,
                rule,
                counted_from,
            )
        )
    return sorted(found, key=lambda row: row.family.reference)


def mandate_rule(
    family: PatentFamily, first_filing: datetime.date | None
) -> tuple[Parameter | None, datetime.date | None]:
    """The mandataire-unique rule in force at the family's first filing and the date its period
    counts from: the unit's creation or renewal decision (since 2020), or the first filing (2014–
    2020); (None, None) before any rule."""
    if first_filing is None:
        return None, None
    try:
        rule = Parameter.in_force(UNIT_MANDATE_PERIOD, first_filing)
        return rule, family.unit.unit_decision_on
    except MissingParameter:
        pass
    try:
        return Parameter.in_force(MANDATE_PERIOD, first_filing), first_filing
    except MissingParameter:
        return None, None


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
