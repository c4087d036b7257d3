"""Numbers as the active language writes them: money with two decimals, grouped, and its currency
("250,000.00 EUR", "250 000,00 EUR" in French). The one formatting of amounts for pages, reports
and the `money` template filter."""

from __future__ import annotations

from typing import Any

from django.utils import formats


def money(amount: Any, currency: str = "") -> str:
    """An amount with two decimals, grouped as the active language groups them, and its currency;
    "—" for no amount."""
    if amount is None or amount == "":
        return "—"
    text = formats.number_format(amount, 2, use_l10n=True, force_grouping=True)
    return f"{text} {currency}".strip()
