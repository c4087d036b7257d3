"""The demo's public record: the generated 2020 INPI year, imported into the analytic store, with the
institution's 2020 publications taken from the demo portfolio (same numbers, schools and partners)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from valo.directory.choices import OrganizationKind
from valo.officedata.store import AnalyticStore, store_changed
from valo.patents.models import PatentApplication
from valo.rankings import corpus


def _school(unit):
    node = unit
    while node is not None and node.kind not in (
        OrganizationKind.SCHOOL,
        OrganizationKind.SUBSIDIARY_SCHOOL,
    ):
        node = node.parent
    return node.name if node is not None else ""


def institution_documents() -> list[dict]:
    found = []
    applications = PatentApplication.objects.filter(
        office="FR", publication_date__year=corpus.YEAR
    ).select_related("family__unit__parent__parent")
    for application in applications.prefetch_related("owners__organization"):
        partner = next(
            (
                o.organization
                for o in application.owners.all()
                if o.organization and o.organization.kind in ("company", "startup")
            ),
            None,
        )
        found.append(
            {
                "number": application.publication_number,
                "application": application.application_number.removeprefix("FR"),
                "filed": application.filing_date,
                "published": application.publication_date,
                "school": _school(application.family.unit),
                "partner": partner.name if partner else "",
                "partner_siren": partner.siren if partner else "",
                "partner_category": partner.size_category if partner else "",
            }
        )
    return found


def load_demo() -> list[str]:
    store = AnalyticStore()
    if store.manifest():
        return []
    corpus.directory()
    out = Path(settings.VAR_DIR) / "officedata" / f"corpus-{corpus.YEAR}"
    corpus.build(out, institution_documents=institution_documents() or None)
    files = sorted(out.glob("FR_FRNEWST36_*.zip")) + sorted(out.glob("FR_FRAMDST36_*.zip"))
    for path in files:
        store.import_file(path)
    store_changed.send(sender=AnalyticStore, store=store)
    return [
        f"Public record: {len(files)} INPI weekly files of {corpus.YEAR} in the analytic store ({out})."
    ]
