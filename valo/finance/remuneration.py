"""The inventors' remuneration under CPI R611-14-1, per invention and year.

Prime d'intéressement (II): base = revenue received in the year, excluding tax − direct costs of the
year − costs carried forward from years whose revenue did not cover them; a negative result is carried
forward and the base is 0. Each inventor's base is the base × their contribution coefficient; the bonus is
50 % of it up to the ceiling P and 25 % above (reading A), or 50 % until the bonus itself reaches P —
the base reaches 2P — and 25 % above (reading B): `VALO_PRIME_CEILING_READING`. P is a dated parameter.

Prime au brevet (III): a flat amount (dated parameter) × coefficient, 20 % when the first filing is a
year old (a dated parameter, the trigger the sources disagree on) and 80 % when a licence or an
assignment is signed. The first filing is the institution's first filing of the invention, whatever
its office or route (an EP-direct first filing, a US provisional).

Only exploitation income counts (licence, option and assignment fees, royalties, milestones, sub-licence
shares, equity sold: EXPLOITATION_PAYMENTS); a research contract's funding does not. A co-owned result
is cut once (reference §2.2): its revenue counts for the institution's share, and the institution's own
agents share that part, their coefficients among themselves summing to 1. Its patent costs are
deducted at the institution's share too, unless the co-ownership agreement says the institution bears
them all.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q

from valo.agreements.choices import EXPLOITATION_PAYMENTS, AgreementKind
from valo.agreements.models import Agreement, Payment
from valo.core.models import Parameter
from valo.directory.choices import INTERNAL_KINDS
from valo.inventions.models import Invention, Inventorship
from valo.patents.dates import add_months
from valo.patents.models import Cost, PatentApplication

CENT = Decimal("0.01")
CEILING = "finance-prime-ceiling"
BREVET_AMOUNT = "finance-prime-brevet"
BREVET_FIRST_SHARE = "finance-prime-brevet-first-share"
BREVET_FIRST_DELAY = "finance-prime-brevet-first-delay"


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def bonus(base: Decimal, ceiling: Decimal, reading: str) -> Decimal:
    """50 % up to the threshold, 25 % above; the threshold is P (reading A) or 2P (reading B)."""
    threshold = ceiling if reading == "base" else 2 * ceiling
    return money(
        Decimal("0.5") * min(base, threshold) + Decimal("0.25") * max(base - threshold, Decimal(0))
    )


def covered_inventions(agreement: Agreement) -> set[int]:
    """The inventions an agreement covers: linked directly, or through a licensed patent family."""
    direct = agreement.invention_links.values_list("invention", flat=True)
    through = agreement.family_links.exclude(family__invention=None)
    return {*direct, *through.values_list("family__invention", flat=True)}


@dataclass(frozen=True)
class RevenueLine:
    """One payment as it enters the base: received, divided among the inventions the agreement
    covers, times the institution's share; `counted` is zero for what is not exploitation income."""

    payment: Payment
    covered: int
    share: Decimal
    counted: Decimal

    @property
    def excluded(self) -> bool:
        return self.payment.kind not in EXPLOITATION_PAYMENTS


def linked_agreements(invention: Invention) -> Any:
    return Agreement.objects.filter(
        Q(invention_links__invention=invention) | Q(family_links__family__invention=invention)
    ).distinct()


def revenue_lines(invention: Invention) -> list[RevenueLine]:
    """Every EUR payment of the agreements linked to the invention, and what each counts for."""
    lines = []
    for agreement in linked_agreements(invention):
        covered = len(covered_inventions(agreement))
        for payment in Payment.objects.filter(agreement=agreement, currency="EUR").order_by(
            "received_on", "id"
        ):
            counted = (
                payment.amount * agreement.revenue_share / covered
                if payment.kind in EXPLOITATION_PAYMENTS
                else Decimal(0)
            )
            lines.append(RevenueLine(payment, covered, agreement.revenue_share, counted))
    return lines


def revenue_by_year(invention: Invention) -> dict[int, Decimal]:
    """Exploitation income received (EUR, excluding tax) for the invention: an agreement's payments
    shared equally among the inventions it covers, and counted for the institution's share of
    co-owned results."""
    found: dict[int, Decimal] = defaultdict(Decimal)
    for line in revenue_lines(invention):
        if not line.excluded:
            found[line.payment.received_on.year] += line.counted
    return found


def co_ownership_agreement(invention: Invention) -> Agreement | None:
    """The latest co-ownership agreement (règlement de copropriété) linked to the invention."""
    return (
        linked_agreements(invention)
        .filter(kind=AgreementKind.CO_OWNERSHIP)
        .order_by("-signed_on", "-pk")
        .first()
    )


def cost_share(agreement: Agreement | None, application: PatentApplication) -> Decimal:
    """The part of a co-owned family's patent costs the institution deducts: its share under the
    co-ownership agreement (all of it when the agreement says it bears them), else its owners' share
    of the application; 1 when nothing says the result is co-owned."""
    if agreement is not None:
        if agreement.institution_bears_costs:
            return Decimal(1)
        if agreement.institution_share is not None:
            return agreement.institution_share
    owners = list(application.owners.select_related("organization"))
    internal = [o.share for o in owners if o.organization and o.organization.is_internal]
    return sum(internal, Decimal(0)) if internal else Decimal(1)


def costs_by_year(invention: Invention) -> dict[int, Decimal]:
    """Direct costs (EUR): the patent costs of its families at the institution's share, and the other
    direct costs it recorded (its own, in full)."""
    from valo.finance.models import DirectCost

    found: dict[int, Decimal] = defaultdict(Decimal)
    agreement = co_ownership_agreement(invention)
    shares: dict[int, Decimal] = {}  # application id → the institution's share of its costs
    for cost in Cost.objects.filter(
        application__family__invention=invention, currency="EUR"
    ).select_related("application"):
        if cost.application_id not in shares:
            shares[cost.application_id] = cost_share(agreement, cost.application)
        found[cost.date.year] += cost.amount * shares[cost.application_id]
    for cost in DirectCost.objects.filter(invention=invention):
        found[cost.date.year] += cost.amount
    return found


@dataclass
class InteressementYear:
    year: int
    revenue: Decimal
    costs: Decimal
    carried_in: Decimal
    base: Decimal
    carried_out: Decimal
    ceiling: Decimal
    inventors: list[tuple[Inventorship, Decimal, Decimal]] = field(
        default_factory=list
    )  # (who, base, bonus)
    coefficients: dict[int, Decimal] = field(default_factory=dict)  # inventorship id → coefficient
    reading: str = "base"
    sources: list[RevenueLine] = field(default_factory=list)  # the year's payments, as counted

    @property
    def threshold(self) -> Decimal:
        """The base above which the rate falls to 25 %: P (reading A) or 2P (reading B)."""
        return self.ceiling if self.reading == "base" else 2 * self.ceiling


def interessement(
    invention: Invention,
    year: int,
    *,
    revenue: dict[int, Decimal] | None = None,
    costs: dict[int, Decimal] | None = None,
    reading: str | None = None,
) -> InteressementYear:
    """The year's base and each inventor's prime d'intéressement, the carry-forward computed from the
    first year with revenue or costs."""
    revenue = revenue_by_year(invention) if revenue is None else revenue
    costs = costs_by_year(invention) if costs is None else costs
    reading = reading or settings.VALO_PRIME_CEILING_READING
    carried = Decimal(0)
    first = min([*revenue, *costs, year])
    for current in range(first, year + 1):
        net = revenue.get(current, Decimal(0)) - costs.get(current, Decimal(0)) - carried
        carried_in = carried
        base, carried = (net, Decimal(0)) if net > 0 else (Decimal(0), -net)
    ceiling = Parameter.in_force(CEILING, datetime.date(year, 12, 31)).value
    result = InteressementYear(
        year,
        money(revenue.get(year, Decimal(0))),
        money(costs.get(year, Decimal(0))),
        money(carried_in),
        money(base),
        money(carried),
        ceiling,
        reading=reading,
    )
    for inventor, coefficient in internal_coefficients(invention):
        share = money(base * coefficient)
        result.coefficients[inventor.pk] = coefficient
        result.inventors.append((inventor, share, bonus(share, ceiling, reading)))
    return result


def internal_coefficients(invention: Invention) -> list[tuple[Inventorship, Decimal]]:
    """Each of the institution's agents with their coefficient among the institution's own inventors
    (their contributions divided by the sum of those of the agents: together they make 1). The base
    is already the institution's share of the revenue: a partner's inventors take nothing from it."""
    agents = eligible(invention)
    total = sum((i.share for i in agents), Decimal(0))
    if not total:
        return []
    return [(i, i.share / total) for i in agents]


def eligible(invention: Invention) -> list[Inventorship]:
    """The institution's agents among the inventors (their employer is one of its units)."""
    return [
        i
        for i in invention.inventorships.select_related("person", "employer")
        if i.person_id and i.employer is not None and i.employer.kind in INTERNAL_KINDS
    ]


@dataclass(frozen=True)
class Instalment:
    inventor: Inventorship
    label: str
    due_on: datetime.date
    amount: Decimal


def prime_au_brevet(invention: Invention) -> list[Instalment]:
    """The two instalments of each eligible inventor whose trigger has happened."""
    first_filing = (
        PatentApplication.objects.filter(family__invention=invention, filing_date__isnull=False)
        .order_by("filing_date")
        .values_list("filing_date", flat=True)
        .first()
    )
    if first_filing is None:
        return []
    flat = Parameter.in_force(BREVET_AMOUNT, first_filing).value
    first_share = Parameter.in_force(BREVET_FIRST_SHARE, first_filing).value / 100
    delay = Parameter.in_force(BREVET_FIRST_DELAY, first_filing).months
    signed = (
        Agreement.objects.filter(
            Q(invention_links__invention=invention) | Q(family_links__family__invention=invention),
            kind__in=[AgreementKind.LICENCE, AgreementKind.ASSIGNMENT],
            signed_on__isnull=False,
        )
        .order_by("signed_on")
        .values_list("signed_on", flat=True)
        .first()
    )
    found = []
    # Each agent's coefficient over all the inventors (the contributions' rounding residue, as in
    # three thirds stored 0.3333, spread back: 1/3 × 3 000 × 20 % = 200).
    total = invention.share_total() or Decimal(1)
    for inventor in eligible(invention):
        coefficient = inventor.share / total
        found.append(
            Instalment(
                inventor,
                "prime au brevet 1/2",
                add_months(first_filing, delay),
                money(flat * first_share * coefficient),
            )
        )
        if signed:
            found.append(
                Instalment(
                    inventor,
                    "prime au brevet 2/2",
                    signed,
                    money(flat * (1 - first_share) * coefficient),
                )
            )
    return found


@dataclass
class StatementLine:
    invention: Invention
    kind: str
    base: Decimal
    amount: Decimal
    detail: Any = None
    coefficient: Decimal | None = None


InventionYear = tuple[InteressementYear | None, list[Instalment]]


def invention_year(invention: Invention, year: int) -> InventionYear:
    """The invention's prime d'intéressement for the year (None when it has earned nothing yet: no
    bonus is possible) and its prime au brevet instalments."""
    lines = revenue_lines(invention)
    revenue: dict[int, Decimal] = defaultdict(Decimal)
    for line in lines:
        if not line.excluded:
            revenue[line.payment.received_on.year] += line.counted
    earned = any(amount for when, amount in revenue.items() if when <= year)
    result = interessement(invention, year, revenue=revenue) if earned else None
    if result is not None:
        result.sources = [line for line in lines if line.payment.received_on.year == year]
    return result, prime_au_brevet(invention)


def yearly_statement(
    person: Any, year: int, memo: dict[int, InventionYear] | None = None
) -> list[StatementLine]:
    """What a person is owed for a year, invention by invention. `memo` (invention id → its year)
    lets a payroll compute each invention once for all its inventors."""
    memo = {} if memo is None else memo
    lines = []
    for inventor in Inventorship.objects.filter(person=person).select_related("invention"):
        invention = inventor.invention
        if invention.pk not in memo:
            memo[invention.pk] = invention_year(invention, year)
        year_result, instalments = memo[invention.pk]
        for who, base, amount in year_result.inventors if year_result else []:
            if who.pk == inventor.pk and amount:
                lines.append(
                    StatementLine(
                        invention,
                        "prime d'intéressement",
                        base,
                        amount,
                        year_result,
                        year_result.coefficients[who.pk],
                    )
                )
        for instalment in instalments:
            if instalment.inventor.pk == inventor.pk and instalment.due_on.year == year:
                lines.append(
                    StatementLine(invention, instalment.label, Decimal(0), instalment.amount)
                )
    return lines


def payroll(people: Iterable[Any], year: int) -> list[tuple[Any, list[StatementLine]]]:
    """Every person's statement for the year, each invention computed once."""
    memo: dict[int, InventionYear] = {}
    return [(person, yearly_statement(person, year, memo)) for person in people]


# How long a year's remuneration lines stay cached (the key names the last change to any record).
LINES_CACHE_SECONDS = 3600


def year_lines(user: Any, year: int) -> list[tuple[int, Decimal]]:
    """(invention id, amount) of every remuneration line of `year` (primes d'intéressement and au
    brevet, charges included) of the inventors `user` may see (everyone's for a command: no user),
    the payroll's lines; cached until the next change to any record."""
    from django.core.cache import cache

    from valo.core.changelog import latest_change
    from valo.directory.models import Person

    key = f"valo-remuneration-lines:{getattr(user, 'pk', '-')}:{year}:{latest_change()}"
    found = cache.get(key)
    if found is None:
        people = Person.objects.restrict(user) if user is not None else Person.objects.all()
        people = people.filter(pk__in=Inventorship.objects.values("person"))
        found = [
            (line.invention.pk, line.amount)
            for _person, lines in payroll(people, year)
            for line in lines
            if line.amount
        ]
        cache.set(key, found, LINES_CACHE_SECONDS)
    return found
