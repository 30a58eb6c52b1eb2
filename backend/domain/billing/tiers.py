"""Usage tiers: the period price set by the level of use (interventions or hours) in the period.

Tiers are ordered by `up_to` (inclusive); the last one has `up_to=None` (no ceiling).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from backend.domain.billing.errors import BillingTermsError
from backend.domain.billing.money import apply_change


class TierBasis(StrEnum):
    INTERVENTIONS = "interventions"
    HOURS = "hours"


@dataclass(frozen=True)
class UsageTier:
    up_to: Decimal | None
    price: Decimal

    def __post_init__(self) -> None:
        if self.price < 0 or (self.up_to is not None and self.up_to < 0):
            raise BillingTermsError("a usage tier cannot have a negative price or ceiling")


def check_tiers(tiers: Sequence[UsageTier]) -> None:
    if not tiers:
        return
    ceilings = [t.up_to for t in tiers[:-1]]
    if any(c is None for c in ceilings) or tiers[-1].up_to is not None:
        raise BillingTermsError("only the last usage tier may (and must) have no ceiling")
    bounded = [c for c in ceilings if c is not None]
    if bounded != sorted(set(bounded)):
        raise BillingTermsError("usage tier ceilings must increase")


def tier_for(tiers: Sequence[UsageTier], used: Decimal) -> UsageTier:
    """The tier whose range holds `used`."""
    check_tiers(tiers)
    if used < 0:
        raise BillingTermsError("usage cannot be negative")
    if not tiers:
        raise BillingTermsError("no usage tiers to price from")
    return next(t for t in tiers if t.up_to is None or used <= t.up_to)


def scaled(tiers: Sequence[UsageTier], pct: Decimal) -> tuple[UsageTier, ...]:
    """Every tier price changed by `pct` per cent (a renewal's price change)."""
    return tuple(UsageTier(t.up_to, apply_change(t.price, pct)) for t in tiers)
