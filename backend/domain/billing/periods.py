"""Billing periods ("YYYY-MM") and frequencies, with month arithmetic anchored on a start date."""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from backend.domain.billing.errors import InvalidPeriod

_PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})$")


class BillingFrequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"
    ANNUAL = "annual"


MONTHS: Mapping[BillingFrequency, int] = {
    BillingFrequency.MONTHLY: 1,
    BillingFrequency.QUARTERLY: 3,
    BillingFrequency.SEMIANNUAL: 6,
    BillingFrequency.ANNUAL: 12,
}


@dataclass(frozen=True, order=True)
class Period:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not (1 <= self.month <= 12 and 1 <= self.year <= 9999):
            raise InvalidPeriod(f"not a billing period: {self.year}-{self.month}")

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD_RE.match(text.strip())
        if match is None:
            raise InvalidPeriod(f"a billing period is written YYYY-MM, not {text!r}")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Period:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, monthrange(self.year, self.month)[1])

    def contains(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    def months_since(self, day: date) -> int:
        """Whole calendar months from the month of `day` to this period (negative before it)."""
        return (self.year - day.year) * 12 + self.month - day.month


def add_months(anchor: date, months: int) -> date:
    """`anchor` plus `months`, clamped to the month's end (Jan 31 + 1 → Feb 28/29); plain
    calendar arithmetic (dateutil's relativedelta did the same at ~20× the cost: a billing
    run calls this a few times per contract)."""
    year, month = divmod(anchor.year * 12 + anchor.month - 1 + months, 12)
    month += 1
    return date(year, month, min(anchor.day, monthrange(year, month)[1]))
