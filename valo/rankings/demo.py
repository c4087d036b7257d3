"""The demo's public record: the generated 2020 INPI year (the published palmarès) and invented years
around it (2016–2022, smaller), imported into the analytic store, with the institution's publications
of each year taken from the demo portfolio (same numbers, schools and partners)."""

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


# The years of the demo's public record, and the size of an invented year against 2020's.
YEARS = range(2016, 2023)
INVENTED_SCALE = 0.2


def institution_documents(year: int = corpus.YEAR) -> list[dict]:
    found = []
    applications = PatentApplication.objects.filter(
        office="FR", publication_date__year=year
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
    # The portfolio's own numbers (3 000 000 + 7 × id) are never given to a generated document.
    reserved = frozenset(
        PatentApplication.objects.filter(office="FR")
        .exclude(publication_number="")
        .values_list("publication_number", flat=True)
    )
    files: list[Path] = []
    for year in YEARS:
        out = Path(settings.VAR_DIR) / "officedata" / f"corpus-{year}"
        corpus.build(
            out,
            # 2020 without a portfolio (the rankings' own tests) falls back to the published 33.
            institution_documents=institution_documents(year) or None,
            year=year,
            scale=1.0 if year == corpus.YEAR else INVENTED_SCALE,
            reserved=reserved,
        )
        files += sorted(out.glob("FR_FRNEWST36_*.zip")) + sorted(out.glob("FR_FRAMDST36_*.zip"))
    for _path, result in store.import_files(files):
        if isinstance(result, Exception):
            raise result
    store.compact()  # one batch instead of one per file: every ranking reads one set of tables
    store_changed.send(sender=AnalyticStore, store=store)
    return [
        f"Public record: {len(files)} INPI files of {YEARS.start}–{YEARS.stop - 1} in the "
        f"analytic store ({corpus.YEAR} as published, the other years invented)."
    ]
