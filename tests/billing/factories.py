"""A price list and contract-billing builders for billing tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from backend.domain.billing import (
    BillingFrequency,
    ContractBilling,
    PartPrice,
    PriceList,
    TravelRate,
)
from backend.domain.coverage import ContractState

D = Decimal

PRICES = PriceList(
    labour_rates={"junior": D("38.00"), "senior": D("52.50"), "specialist": D("68.00")},
    out_of_hours_surcharge_pct=D("50"),
    travel={"aragon": TravelRate(D("25.00"), D("0.42")),
            "madrid": TravelRate(D("30.00"), D("0.50"))},
    parts={
        "FLT-100": PartPrice("FLT-100", "Oil filter", D("18.75")),
        "BRG-220": PartPrice("BRG-220", "Bearing kit", D("64.30"), vat_pct=D("10")),
    },
)


def billing(contract_id: str = "CT-0001", **changes: Any) -> ContractBilling:
    fields: dict[str, Any] = {
        "contract_id": contract_id, "customer": "C-1001", "start": date(2025, 1, 1),
        "end": date(2026, 12, 31), "state": ContractState.ACTIVE,
        "frequency": BillingFrequency.QUARTERLY, "price": D("1450.00"),
    }
    fields.update(changes)
    return ContractBilling(**fields)
