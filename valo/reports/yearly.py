"""The institution's yearly report: every figure of its press release, computed from the records of a
year (docs/reports.md gives each definition), by school, each with the records behind it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Min, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from valo.agreements.choices import AgreementKind, PaymentKind
from valo.agreements.models import Agreement, Payment
from valo.core.access import has_capability
from valo.core.changelog import latest_change
from valo.directory.choices import COMPANY_KINDS, SizeCategory
from valo.finance.remuneration import year_lines
from valo.inventions.choices import ProtectionRoute, ValorisationRoute
from valo.inventions.models import Decision, Invention, InventionUnit, KnowHow, SoftwareAsset
from valo.patents.choices import Office
from valo.patents.forecast import Forecast, forecast
from valo.patents.models import ApplicationOwner, Deadline, PatentApplication, PatentFamily
from valo.reports import public_record
from valo.reports.figures import Figure, Schools, Spec, choice_breakdown
from valo.ventures.models import Venture, VentureKind

# Contracts of research with a partner (recherche partenariale), as the Carnot figures count them.
PARTNERSHIP_KINDS = (AgreementKind.RESEARCH, AgreementKind.SERVICE, AgreementKind.CIFRE)
TRANSFER_KINDS = (AgreementKind.LICENCE, AgreementKind.OPTION, AgreementKind.ASSIGNMENT)


def _company_sizes(found: QuerySet) -> list[tuple[Any, Any]]:
    """Applications by the size class of their company co-owners (one per class it has)."""
    counted: dict[str, set[int]] = defaultdict(set)
    owners = ApplicationOwner.objects.filter(
        application__in=found, organization__kind__in=COMPANY_KINDS
    ).values_list("application_id", "organization__size_category")
    for application, size in owners:
        counted[size or ""].add(application)
    labels = dict(SizeCategory.choices)
    order = [*labels, ""]
    return [
        (labels.get(size, _("size not known")), len(counted[size]))
        for size in order
        if size in counted
    ]


def _partner_sizes(found: QuerySet) -> list[tuple[Any, Any]]:
    counted: dict[str, set[int]] = defaultdict(set)
    for pk, kind, size in found.values_list("pk", "partner__kind", "partner__size_category"):
        counted[partner_size(kind, size)].add(pk)
    labels = partner_sizes()
    return [(labels[key], len(counted[key])) for key in labels if key in counted]


def amounts_by(
    found: QuerySet, groups: tuple[str, ...], key: Callable[[list], str], labels: dict[str, Any]
) -> list[tuple[Any, Any]]:
    """({currency: total} per group) of the distinct records, grouped by `key` of their `groups`
    fields: groups named by their key first, then those of `labels`, in its order."""
    totals: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for row in {
        row[0]: row for row in found.values_list("pk", "amount", "currency", *groups)
    }.values():
        _pk, amount, currency, *values = row
        if amount is not None:
            totals[key(values)][currency or "EUR"] += amount
    order = sorted(k for k in totals if k not in labels) + [k for k in labels if k in totals]
    return [(labels.get(k, k), dict(totals[k])) for k in order]


def partner_size(kind: str | None, size: str | None) -> str:
    """A partner's size class (GE, ETI, PME), "public" for a partner that is not a company, "" for
    no partner or a company of unknown size."""
    if not kind:
        return ""
    return (size or "") if kind in COMPANY_KINDS else "public"


def partner_sizes() -> dict[str, Any]:
    return {**dict(SizeCategory.choices), "public": _("not a company"), "": _("no partner")}


def carnot_and_size(prefix: str = "") -> Callable[[QuerySet], list[tuple[Any, Any]]]:
    """Amounts by Carnot label, then by partner size, of agreements (or of records `prefix`__ them)."""

    def breakdown(found: QuerySet) -> list[tuple[Any, Any]]:
        by_carnot = amounts_by(
            found, (f"{prefix}carnot__name",), lambda v: v[0] or "", {"": _("no Carnot label")}
        )
        by_size = amounts_by(
            found,
            (f"{prefix}partner__kind", f"{prefix}partner__size_category"),
            lambda v: partner_size(*v),
            partner_sizes(),
        )
        return by_carnot + by_size

    return breakdown


def _incubated(found: QuerySet) -> list[tuple[Any, Any]]:
    incubated = found.filter(incubator__isnull=False).count()
    return [(_("incubated"), incubated), (_("not incubated"), found.count() - incubated)]


def _first_filed(year: int) -> Q:
    return Q(
        pk__in=PatentFamily.objects.annotate(first=Min("applications__filing_date"))
        .filter(first__year=year)
        .values("pk")
    )


def _payment_kinds(found: QuerySet) -> list[tuple[Any, Any]]:
    totals: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for kind, amount, currency in found.values_list("kind", "amount", "currency"):
        totals[kind][currency or "EUR"] += amount
    labels = dict(PaymentKind.choices)
    return [(labels.get(kind, kind), dict(totals[kind])) for kind in labels if kind in totals]


SECTIONS: list[tuple[Any, list[Spec]]] = [
    (
        _("Inventions"),
        [
            Spec(
                "declarations",
                _("Invention declarations received"),
                Invention,
                lambda y: Q(received_on__year=y),
                unit="units__organization",
                date="received_on",
            ),
            Spec(
                "decisions_protection",
                _("Decisions, by protection route"),
                Decision,
                lambda y: Q(decided_on__year=y),
                unit="invention__units__organization",
                date="decided_on",
                related=("invention",),
                breakdown=choice_breakdown("protection_route", ProtectionRoute),
            ),
            Spec(
                "decisions_valorisation",
                _("Decisions, by valorisation route"),
                Decision,
                lambda y: Q(decided_on__year=y),
                unit="invention__units__organization",
                date="decided_on",
                related=("invention",),
                breakdown=choice_breakdown("valorisation_route", ValorisationRoute),
            ),
            Spec(
                "software_deposits",
                _("Software deposits"),
                SoftwareAsset,
                lambda y: Q(deposit_date__year=y),
                unit="unit",
                date="deposit_date",
            ),
            Spec(
                "know_how",
                _("Know-how entries recorded"),
                KnowHow,
                lambda y: Q(recorded_on__year=y),
                unit="unit",
                date="recorded_on",
                note=_("counted among the entries you are named on"),
            ),
        ],
    ),
    (
        _("Patents"),
        [
            Spec(
                "new_families",
                _("New patent families (first filing in the year)"),
                PatentFamily,
                _first_filed,
                unit="unit",
                date="created",
            ),
            Spec(
                "applications_filed",
                _("Applications filed, by office"),
                PatentApplication,
                lambda y: Q(filing_date__year=y),
                unit="family__unit",
                date="filing_date",
                related=("family",),
                breakdown=choice_breakdown("office", Office),
            ),
            Spec(
                "joint_company_filings",
                _("Applications filed jointly with companies"),
                PatentApplication,
                lambda y: Q(filing_date__year=y, owners__organization__kind__in=COMPANY_KINDS),
                unit="family__unit",
                date="filing_date",
                related=("family",),
                breakdown=_company_sizes,
                note=_("co-owned with a company or a start-up; public co-owners are not counted"),
            ),
        ],
    ),
    (
        _("Contracts and transfer"),
        [
            Spec(
                "partnership_contracts",
                _("Partnership contracts signed, by partner size"),
                Agreement,
                lambda y: Q(kind__in=PARTNERSHIP_KINDS, signed_on__year=y),
                unit="unit",
                date="signed_on",
                breakdown=_partner_sizes,
            ),
            Spec(
                "partnership_amount",
                _("Amount of the partnership contracts signed, by Carnot label and partner size"),
                Agreement,
                lambda y: Q(kind__in=PARTNERSHIP_KINDS, signed_on__year=y),
                unit="unit",
                date="signed_on",
                amount="amount",
                breakdown=carnot_and_size(),
            ),
            Spec(
                "contracting_days",
                _("Median contracting time of those contracts (request to signature)"),
                Agreement,
                lambda y: Q(kind__in=PARTNERSHIP_KINDS, signed_on__year=y),
                unit="unit",
                date="signed_on",
                median_days=("requested_on", "signed_on"),
            ),
            Spec(
                "transfer_agreements",
                _("Licences, options and assignments signed"),
                Agreement,
                lambda y: Q(kind__in=TRANSFER_KINDS, signed_on__year=y),
                unit="unit",
                date="signed_on",
                breakdown=choice_breakdown("kind", AgreementKind),
            ),
            Spec(
                "ventures_created",
                _("Start-ups and spin-offs created"),
                Venture,
                lambda y: Q(created_on__year=y),
                unit="unit",
                date="created_on",
                related=("company",),
                breakdown=lambda found: (
                    choice_breakdown("kind", VentureKind)(found) + _incubated(found)
                ),
            ),
            Spec(
                "revenue",
                _("Revenue received, by source"),
                Payment,
                lambda y: Q(received_on__year=y),
                unit="agreement__unit",
                date="received_on",
                related=("agreement",),
                amount="amount",
                breakdown=_payment_kinds,
            ),
        ],
    ),
]
SPECS: dict[str, Spec] = {spec.code: spec for _title, specs in SECTIONS for spec in specs}


@dataclass
class YearlyReport:
    year: int
    institution: Any
    schools: Schools
    public_record: public_record.PublicRecord | None
    sections: list[tuple[Any, list[Figure]]] = field(default_factory=list)
    title: Any = ""
    survey: bool = False  # a survey's report: its own figures, no public record
    # year → (revenue received, patent costs paid) in EUR, over the five years to this one
    money_by_year: dict[int, tuple[Decimal, Decimal]] = field(default_factory=dict)
    # The renewal fees still due this year and in the next five, per school (the budget page's forecast), for who
    # may read the deadlines.
    renewal_budget: Forecast | None = None

    def figure(self, code: str) -> Figure:
        return next(f for _title, figures in self.sections for f in figures if f.code == code)


def yearly_report(
    year: int,
    user: Any = None,
    institution: Any = None,
    sections: list[tuple[Any, list[Spec]]] | None = None,
    title: Any = None,
) -> YearlyReport:
    """Every figure of `year` that `user` may see (all records when no user: a command). `sections`:
    a survey's figures instead of the yearly report's (then without the public record)."""
    schools = Schools()
    institution = institution or public_record.institution_of(user)
    record = public_record.figures(year, institution) if institution and sections is None else None
    report = YearlyReport(
        year,
        institution,
        schools,
        record,
        title=title or _("Yearly report"),
        survey=sections is not None,
    )
    for heading, specs in sections or SECTIONS:
        report.sections.append((heading, [spec.figure(user, year, schools) for spec in specs]))
    if sections is None:
        report.money_by_year = money_by_year(user, range(year - 4, year + 1))
        if user is None or has_capability(user, "patents.view_deadline"):
            report.renewal_budget = renewal_budget(user)
        paid = remuneration(user, year, schools)
        if paid is not None:
            report.sections[-1][1].append(paid)
    return report


def renewal_budget(user: Any) -> Forecast:
    """The budget page's forecast of the renewals `user` may see, cached for the day until the next
    change to any record."""
    today = timezone.localdate()
    key = f"valo-renewal-budget:{getattr(user, 'pk', '-')}:{today}:{latest_change()}"
    found = cache.get(key)
    if found is None:
        deadlines = Deadline.objects.restrict(user) if user is not None else Deadline.objects.all()
        found = forecast(deadlines, today)
        cache.set(key, found, 3600)
    return found


def remuneration(user: Any, year: int, schools: Schools) -> Figure | None:
    """The inventors' remuneration of the year (the payroll's lines: primes d'intéressement and au
    brevet, charges included), by the schools of each invention's units, listed on the payroll page;
    None for who may not read remuneration statements."""
    if user is not None and not has_capability(user, "finance.view_statements"):
        return None
    lines = year_lines(user, year)
    units: dict[int, set[int]] = defaultdict(set)
    for invention, unit in InventionUnit.objects.filter(
        invention__in={invention for invention, _amount in lines}
    ).values_list("invention_id", "organization_id"):
        if unit in schools.school_of:
            units[invention].add(schools.school_of[unit])
    by_school: dict[int, Decimal] = defaultdict(Decimal)
    for invention, amount in lines:
        for school in units[invention]:  # an invention of two schools counts in each
            by_school[school] += amount
    total = sum((amount for _invention, amount in lines), Decimal(0))
    return Figure(
        "remuneration",
        _("Inventors' remuneration for the year"),
        {"EUR": total} if lines else {},
        {school: {"EUR": amount} for school, amount in by_school.items()},
        unit="money",
        note=_("primes d'intéressement and au brevet, employer's charges included"),
        url=reverse("finance_statements") + f"?year={year}",
    )


def money_by_year(user: Any, years: range) -> dict[int, tuple[Decimal, Decimal]]:
    """Revenue received and patent costs paid each year (EUR), through the user's querysets."""
    from django.db.models import Sum
    from django.db.models.functions import ExtractYear

    from valo.patents.models import Cost

    def totals(model: Any, date: str) -> dict[int, Decimal]:
        manager = model.objects
        found = manager.restrict(user) if user is not None else manager.all()
        rows = (
            found.filter(**{f"{date}__year__gte": years.start, f"{date}__year__lt": years.stop})
            .filter(currency="EUR")
            .annotate(y=ExtractYear(date))
            .values("y")
            .annotate(total=Sum("amount"))
        )
        return {row["y"]: row["total"] for row in rows}

    revenue, costs = totals(Payment, "received_on"), totals(Cost, "date")
    return {y: (revenue.get(y, Decimal(0)), costs.get(y, Decimal(0))) for y in years}
