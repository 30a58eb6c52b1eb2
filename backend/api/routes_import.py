"""POST /api/admin/import (admin): the JSON form of `avisa import` — every bad row is
answered (400, ``problems``: file, row, reason) and nothing is written."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from backend.api.routing import Call, Route
from backend.domain.errors import InvalidRequest
from backend.services.platform.imports.run import DEFAULT_ZONE, import_document
from backend.services.platform.imports.specs import KINDS

ADMIN = frozenset({"admin"})
BODY = {
    "type": "object",
    "properties": {
        "timezone": {"type": "string", "maxLength": 60},
        **{kind: {"type": "array", "items": {"type": "object"}} for kind in KINDS},
    },
    "additionalProperties": False,
}


async def import_data(call: Call) -> Any:
    document = dict(call.body)
    zone = str(document.pop("timezone", DEFAULT_ZONE))
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidRequest(f"unknown timezone {zone!r}", field="timezone") from exc
    return await import_document(call.uows, document, zone)


ROUTES = [
    Route("POST", "/api/admin/import", import_data, ADMIN,
          "Import customers, contacts, equipment, contracts, technicians and open incidents "
          "(history, visits, parts): all rows or none", "admin", body=BODY),
]
