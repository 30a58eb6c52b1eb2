"""The price list: stored whole (the layout of data/price_list.yml), read as a domain PriceList
with part descriptions in the customer's language. VAT: `vat_default_pct` (21 % by default)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.orm import PriceListRow
from backend.domain.billing import DEFAULT_VAT_PCT, PartPrice, PriceList, TravelRate, money
from backend.domain.coverage import ES_NATIONAL, CoveredHours
from backend.domain.names import free_name
from backend.services.billing.errors import NoPriceList
from backend.services.contracts.terms import dec

DEFAULT = "default"


@dataclass(frozen=True)
class Prices:
    prices: PriceList
    currency: str
    normal_hours: CoveredHours  # labour outside them is surcharged when nothing covers it
    document: dict[str, Any]


def check_document(doc: dict[str, Any]) -> dict[str, Any]:
    """Validate a price-list document by reading it once; returns it unchanged."""
    as_prices(doc, "es")
    return doc


def as_prices(doc: dict[str, Any], language: str) -> Prices:
    parts = {}
    for item in doc.get("parts") or []:
        words = item.get("description") or {}
        text = words.get(language) or words.get("en") or item["part_number"]
        vat = item.get("vat_pct")
        parts[item["part_number"]] = PartPrice(item["part_number"], text, money(str(item["price"])),
                                               None if vat is None else dec(vat, "vat_pct"))
    hours = doc.get("normal_hours") or {"timezone": "Europe/Madrid",
                                        "schedule": "mon-fri 08:00-18:00"}
    prices = PriceList(
        labour_rates={k: money(str(v)) for k, v in doc["labour_rates"].items()},
        out_of_hours_surcharge_pct=dec(doc.get("out_of_hours_surcharge_pct", "0"), "surcharge"),
        travel={free_name(z): TravelRate(money(str(t["flat"])), dec(t["per_km"], "per_km"))
                for z, t in doc["travel"].items()},
        parts=parts,
        vat_pct=dec(doc.get("vat_default_pct", DEFAULT_VAT_PCT), "vat_default_pct"),
    )
    normal = CoveredHours.parse(hours["timezone"], hours["schedule"], ES_NATIONAL)
    return Prices(prices, str(doc.get("currency") or "EUR"), normal, doc)


async def load_prices(session: AsyncSession, language: str) -> Prices:
    row = await session.get(PriceListRow, DEFAULT)
    if row is None:
        raise NoPriceList("no price list loaded: run `avisa demo load` (data/price_list.yml)")
    return as_prices(row.data, language)


async def store_document(session: AsyncSession, doc: dict[str, Any], now: datetime) -> int:
    await session.merge(PriceListRow(name=DEFAULT, data=check_document(doc), loaded_at=now))
    return len(doc.get("parts") or [])


def price_basis(p: Prices, zone: str | None) -> dict[str, Any]:
    """What a billable visit costs, for the customer to consent to."""
    priced = p.prices.travel_zone(zone)
    travel = p.prices.travel[priced] if priced is not None else None
    return {
        "currency": p.currency,
        "labour_rates": {k: str(v) for k, v in p.prices.labour_rates.items()},
        "out_of_hours_surcharge_pct": str(p.prices.out_of_hours_surcharge_pct),
        "normal_hours": p.document.get("normal_hours"),
        "travel": None if travel is None else {"zone": zone, "rate_zone": priced,
                                               "flat": str(travel.flat),
                                               "per_km": str(travel.per_km)},
        "vat_pct": str(p.prices.vat_pct),
    }


def as_decimal(value: Any) -> Decimal:
    return dec(value, "amount")
