"""The issuer printed on documents and exports (the `company:` block of data/price_list.yml
overrides these defaults)."""

from __future__ import annotations

from typing import Any

COMPANY: dict[str, str] = {
    "name": "Avisa Servicios Técnicos S.L.",
    "tax_id": "B99000000",
    "address": "Calle de la Técnica, 1",
    "city": "Zaragoza",
    "postal_code": "50001",
    "country": "ES",
    "email": "facturacion@avisa-servicios.es",
}


def company(price_list: dict[str, Any] | None = None) -> dict[str, str]:
    override = (price_list or {}).get("company") or {}
    return {**COMPANY, **{k: str(v) for k, v in override.items()}}
