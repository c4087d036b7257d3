"""The inventor's yearly remuneration statement as a letter (valo.documents.letters): what they are
owed for a year, invention by invention (prime d'intéressement and prime au brevet, CPI R611-14-1)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from valo.core.formats import money
from valo.documents.letters import LetterKind

LETTERS = (
    LetterKind(
        "finance.remuneration_statement",
        gettext_lazy("Yearly remuneration statement"),
        "directory.Person",
        (
            ("name", gettext_lazy("the inventor's name")),
            ("employee_number", gettext_lazy("their employee number")),
            ("year", gettext_lazy("the year of the statement")),
            (
                "lines",
                gettext_lazy("each line: invention, kind, base, amount (EUR, charges included)"),
            ),
            ("total", gettext_lazy("the year's total")),
        ),
        "valo.finance.letters.statement_context",
        "valo.finance.letters.statement_text",
        options=("year",),
        capability="finance.view_statements",
        after="valo.finance.letters.statement_ready",
    ),
)


def statement_ready(person: Any, documents: Any, user: Any, year: int | None = None) -> None:
    """Tell the inventor their statement is written (the event `finance.statement_ready`)."""
    from django.urls import reverse

    from valo.correspondence.events import Message, emit

    year = year or timezone.localdate().year - 1
    if person.user_id is None:
        return
    emit(
        "finance.statement_ready",
        Message(
            gettext_lazy("Your remuneration statement for %(year)s"),
            gettext_lazy(
                "Your statement of what the institution owes you for %(year)s as an inventor is "
                "ready (%(numbers)s)."
            ),
            params={"year": year, "numbers": ", ".join(d.number for d in documents)},
            url=reverse("finance_statement", args=[person.pk]) + f"?year={year}",
        ),
        [person.user],
        actor=user,
    )


def statement_context(person: Any, year: int | None = None) -> dict[str, Any]:
    from valo.finance.remuneration import yearly_statement

    year = year or timezone.localdate().year - 1
    lines = yearly_statement(person, year)
    total = sum((line.amount for line in lines), Decimal(0))
    return {
        "name": str(person),
        "employee_number": person.employee_number,
        "year": year,
        "lines": [
            {
                "invention": str(line.invention),
                "kind": line.kind,
                "base": money(line.base, "EUR") if line.base else "",
                "amount": money(line.amount, "EUR"),
            }
            for line in lines
        ],
        "total": money(total, "EUR"),
    }


def statement_text() -> tuple[str, list[str]]:
    return (
        _("Remuneration statement {{ year }}: {{ name }}"),
        [
            _("Employee number: {{ employee_number }}"),
            _(
                "What the institution owes you for {{ year }} as an inventor (CPI R611-14-1), "
                "charges included:"
            ),
            "{%p for line in lines %}",
            "– {{ line.invention }}: {{ line.kind }} — {{ line.amount }}",
            "{%p endfor %}",
            _("Total: {{ total }}"),
            _("The technology-transfer office"),
        ],
    )
