"""Counting methodologies as named, documented objects (reference/palmares.md §1–2)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Methodology:
    code: str
    label: str
    description: str
    offices: tuple[str, ...] = ("FR",)  # empty: any office
    kinds: tuple[str, ...] = ("A1",)  # empty: any kind
    year_of: str = "publication"  # or "filing"
    fractional: bool = False
    first_filings_only: bool = False
    consolidate: bool = True


METHODS = {
    m.code: m
    for m in [
        Methodology(
            "inpi-2022",
            _("INPI palmarès (editions up to 2022)"),
            _(
                "French national applications published in year N, one full unit per co-applicant, "
                "groups consolidated; utility certificates left out (INPI does not say)."
            ),
        ),
        Methodology(
            "inpi-2022-cu",
            _("INPI palmarès up to 2022, with utility certificates"),
            _("As INPI up to 2022, utility certificates (A3) counted too."),
            kinds=("A1", "A3"),
        ),
        Methodology(
            "inpi-2023",
            _("INPI palmarès (from 2023)"),
            _(
                "French national applications filed in year N (known once published), one full unit per "
                "co-applicant, groups consolidated."
            ),
            year_of="filing",
        ),
        Methodology(
            "fractional",
            _("Fractional counting"),
            _("As INPI up to 2022, each application shared equally between its applicants."),
            fractional=True,
        ),
        Methodology(
            "first-filings",
            _("First filings only"),
            _("As INPI up to 2022, applications claiming no priority only."),
            first_filings_only=True,
        ),
        Methodology(
            "all",
            _("Every publication in the store"),
            _(
                "Every document published in year N, any office and kind, one full unit per applicant, "
                "no consolidation (rank a Lens or OPS extract as it is)."
            ),
            offices=(),
            kinds=(),
            consolidate=False,
        ),
    ]
}
