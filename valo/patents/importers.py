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


# --- a portfolio from a list of numbers --------------------------------------------------------


@dataclass
class PortfolioReport:
    """What a portfolio import did, family by family, and what it leaves for a person to review."""

    created: list[PatentFamily] = field(default_factory=list)
    updated: list[PatentFamily] = field(default_factory=list)
    unchanged: list[PatentFamily] = field(default_factory=list)
    # (number, why): numbers the offices did not answer for.
    not_found: list[tuple[str, str]] = field(default_factory=list)
    # (family, applicant as published): applicants the directory does not know.
    unknown_applicants: list[tuple[PatentFamily, str]] = field(default_factory=list)
    # (family, other family): one office family that valo holds as two.
    split: list[tuple[PatentFamily, PatentFamily]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def to_review(self) -> int:
        return len(self.not_found) + len(self.unknown_applicants) + len(self.split)


def import_portfolio(
    numbers: Iterable[str], *, unit: Organization, directory: Path, user: Any = None
) -> PortfolioReport:
    """Fetch each number's INPADOC family from EPO OPS (publications or applications, saved under
    `directory`) and bring them in as `import_ops` does: families and applications matched to what
    valo holds, created or completed. A number the office does not know is left for review, not a
    reason to drop the others; so are applicants the directory does not know and an office family
    that valo holds as two of its own."""
    from valo.officedata import ops_client

    report = PortfolioReport()
    ops = ops_client.client()
    paths: list[Path] = []
    for number in dict.fromkeys(n.strip() for n in numbers if n.strip()):
        try:
            paths += ops_client.fetch_family(ops, number, directory)
        except (ops_client.OpsError, ValueError) as error:
            report.not_found.append((number, str(error)))
    if not paths:
        return report
    before = {
        pk: stamp for pk, stamp in PatentApplication.objects.values_list("pk", "last_updated")
    }
    families_before = set(PatentFamily.objects.values_list("pk", flat=True))
    publications, _events = read_files(paths)
    imported = import_ops(paths, unit=unit, user=user)
    report.files = imported.files
    numbers_seen = {
        (r.application.country, f"{r.application.country}{r.application.number}")
        for r in publications
        if r.application is not None
    }
    touched = list(
        PatentApplication.objects.filter(
            office__in={country for country, _n in numbers_seen},
            application_number__in={number for _c, number in numbers_seen},
        ).select_related("family")
    )
    by_family: dict[int, list[PatentApplication]] = {}
    for application in touched:
        by_family.setdefault(application.family_id, []).append(application)
    for pk, applications in by_family.items():
        family = applications[0].family
        if pk not in families_before:
            report.created.append(family)
        elif any(a.pk not in before or before[a.pk] != a.last_updated for a in applications):
            report.updated.append(family)
        else:
            report.unchanged.append(family)
        for owner in ApplicationOwner.objects.filter(
            application__in=applications, organization=None
        ).order_by("sequence"):
            pair = (family, owner.name_as_published)
            if pair not in report.unknown_applicants:
                report.unknown_applicants.append(pair)
    # One INPADOC family held as several of valo's: the import matched them by application.
    by_office_family: dict[str, set[int]] = {}
    for record in publications:
        if record.family_id and record.application is not None:
            for application in touched:
                if application.application_number == (
                    f"{record.application.country}{record.application.number}"
                ):
                    by_office_family.setdefault(record.family_id, set()).add(application.family_id)
    families = {f.pk: f for f in PatentFamily.objects.filter(pk__in=by_family)}
    for held in by_office_family.values():
        if len(held) > 1:
            first, *others = sorted(held)
            report.split += [(families[first], families[other]) for other in others]
    return report


def report_lines(report: PortfolioReport) -> list[str]:
    """The report as text (the command's output; the page shows the same)."""
    lines = [
        f"{len(report.created)} families created, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged; {report.to_review} left for review."
    ]
    lines += [f"  created: {family.reference} {family.title}" for family in report.created]
    lines += [f"  updated: {family.reference} {family.title}" for family in report.updated]
    lines += [f"  review: {number}: {why}" for number, why in report.not_found]
    lines += [
        f"  review: {family.reference}: applicant {name!r} is not in the directory"
        for family, name in report.unknown_applicants
    ]
    lines += [
        f"  review: {first.reference} and {other.reference} are one office family"
        for first, other in report.split
    ]
    return lines
