"""Document lines and totals. Each line rounds its own net and VAT to cents; totals are sums.

A covered line is shown (so the customer sees what the contract paid for) but is not
billed: its net and VAT are zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from backend.domain.billing.errors import BillingError
from backend.domain.billing.money import ZERO, percent_of, to_cents


class LineKind(StrEnum):
    LABOUR = "labour"
    SURCHARGE = "surcharge"
    TRAVEL = "travel"
    PART = "part"
    CONTRACT_FEE = "contract_fee"


@dataclass(frozen=True)
class DocumentLine:
    kind: LineKind
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_pct: Decimal
    covered: bool = False
    reference: str = ""  # part number, contract id...

    def __post_init__(self) -> None:
        if self.quantity < 0 or self.unit_price < 0 or self.vat_pct < 0:
            raise BillingError(f"negative quantity, price or VAT on line {self.description!r}")

    @property
    def amount(self) -> Decimal:
        """What the line is worth, covered or not."""
        return to_cents(self.quantity * self.unit_price)

    @property
    def net(self) -> Decimal:
        return ZERO if self.covered else self.amount

    @property
    def vat(self) -> Decimal:
        return percent_of(self.net, self.vat_pct)

    @property
    def total(self) -> Decimal:
        return self.net + self.vat


@dataclass(frozen=True)
class Totals:
    net: Decimal
    vat: Decimal
    total: Decimal
    covered: Decimal                       # value of covered lines, not billed
    vat_by_rate: Mapping[Decimal, Decimal]  # VAT % → VAT amount


def totals(lines: Iterable[DocumentLine]) -> Totals:
    items = tuple(lines)
    by_rate: dict[Decimal, Decimal] = {}
    for line in items:
        if not line.covered:
            by_rate[line.vat_pct] = by_rate.get(line.vat_pct, ZERO) + line.vat
    net = sum((line.net for line in items), ZERO)
    vat = sum((line.vat for line in items), ZERO)
    covered = sum((line.amount for line in items if line.covered), ZERO)
    return Totals(net=net, vat=vat, total=net + vat, covered=covered, vat_by_rate=by_rate)
