"""EPO OPS data into the portfolio: families and applications matched, never duplicated.

Reads every record of every file first (officedata's reader): a malformed file raises before anything
is written. Then, in one transaction under an "import" change context: families by INPADOC id,
applications by office and application number, publication and grant data, applicants (equal shares
when new: OPS gives none), inventors, priorities, classes and legal events — adding what is missing
and changing only what differs, so a second import of the same files writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from valo.core.context import change_context
from valo.directory.models import Organization, OrganizationAlias
from valo.officedata.readers.ops import read_legal_events, read_publications, read_register
from valo.officedata.records import LegalEventRecord, PublicationRecord
from valo.patents import engine
from valo.patents.choices import ApplicationStatus, Route
from valo.patents.models import (
    ApplicationInventor,
    ApplicationOwner,
    Classification,
    LegalEvent,
    PatentApplication,
    PatentFamily,
    PriorityClaim,
)

GRANT_KINDS = ("B", "C")  # B1, B2 (EP, US grants), C (FR grant publication)


@dataclass
class ImportReport:
    families: int = 0
    applications: int = 0
    changed: int = 0
    events: int = 0
    files: list[str] = field(default_factory=list)


def read_files(
    paths: Iterable[str | Path],
) -> tuple[list[PublicationRecord], list[LegalEventRecord]]:
    """Every record of every file, or OfficeDataError naming the file, document and field."""
    publications: list[PublicationRecord] = []
    events: list[LegalEventRecord] = []
    for path in paths:
        publications += [r for r in read_publications(path) if r.application is not None]
        publications += list(read_register(path))
        events += list(read_legal_events(path))
    return publications, events


def _route(record: PublicationRecord) -> str:
    application = record.application
    assert application is not None
    foreign = [p for p in record.priorities if p.date and p.date < (application.date or p.date)]
    if application.country == "WO":
        return Route.PCT
    if application.country == "EP":
        return Route.EP_DIRECT if not foreign else Route.PRIORITY_FILING
    return Route.PRIORITY_FILING if foreign else Route.FIRST_FILING


def _update(obj: Any, values: dict[str, Any]) -> bool:
    """Set the values that differ (empty values never erase what staff entered); save if any did."""
    changed = {k: v for k, v in values.items() if v not in ("", None) and getattr(obj, k) != v}
    for key, value in changed.items():
        setattr(obj, key, value)
    if changed:
        obj.save()
    return bool(changed)


def _owner_for(name: str) -> Organization | None:
    alias = (
        OrganizationAlias.objects.filter(name__iexact=name).select_related("organization").first()
    )
    if alias is not None:
        return alias.organization
    return Organization.objects.filter(name__iexact=name).first()


def import_ops(
    paths: Iterable[str | Path], *, unit: Organization, user: Any = None
) -> ImportReport:
    """Import OPS responses for the families of `unit` (the owning unit of new families)."""
    paths = [str(p) for p in paths]
    publications, events = read_files(paths)
    report = ImportReport(files=[Path(p).name for p in paths])
    name = ", ".join(report.files)
    with (
        change_context(source="import", user=user, user_name="" if user else f"OPS import {name}"),
        transaction.atomic(),
    ):
        touched: dict[int, PatentApplication] = {}
        for record in publications:
            application = _apply_publication(record, unit, report)
            touched[application.pk] = application
        for event in events:
            application = _find_application(event.application.country, event.application.number)
            if application is None:
                continue
            _, created = LegalEvent.objects.get_or_create(
                application=application,
                code=event.code,
                date=event.date,
                country=event.country,
                description=event.description[:300],
                defaults={"source": "INPADOC"},
            )
            report.events += int(created)
        engine.sync(touched.values())
    return report


def _find_application(country: str, number: str) -> PatentApplication | None:
    return PatentApplication.objects.filter(
        office=country, application_number=f"{country}{number}"
    ).first()


def _apply_publication(
    record: PublicationRecord, unit: Organization, report: ImportReport
) -> PatentApplication:
    application_ref = record.application
    assert application_ref is not None
    family = None
    if record.family_id:
        family = PatentFamily.objects.filter(inpadoc_family_id=record.family_id).first()
    application = _find_application(application_ref.country, application_ref.number)
    if family is None and application is not None:
        family = application.family
        if record.family_id and not family.inpadoc_family_id:
            report.changed += int(_update(family, {"inpadoc_family_id": record.family_id}))
    if family is None:
        family = PatentFamily.objects.create(
            reference=f"EPO-{record.family_id or application_ref.number}",
            title=record.title("en")[:400],
            unit=unit,
            inpadoc_family_id=record.family_id or None,
        )
        report.families += 1
    publication = record.publication
    is_grant = publication.kind.startswith(GRANT_KINDS)
    values: dict[str, Any] = {"filing_date": application_ref.date}
    if is_grant:
        values |= {
            "grant_number": publication.number,
            "grant_kind": publication.kind,
            "grant_date": publication.date,
            "status": ApplicationStatus.GRANTED,
        }
    else:
        values |= {
            "publication_number": publication.number,
            "publication_kind": publication.kind,
            "publication_date": publication.date,
        }
    if application is None:
        if not is_grant:
            values["status"] = ApplicationStatus.PUBLISHED
        application = PatentApplication.objects.create(
            family=family,
            office=application_ref.country,
            route=_route(record),
            application_number=f"{application_ref.country}{application_ref.number}",
            title=record.title("en")[:400],
            **values,
        )
        report.applications += 1
    else:
        if not is_grant and application.status == ApplicationStatus.PENDING:
            values["status"] = ApplicationStatus.PUBLISHED
        report.changed += int(_update(application, values))
    _parties(application, record)
    _priorities(application, record)
    for scheme, codes in (("IPC", record.ipc), ("CPC", record.cpc)):
        for code in codes:
            Classification.objects.get_or_create(application=application, scheme=scheme, code=code)
    return application


def _parties(application: PatentApplication, record: PublicationRecord) -> None:
    if not application.owners.exists() and record.applicants:
        share = (Decimal(1) / len(record.applicants)).quantize(Decimal("0.0001"))
        shares = [share] * len(record.applicants)
        shares[0] += Decimal(1) - sum(shares)
        for party, part in zip(record.applicants, shares, strict=True):
            ApplicationOwner.objects.create(
                application=application,
                organization=_owner_for(party.name),
                name_as_published=party.name,
                share=part,
                sequence=party.sequence,
            )
    if not application.inventors.exists():
        for party in record.inventors:
            ApplicationInventor.objects.create(
                application=application, name_as_published=party.name, sequence=party.sequence
            )


def _priorities(application: PatentApplication, record: PublicationRecord) -> None:
    own = (application.office, application.filing_date)
    for sequence, claim in enumerate(record.priorities, start=1):
        if (claim.country, claim.date) == own:
            continue  # the application claims its own filing (an EP first filing)
        if application.priority_claims.filter(country=claim.country, date=claim.date).exists():
            continue  # the same priority in another number format
        ours = PatentApplication.objects.filter(
            office=claim.country, filing_date=claim.date
        ).first()
        PriorityClaim.objects.create(
            application=application,
            priority_application=ours,
            country=claim.country,
            number=claim.number,
            date=claim.date,
            sequence=sequence,
        )
