"""Contract terms as data: versions (amendments), contracts, equipment warranty.

A contract holds one or more `ContractVersion`s. A version is valid on the local dates
[valid_from, valid_to) of the contract's time zone (`valid_to=None`: open-ended), so an
amendment is a new version whose `valid_from` is the previous one's `valid_to`.
Contract `start`/`end` dates are inclusive.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from itertools import pairwise
from zoneinfo import ZoneInfo

from backend.domain.coverage.business_time import CoveredHours, require_aware
from backend.domain.coverage.errors import TermsError
from backend.domain.coverage.vocabulary import (
    ContractState,
    ContractType,
    IncidentType,
    OutOfHours,
    PastAllowance,
    Priority,
)


@dataclass(frozen=True)
class Allowance:
    """Yearly allowance per contract year; `None` means unlimited."""

    hours: Decimal | None = None
    visits: int | None = None

    def __post_init__(self) -> None:
        if (self.hours is not None and self.hours < 0) or (
            self.visits is not None and self.visits < 0
        ):
            raise TermsError("allowance cannot be negative")


@dataclass(frozen=True)
class ContractTerms:
    contract_type: ContractType
    incident_types: frozenset[IncidentType]
    covered_hours: CoveredHours
    response_hours: Mapping[Priority, Decimal]
    resolution_hours: Mapping[Priority, Decimal]
    allowance: Allowance = field(default_factory=Allowance)
    out_of_hours: OutOfHours = OutOfHours.SURCHARGE
    past_allowance: PastAllowance = PastAllowance.BILL_LABOUR

    def __post_init__(self) -> None:
        for table in (self.response_hours, self.resolution_hours):
            missing = set(Priority) - set(table)
            if missing:
                raise TermsError(f"SLA hours missing for {sorted(missing)}")


@dataclass(frozen=True)
class ContractVersion:
    valid_from: date
    terms: ContractTerms
    valid_to: date | None = None

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


@dataclass(frozen=True)
class Contract:
    id: str
    equipment: frozenset[str]
    start: date
    end: date | None
    state: ContractState
    versions: tuple[ContractVersion, ...]
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/Madrid"))

    def __post_init__(self) -> None:
        if not self.versions:
            raise TermsError(f"{self.id}: a contract needs at least one version of its terms")
        ordered = sorted(self.versions, key=lambda v: v.valid_from)
        for earlier, later in pairwise(ordered):
            if earlier.valid_to is None or earlier.valid_to > later.valid_from:
                raise TermsError(f"{self.id}: versions from {earlier.valid_from} and "
                                 f"{later.valid_from} overlap")

    def local_date(self, moment: datetime) -> date:
        return require_aware(moment).astimezone(self.timezone).date()

    def in_force_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def version_at(self, moment: datetime) -> ContractVersion | None:
        """The version of the terms valid at `moment`, if any."""
        day = self.local_date(moment)
        return next((v for v in self.versions if v.valid_on(day)), None)


@dataclass(frozen=True)
class Equipment:
    id: str
    warranty_end: date | None = None  # inclusive; None: no manufacturer warranty on file
