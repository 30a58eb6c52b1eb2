"""Money helpers: `Decimal` only, rounded half-up to cents, explicitly, where stated."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from backend.domain.billing.errors import MoneyError

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


def money(value: Decimal | int | str) -> Decimal:
    """Parse an amount (never a float) and round it to cents."""
    if isinstance(value, (float, bool)):
        raise MoneyError(f"money must not be a float or bool: {value!r}")
    try:
        amount = Decimal(value)
    except (InvalidOperation, ValueError) as exc:
        raise MoneyError(f"not an amount: {value!r}") from exc
    if not amount.is_finite():
        raise MoneyError(f"not a finite amount: {value!r}")
    return to_cents(amount)


def to_cents(amount: Decimal) -> Decimal:
    """Round half-up to cents (0.005 → 0.01)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def percent_of(amount: Decimal, pct: Decimal) -> Decimal:
    """`pct` per cent of `amount`, rounded to cents."""
    return to_cents(amount * pct / HUNDRED)


def apply_change(amount: Decimal, pct: Decimal) -> Decimal:
    """`amount` changed by `pct` per cent (3 → +3 %, -5 → -5 %), rounded to cents."""
    return to_cents(amount * (HUNDRED + pct) / HUNDRED)
