"""What has been used and done: usage of the contract year, and the closed work of a job."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from backend.domain.coverage.errors import CoverageError


@dataclass(frozen=True)
class Usage:
    """Hours and visits already consumed in the current contract year."""

    hours: Decimal = Decimal(0)
    visits: int = 0

    def __post_init__(self) -> None:
        if self.hours < 0 or self.visits < 0:
            raise CoverageError("usage cannot be negative")


NO_USAGE = Usage()


@dataclass(frozen=True)
class PartUsed:
    number: str
    quantity: Decimal = Decimal(1)

    def __post_init__(self) -> None:
        if self.quantity <= 0:
            raise CoverageError(f"part {self.number}: quantity must be positive")


@dataclass(frozen=True)
class ClosedWork:
    """What the technician reported when closing the job."""

    labour_hours: Decimal
    parts: tuple[PartUsed, ...] = ()
    performed_at: datetime | None = None  # when the work started; None: at the incident moment
    travel: bool = True                   # False for remote work (no trip)

    def __post_init__(self) -> None:
        if self.labour_hours < 0:
            raise CoverageError("labour hours cannot be negative")


def contract_year(start: date, on: date) -> tuple[date, date]:
    """The contract year [first, last] (inclusive) that contains `on`, counted from `start`."""
    years = max(0, on.year - start.year)
    if years and start + relativedelta(years=years) > on:
        years -= 1
    first = start + relativedelta(years=years)
    return first, start + relativedelta(years=years + 1) - relativedelta(days=1)
