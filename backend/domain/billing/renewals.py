"""Contract terms over time: a renewal every N months, with a price change per renewal.

Term k starts at `start + k × every_months` (anchored on the start date, so day-of-month
never drifts) and ends the day before term k+1 starts, clipped at the contract's end:
terms never leave a gap nor overlap. Prices compound, rounded to cents at each renewal.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from itertools import takewhile

from backend.domain.billing.errors import BillingTermsError
from backend.domain.billing.money import apply_change
from backend.domain.billing.periods import add_months
from backend.domain.billing.tiers import UsageTier, scaled


@dataclass(frozen=True)
class RenewalRule:
    every_months: int
    price_change_pct: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        if self.every_months < 1:
            raise BillingTermsError("a contract renews every one month or more")
        if self.price_change_pct < -100:
            raise BillingTermsError("a price cannot fall by more than 100 %")


@dataclass(frozen=True)
class Term:
    index: int            # 0: the initial term, k: the k-th renewal
    start: date
    end: date | None      # inclusive; None: open-ended
    price: Decimal
    tiers: tuple[UsageTier, ...] = ()

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def terms_until(
    start: date, end: date | None, price: Decimal, rule: RenewalRule | None, until: date,
    tiers: tuple[UsageTier, ...] = (),
) -> tuple[Term, ...]:
    """Every term that starts on or before `until` (and before the contract's `end`)."""
    return tuple(takewhile(lambda t: t.start <= until, _terms(start, end, price, rule, tiers)))


def term_on(
    start: date, end: date | None, price: Decimal, rule: RenewalRule | None, day: date,
    tiers: tuple[UsageTier, ...] = (),
) -> Term | None:
    """The term in force on `day`, if any."""
    if rule is None:  # one term, the whole contract
        only = Term(0, start, end, price, tiers)
        return only if only.contains(day) else None
    found = terms_until(start, end, price, rule, day, tiers)
    return found[-1] if found and found[-1].contains(day) else None


def _terms(
    start: date, end: date | None, price: Decimal, rule: RenewalRule | None,
    tiers: tuple[UsageTier, ...],
) -> Iterator[Term]:
    if rule is None:
        yield Term(0, start, end, price, tiers)
        return
    index = 0
    while True:
        first = add_months(start, index * rule.every_months)
        if end is not None and first > end:
            return
        last = add_months(start, (index + 1) * rule.every_months) - timedelta(days=1)
        yield Term(index, first, last if end is None else min(last, end), price, tiers)
        price = apply_change(price, rule.price_change_pct)
        tiers = scaled(tiers, rule.price_change_pct)
        index += 1
