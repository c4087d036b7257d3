"""The home page's figures for each role, every figure a link to the list behind it, counted through
the same restricted querysets as that list (a researcher sees no portfolio money, an officer only
their schools)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from valo.agreements import followup
from valo.agreements.choices import ObligationState
from valo.agreements.models import Obligation
from valo.core.access import Role, get_access, has_capability
from valo.core.registry import Panel, Tile
from valo.directory.models import Person
from valo.finance.remuneration import year_lines, yearly_statement
from valo.inventions.choices import AssessmentStatus, InventionState
from valo.inventions.models import Assessment, Invention
from valo.patents.choices import CostKind, DeadlineState
from valo.patents.models import Cost, Deadline
from valo.reports import output, public_record
from valo.reports.figures import Schools
from valo.reports.yearly import SPECS, renewal_budget

# The director's key figures, this year against last.
KEY_FIGURES = (
    "declarations",
    "new_families",
    "joint_company_filings",
    "partnership_contracts",
    "transfer_agreements",
    "ventures_created",
)
DEADLINE_WINDOWS = (7, 30, 90)


def _url(name: str, **query: Any) -> str:
    return reverse(name) + (f"?{urlencode(query, doseq=True)}" if query else "")


def officer_panel(user: Any) -> Panel:
    today = timezone.localdate()
    deadlines = Deadline.objects.restrict(user).filter(state=DeadlineState.OPEN)
    board = "patents_deadline_list"
    tiles = []
    for days in DEADLINE_WINDOWS:
        window = deadlines.filter(due_date__lte=today + datetime.timedelta(days=days))
        tiles.append(
            Tile(
                _("deadlines due within %(days)s days") % {"days": days},
                window.count(),
                _url(board, state="open", within_days=days),
                warn=days == 7 and window.exists(),
                note=_("%(mine)s mine") % {"mine": window.filter(responsible=user).count()},
            )
        )
    unassigned = deadlines.filter(
        responsible__isnull=True, due_date__lte=today + datetime.timedelta(days=90)
    ).count()
    tiles.append(
        Tile(
            _("with nobody responsible (90 days)"),
            unassigned,
            _url(board, state="open", within_days=90, unassigned="true"),
            warn=unassigned > 0,
        )
    )
    actionable = Invention.objects.restrict(user, "change")
    queue = reverse("inventions_queue")
    tiles += [
        Tile(
            _("declarations to qualify"),
            actionable.filter(state=InventionState.DECLARED).count(),
            queue,
        ),
        Tile(
            _("meetings to hold"),
            Assessment.objects.restrict(user).filter(status=AssessmentStatus.SCHEDULED).count(),
            queue,
        ),
        Tile(
            _("decisions to apply"), actionable.filter(state=InventionState.DECIDED).count(), queue
        ),
    ]
    due = today + datetime.timedelta(days=30)
    obligations = Obligation.objects.restrict(user).filter(
        state=ObligationState.OPEN, due_date__lte=due
    )
    tiles.append(
        Tile(
            _("contract obligations due within 30 days"),
            obligations.count(),
            _url("agreements_obligation_list", state="open", due_before=due.isoformat()),
            warn=obligations.filter(due_date__lt=today).exists(),
        )
    )
    tiles += licensee_tiles(user, today)
    return Panel(_("Your work"), tiles)


def licensee_tiles(user: Any, today: datetime.date, *, statements: bool = True) -> list[Tile]:
    """Statements licensees owe (`statements`) and royalties unpaid past their due date (both on
    the board)."""
    board = (
        _url("patents_deadline_list", state="open")
        if has_capability(user, "patents.view_deadline")
        else ""
    )
    tiles = []
    if statements:
        owed = followup.statements_owed(user, today, today)
        tiles.append(Tile(_("licensee statements overdue"), len(owed), board, warn=bool(owed)))
    payments = followup.payments_owed(user, today)
    outstanding = sum(
        (p.outstanding for p in payments if p.statement.currency == "EUR"), Decimal(0)
    )
    tiles.append(
        Tile(
            _("royalty payments overdue"),
            len(payments),
            board,
            warn=bool(payments),
            note=_("%(amount)s outstanding") % {"amount": output.display({"EUR": outstanding})},
        )
    )
    return tiles


def researcher_panel(user: Any) -> Panel:
    mine = Invention.objects.restrict(user).filter(inventorships__person__user=user).distinct()
    counts: dict[str, int] = {}
    for state in mine.values_list("state", flat=True):
        counts[state] = counts.get(state, 0) + 1
    labels = dict(InventionState.choices)
    tiles = [
        Tile(labels[state], counts[state], reverse("inventions_mine"))
        for state in labels
        if state in counts
    ]
    person = Person.objects.filter(user=user).first()
    if person is not None and has_capability(user, "finance.view_own_statement"):
        year = timezone.localdate().year - 1
        mine_owed = sum((line.amount for line in yearly_statement(person, year)), Decimal(0))
        tiles.append(
            Tile(
                _("my remuneration for %(year)s") % {"year": year},
                output.display({"EUR": mine_owed}),
                _url("finance_my_statement", year=year),
            )
        )
    drafts = Invention.objects.restrict(user).filter(created_by=user, state=InventionState.DRAFT)
    if drafts.exists():
        tiles.append(
            Tile(_("drafts to submit"), drafts.count(), reverse("inventions_mine"), warn=True)
        )
    return Panel(_("My inventions"), tiles)


def committee_panel(user: Any) -> Panel:
    meetings = Assessment.objects.restrict(user).filter(status=AssessmentStatus.SCHEDULED)
    return Panel(
        _("Committee"),
        [Tile(_("meetings scheduled"), meetings.count(), reverse("inventions_queue"))],
    )


def _trend(this: Any, last: Any) -> str:
    if isinstance(this, dict) or isinstance(last, dict):
        this = (this or {}).get("EUR", Decimal(0))
        last = (last or {}).get("EUR", Decimal(0))
    if this is None or last is None or this == last:
        return "="
    return "↑" if this > last else "↓"


def director_panel(user: Any) -> Panel:
    year = timezone.localdate().year
    schools = Schools()
    tiles = []
    institution = public_record.institution_of(user)
    record = public_record.latest(institution) if institution else None
    if record is not None and record.publications is not None:
        tiles.append(
            Tile(
                _("rank in the palmarès %(year)s") % {"year": record.year},
                record.rank,
                _url("reports_yearly", year=record.year),
                note=_("%(n)s publications; %(rese)s among research bodies")
                % {"n": record.publications, "rese": record.rese_rank},
            )
        )
    for code in (*KEY_FIGURES, "revenue"):
        spec = SPECS[code]
        this = spec.figure(user, year, schools)
        last = spec.figure(user, year - 1, schools)
        tiles.append(
            Tile(
                spec.label,
                output.display(this.value, this.unit),
                reverse("reports_yearly_records", args=[code]) + f"?year={year}",
                note=_("%(year)s: %(value)s %(trend)s")
                % {
                    "year": year - 1,
                    "value": output.display(last.value, last.unit),
                    "trend": _trend(this.value, last.value),
                },
            )
        )
    return Panel(_("Key figures %(year)s") % {"year": year}, tiles)


def finance_panel(user: Any) -> Panel:
    year = timezone.localdate().year
    schools = Schools()
    spec = SPECS["revenue"]
    this, last = spec.figure(user, year, schools), spec.figure(user, year - 1, schools)
    tiles = [
        Tile(
            _("revenue received in %(year)s") % {"year": year},
            output.display(this.value, "money"),
            reverse("reports_yearly_records", args=["revenue"]) + f"?year={year}",
            note=_("%(year)s: %(value)s") % {"year": year - 1, "value": output.display(last.value)},
        )
    ]
    tiles += [Tile(label, output.display(value), "") for label, value in this.breakdown]
    tiles += licensee_tiles(user, timezone.localdate(), statements=False)
    owed = remuneration_to_pay(user, year - 1)
    tiles.append(
        Tile(
            _("inventors' remuneration for %(year)s to pay") % {"year": year - 1},
            output.display({"EUR": owed}),
            _url("finance_statements", year=year - 1),
        )
    )
    # The renewal budget against what was paid: official fees recorded this year, and the renewals
    # still due this year at the official rates (the budget page's first column).
    if has_capability(user, "patents.view_deadline"):
        paid = Cost.objects.restrict(user).filter(
            kind=CostKind.OFFICIAL_FEE, date__year=year, currency="EUR"
        ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
        still = renewal_budget(user).total(year)  # the report's forecast, cached
        tiles.append(
            Tile(
                _("official fees paid in %(year)s") % {"year": year},
                output.display({"EUR": paid}),
                reverse("patents_budget"),
                note=_("renewals still due this year: %(amount)s; budget %(budget)s")
                % {
                    "amount": output.display({"EUR": still}),
                    "budget": output.display({"EUR": paid + still}),
                },
            )
        )
    return Panel(_("Revenue"), tiles)


def remuneration_to_pay(user: Any, year: int) -> Decimal:
    """The inventors' remuneration for `year`, paid the year after (the payroll export's total)."""
    return sum((amount for _invention, amount in year_lines(user, year)), Decimal(0))


def panels(user: Any) -> list[Panel]:
    """Each role's panel, for the roles the user holds (an administrator sees the office's)."""
    access = get_access(user)
    found = []
    if access.has_role(Role.DIRECTOR):
        found.append(director_panel(user))
    if access.has_role(Role.OFFICER):
        found.append(officer_panel(user))
    if access.has_role(Role.FINANCE) and not access.is_admin:
        found.append(finance_panel(user))
    if access.has_role(Role.COMMITTEE) and not access.is_admin:
        found.append(committee_panel(user))
    if Role.RESEARCHER in access.scopes:
        found.append(researcher_panel(user))
    return found
