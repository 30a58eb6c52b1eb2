"""The price list: labour rates per technician category, surcharge, travel per zone, parts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from backend.domain.billing.errors import UnknownCategory, UnknownPart, UnknownZone
from backend.domain.billing.money import to_cents

DEFAULT_VAT_PCT = Decimal(21)


@dataclass(frozen=True)
class TravelRate:
    flat: Decimal
    per_km: Decimal

    def price(self, km: Decimal) -> Decimal:
        return to_cents(self.flat + self.per_km * km)


@dataclass(frozen=True)
class PartPrice:
    number: str
    description: str
    unit_price: Decimal
    vat_pct: Decimal | None = None  # None: the document's VAT rate


@dataclass(frozen=True)
class PriceList:
    labour_rates: Mapping[str, Decimal]  # technician category → price per hour
    out_of_hours_surcharge_pct: Decimal
    travel: Mapping[str, TravelRate]     # zone → rate
    parts: Mapping[str, PartPrice] = field(default_factory=dict)
    vat_pct: Decimal = DEFAULT_VAT_PCT

    def labour_rate(self, category: str) -> Decimal:
        if category not in self.labour_rates:
            raise UnknownCategory(f"no labour rate for technician category {category!r}")
        return self.labour_rates[category]

    def travel_rate(self, zone: str) -> TravelRate:
        if zone not in self.travel:
            raise UnknownZone(f"no travel rate for zone {zone!r}")
        return self.travel[zone]

    def part(self, number: str) -> PartPrice:
        if number not in self.parts:
            raise UnknownPart(f"part {number!r} is not in the price list")
        return self.parts[number]
