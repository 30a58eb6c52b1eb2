"""Line descriptions in the customer's language (the domain writes English ones)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal

from backend.domain.billing import DocumentLine, LineKind, UsageTier
from backend.domain.language import pick

TEXTS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "labour_covered": "Labour ({category}), covered by {source}",
        "labour": "Labour ({category})",
        "surcharge": "Out-of-hours surcharge {pct} %",
        "travel": "Travel, zone {zone}, {km} km",
        "fee": "Contract {contract} fee, {first} to {last}",
        "tier": " ({used} {basis} in the previous period, tier {ceiling})",
        "no_limit": "with no limit", "up_to": "up to {up_to}",
        "interventions": "interventions", "hours": "hours",
    },
    "es": {
        "labour_covered": "Mano de obra ({category}), cubierta por {source}",
        "labour": "Mano de obra ({category})",
        "surcharge": "Recargo fuera de horario {pct} %",
        "travel": "Desplazamiento, zona {zone}, {km} km",
        "fee": "Cuota del contrato {contract}, del {first} al {last}",
        "tier": " ({used} {basis} en el periodo anterior, tramo {ceiling})",
        "no_limit": "sin límite", "up_to": "hasta {up_to}",
        "interventions": "intervenciones", "hours": "horas",
        "junior": "oficial", "senior": "técnico sénior", "specialist": "especialista",
    },
}


def words(language: str) -> Mapping[str, str]:
    return pick(TEXTS, language)


def job_lines(lines: tuple[DocumentLine, ...], language: str, *, category: str, zone: str,
              km: Decimal, pct: Decimal, source: str) -> tuple[DocumentLine, ...]:
    w = words(language)
    cat = w.get(category, category)
    texts = {
        (LineKind.LABOUR, True): w["labour_covered"].format(category=cat, source=source),
        (LineKind.LABOUR, False): w["labour"].format(category=cat),
        (LineKind.SURCHARGE, True): w["surcharge"].format(pct=pct),
        (LineKind.SURCHARGE, False): w["surcharge"].format(pct=pct),
        (LineKind.TRAVEL, True): w["travel"].format(zone=zone, km=km),
        (LineKind.TRAVEL, False): w["travel"].format(zone=zone, km=km),
    }
    return tuple(replace(line, description=texts.get((line.kind, line.covered), line.description))
                 for line in lines)


def fee_text(language: str, contract: str, first: date, last: date, used: Decimal | None = None,
             basis: str = "interventions", tier: UsageTier | None = None) -> str:
    w = words(language)
    text = w["fee"].format(contract=contract, first=first.isoformat(), last=last.isoformat())
    if tier is not None and used is not None:
        ceiling = w["no_limit"] if tier.up_to is None else w["up_to"].format(up_to=tier.up_to)
        text += w["tier"].format(used=used, basis=w.get(basis, basis), ceiling=ceiling)
    return text
