"""What a licensee owes for a year: marginal rates by tier on the year's net sales, topped up to the
annual minimum, with the arithmetic shown line by line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Line:
    text: str
    amount: Decimal


@dataclass(frozen=True)
class RoyaltyDue:
    royalties: Decimal
    top_up: Decimal
    lines: tuple[Line, ...]

    @property
    def total(self) -> Decimal:
        return self.royalties + self.top_up


def royalties_due(
    net_sales: Decimal,
    tiers: Sequence[tuple[Decimal, Decimal]],
    annual_minimum: Decimal = Decimal(0),
) -> RoyaltyDue:
    """`tiers`: (from amount, rate in %) — each rate applies to the part of the sales above its
    threshold and below the next one."""
    ordered = sorted(tiers)
    lines = []
    total = Decimal(0)
    for index, (start, rate) in enumerate(ordered):
        end = ordered[index + 1][0] if index + 1 < len(ordered) else None
        if net_sales <= start:
            break
        portion = (min(net_sales, end) if end is not None else net_sales) - start
        amount = (portion * rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)
        upper = f"{end:,.2f}" if end is not None else "∞"
        lines.append(Line(f"{rate}% × {portion:,.2f} (sales {start:,.2f} – {upper})", amount))
        total += amount
    top_up = max(annual_minimum - total, Decimal(0))
    if top_up:
        lines.append(Line(f"minimum {annual_minimum:,.2f} − royalties {total:,.2f}", top_up))
    return RoyaltyDue(total, top_up, tuple(lines))


def statement_due(statement) -> RoyaltyDue:
    agreement = statement.agreement
    licence = getattr(agreement, "licence", None)
    tiers = [(t.from_amount, t.rate) for t in agreement.royalty_tiers.all()]
    return royalties_due(
        statement.net_sales, tiers, licence.annual_minimum if licence else Decimal(0)
    )
