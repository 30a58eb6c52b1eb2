"""Document lines and totals. Each line rounds its own net and VAT to cents; totals are sums.

A covered line is shown (so the customer sees what the contract paid for) but is not
billed: its net and VAT are zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cached_property

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

    # Worked out once per line (a frozen line never changes; `replace` makes a new one):
    # totals, storing and exporting read them several times each.
    @cached_property
    def amount(self) -> Decimal:
        """What the line is worth, covered or not."""
        return to_cents(self.quantity * self.unit_price)

    @cached_property
    def net(self) -> Decimal:
        return ZERO if self.covered else self.amount

    @cached_property
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
    """Sums of the lines' own roundings (each line's amount and VAT rounded once here: a
    covered line adds nothing but its value to `covered`)."""
    by_rate: dict[Decimal, Decimal] = {}
    net = vat = covered = ZERO
    for line in lines:
        amount = line.amount
        if line.covered:
            covered += amount
            continue
        line_vat = percent_of(amount, line.vat_pct)
        net += amount
        vat += line_vat
        by_rate[line.vat_pct] = by_rate.get(line.vat_pct, ZERO) + line_vat
    return Totals(net=net, vat=vat, total=net + vat, covered=covered, vat_by_rate=by_rate)
