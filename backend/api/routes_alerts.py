"""POST /api/alerts: alarms from machines and monitoring systems. Authenticated per source
(`Authorization: Bearer <token>` of AVISA_ALERT_TOKENS="source:token,…"), not by role."""

from __future__ import annotations

import hmac
from datetime import datetime
from typing import Any

from backend.api.auth import bearer
from backend.api.errors import Unauthorized
from backend.api.routing import PUBLIC, Call, Reply, Route
from backend.api.validation import Schema
from backend.domain.errors import InvalidRequest
from backend.services.incidents.alarms import ReceiveAlarm, receive_alarm

ALERT: Schema = {"type": "object", "required": ["code", "severity", "time"], "properties": {
    "serial": {"type": "string", "minLength": 1, "maxLength": 60},
    "equipment_id": {"type": "string", "minLength": 1, "maxLength": 20},
    "code": {"type": "string", "minLength": 1, "maxLength": 40},
    "severity": {"type": "string", "enum": ["info", "warning", "minor", "major", "critical"]},
    "time": {"type": "string", "minLength": 10, "maxLength": 40},
    "event": {"type": "string", "enum": ["alarm", "recovery"]},
    "text": {"type": ["string", "null"], "maxLength": 2000}}}


def source_of(call: Call) -> str:
    token = bearer(call.request)
    found = None
    for source, expected in call.settings.alert_tokens.items():
        if token and hmac.compare_digest(token.encode(), expected.encode()):
            found = source
    if found is None:
        raise Unauthorized("missing or unknown alert-source token")
    return found


async def alert(call: Call) -> Any:
    source = source_of(call)
    b = call.body
    equipment = b.get("equipment_id") or b.get("serial")
    if not equipment:
        raise InvalidRequest("give serial or equipment_id", field="serial")
    try:
        at = datetime.fromisoformat(b["time"])
    except ValueError as exc:
        raise InvalidRequest("time must be ISO 8601 with a zone", field="time") from exc
    if at.tzinfo is None:
        raise InvalidRequest("time must carry a time zone (…Z or +01:00)", field="time")
    result = await receive_alarm(call.uows, ReceiveAlarm(
        source, equipment, b["code"], b["severity"], at, b.get("event") == "recovery",
        b.get("text")))
    return Reply(201 if result["step"] == "open" else 200, result)


ROUTES = [
    Route("POST", "/api/alerts", alert, PUBLIC,
          "An alarm (or recovery) from a machine or monitoring system; per-source token",
          "alerts", body=ALERT, errors=(400, 401, 404)),
]
