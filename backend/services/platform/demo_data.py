"""Reading and checking data/*.yml (schema in docs/contract.md) into plain records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from backend.services.platform import demo_fields as f
from backend.services.platform.imports import fields as names

Spec = dict[str, tuple[bool, f.Convert]]  # field → (required, converter)

# Equipment families and travel zones are free-form names (lathes, generators, any region),
# one spelling each: "CNC lathe" → "cnc_lathe" (backend/services/platform/imports/fields.py).
CONTRACT_TYPES = ("warranty_extension", "full_maintenance", "partial_labour", "partial_parts",
                  "rental", "onsite_24h", "helpdesk", "continuous_service")

CONTACT: Spec = {
    "name": (True, f.text), "email": (False, f.optional(f.email)),
    "phone": (False, f.optional(f.phone)), "telegram_id": (False, f.optional(f.text)),
    "preferred": (False, f.optional(f.flag)),
}
SITE: Spec = {
    "id": (True, f.text), "name": (True, f.text), "address": (False, f.optional(f.text)),
    "city": (False, f.optional(f.text)), "zone": (False, f.optional(names.name)),
}
CUSTOMER: Spec = {
    "code": (True, f.text), "name": (True, f.text), "tax_id": (False, f.optional(f.text)),
    "language": (True, f.one_of("es", "en")),
}
EQUIPMENT: Spec = {
    "id": (True, f.text), "serial": (True, f.text), "customer": (True, f.text),
    "site": (False, f.optional(f.text)), "family": (True, names.name),
    "model": (False, f.optional(f.text)), "description": (False, f.optional(f.text)),
    "installed_on": (False, f.optional(f.iso_date)),
    "warranty_end": (False, f.optional(f.iso_date)),
}
CONTRACT: Spec = {
    "id": (True, f.text), "customer": (True, f.text), "type": (True, f.one_of(*CONTRACT_TYPES)),
    "equipment": (True, f.texts), "incident_types": (True, f.texts),
    "covered_hours": (True, f.mapping), "response_hours": (True, f.mapping),
    "resolution_hours": (True, f.mapping), "allowance": (False, f.optional(f.mapping)),
    "price": (True, f.money),
    "billing": (True, f.one_of("monthly", "quarterly", "semiannual", "annual")),
    "renewal": (False, f.optional(f.mapping)), "start": (True, f.iso_date),
    "end": (False, f.optional(f.iso_date)),
    "state": (True, f.one_of("draft", "active", "suspended", "cancelled", "expired")),
    "clauses": (False, f.optional(f.text)),
}
TECHNICIAN: Spec = {
    "id": (True, f.text), "name": (True, f.text), "zone": (True, names.name),
    "skills": (True, names.names), "category": (True, f.one_of("junior", "senior", "specialist")),
    "phone": (False, f.optional(f.phone)), "email": (False, f.optional(f.email)),
    "telegram_id": (False, f.optional(f.text)), "shift": (False, f.optional(f.mapping)),
}


class DemoDataError(ValueError):
    """Bad demo data; the message names the file and the item."""


def check(spec: Spec, raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise DemoDataError(f"{where}: expected a mapping, got {raw!r}")
    clean: dict[str, Any] = {}
    for name, (required, convert) in spec.items():
        value = raw.get(name)
        if value is None and required:
            raise DemoDataError(f"{where}: missing field '{name}'")
        try:
            clean[name] = convert(value) if value is not None else None
        except (ValueError, TypeError) as exc:
            raise DemoDataError(f"{where}: field '{name}': {exc}") from exc
    return clean


def read_items(path: Path, key: str) -> list[tuple[str, Any]]:
    """[(where, raw item)] of the top-level list `key`; where = `file: key[i] (id)`."""
    if not path.exists():
        raise DemoDataError(f"{path}: file not found")
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise DemoDataError(f"{path}: not valid YAML: {exc}") from exc
    items = document.get(key) if isinstance(document, dict) else None
    if not isinstance(items, list):
        raise DemoDataError(f"{path}: expected a top-level '{key}:' list")
    named = []
    for i, item in enumerate(items):
        label = item.get("code") or item.get("id") if isinstance(item, dict) else None
        named.append((f"{path.name}: {key}[{i}]" + (f" ({label})" if label else ""), item))
    return named


def customer_record(raw: Any, where: str) -> dict[str, Any]:
    record = check(CUSTOMER, raw, where)
    record["contacts"] = [
        check(CONTACT, c, f"{where} contacts[{i}]") for i, c in enumerate(raw.get("contacts") or [])
    ]
    record["sites"] = [
        check(SITE, s, f"{where} sites[{i}]") for i, s in enumerate(raw.get("sites") or [])
    ]
    return record
