"""The price list: labour rates per technician category, surcharge, travel per zone, parts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from backend.domain.billing.errors import UnknownCategory, UnknownPart, UnknownZone
from backend.domain.billing.money import to_cents
from backend.domain.names import free_name

DEFAULT_VAT_PCT = Decimal(21)
DEFAULT_ZONE = "default"  # travel.default prices any site whose zone has no rate of its own


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

    def travel_rate(self, zone: str | None) -> TravelRate:
        """The zone's rate (any spelling of its name), else the ``default`` one."""
        for key in (free_name(zone or ""), DEFAULT_ZONE):
            if key in self.travel:
                return self.travel[key]
        raise UnknownZone(f"no travel rate for zone {zone!r} and no '{DEFAULT_ZONE}' rate")

    def travel_zone(self, zone: str | None) -> str | None:
        """The price list's zone that prices travel to ``zone``: its own, or ``default``."""
        key = free_name(zone or "")
        if key in self.travel:
            return key
        return DEFAULT_ZONE if DEFAULT_ZONE in self.travel else None

    def part(self, number: str) -> PartPrice:
        if number not in self.parts:
            raise UnknownPart(f"part {number!r} is not in the price list")
        return self.parts[number]
