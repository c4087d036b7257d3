"""The surveys the office answers every year, as reports built of the same figures as the yearly
report (valo.reports.figures). Their definitions are in docs/reports.md; those the reference does not
give are marked there "to confirm"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from valo.agreements.choices import EXPLOITATION_PAYMENTS, AgreementKind, PaymentKind
from valo.agreements.models import Agreement, Payment
from valo.patents.choices import Office
from valo.patents.models import PatentApplication
from valo.reports.figures import Spec, choice_breakdown
from valo.reports.yearly import PARTNERSHIP_KINDS, SPECS, _payment_kinds, carnot_and_size
from valo.ventures.models import Venture, VentureKind


@dataclass(frozen=True)
class Survey:
    code: str
    title: Any
    sections: list[tuple[Any, list[Spec]]]


AUTM = Survey(
    "autm",
    _("AUTM Licensing Activity Survey: headline metrics"),
    [
        (
            _("Headline metrics"),
            [
                SPECS["declarations"],
                SPECS["applications_filed"],
                Spec(
                    "autm_issued",
                    _("Patents issued (granted in the year), by office"),
                    PatentApplication,
                    lambda y: Q(grant_date__year=y),
                    unit="family__unit",
                    date="grant_date",
                    related=("family",),
                    breakdown=choice_breakdown("office", Office),
                ),
                Spec(
                    "autm_licences",
                    _("Licences and options executed"),
                    Agreement,
                    lambda y: Q(
                        kind__in=(AgreementKind.LICENCE, AgreementKind.OPTION), signed_on__year=y
                    ),
                    unit="unit",
                    date="signed_on",
                    breakdown=choice_breakdown("kind", AgreementKind),
                ),
                Spec(
                    "autm_startups",
                    _("Start-ups formed (spin-offs and incubated start-ups)"),
                    Venture,
                    lambda y: Q(
                        kind__in=(VentureKind.SPIN_OFF, VentureKind.INCUBATED), created_on__year=y
                    ),
                    unit="unit",
                    date="created_on",
                    related=("company",),
                    breakdown=choice_breakdown("kind", VentureKind),
                ),
                Spec(
                    "autm_income",
                    _("Licence income received (exploitation income)"),
                    Payment,
                    lambda y: Q(kind__in=EXPLOITATION_PAYMENTS, received_on__year=y),
                    unit="agreement__unit",
                    date="received_on",
                    amount="amount",
                    related=("agreement",),
                    breakdown=_payment_kinds,
                ),
            ],
        )
    ],
)

CARNOT = Survey(
    "carnot",
    _("Carnot label: yearly activity figures"),
    [
        (
            _("Partnership research"),
            [
                Spec(
                    "carnot_revenue",
                    _("Partnership research revenue received, by Carnot label and partner size"),
                    Payment,
                    lambda y: Q(
                        kind=PaymentKind.CONTRACT,
                        agreement__kind__in=PARTNERSHIP_KINDS,
                        received_on__year=y,
                    ),
                    unit="agreement__unit",
                    date="received_on",
                    amount="amount",
                    related=("agreement",),
                    breakdown=carnot_and_size("agreement__"),
                ),
                SPECS["partnership_contracts"],
                SPECS["partnership_amount"],
            ],
        )
    ],
)

SURVEYS = {survey.code: survey for survey in (AUTM, CARNOT)}
# Every figure a drill-down can open, by its code.
ALL_SPECS = {
    **SPECS,
    **{spec.code: spec for s in SURVEYS.values() for _t, specs in s.sections for spec in specs},
}
