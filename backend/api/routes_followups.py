"""Complaints and call-back requests: recorded by the actions role on a conversation,
listed for agents (issue 13 §3)."""

from __future__ import annotations

from typing import Any

from backend.api.routing import Call, Route
from backend.api.schemas import TEXT
from backend.api.validation import Schema
from backend.services.incidents import followups as records

ACTIONS = frozenset({"actions"})
AGENTS = frozenset({"agents"})
CONV = "/api/conversations/{cid}"

_INCIDENT: Schema = {"type": ["string", "null"], "maxLength": 40}
COMPLAINT: Schema = {
    "type": "object", "required": ["text"], "additionalProperties": False,
    "properties": {"text": TEXT,
                   "incident_id": _INCIDENT},
}
CALLBACK: Schema = {
    "type": "object", "required": ["text"], "additionalProperties": False,
    "properties": {"text": TEXT,
                   "number": {"type": ["string", "null"], "maxLength": 40},
                   "incident_id": _INCIDENT},
}
CUSTOMER_QUERY: dict[str, Schema] = {"customer": {"type": "string", "maxLength": 20}}


async def record_complaint(call: Call) -> Any:
    b = call.body
    cmd = records.RecordComplaint(call.param("cid"), b["text"], b.get("incident_id"))
    return await records.record_complaint(call.uows, cmd)


async def record_callback(call: Call) -> Any:
    b = call.body
    cmd = records.RecordCallback(call.param("cid"), b["text"], b.get("number"),
                                 b.get("incident_id"))
    return await records.record_callback(call.uows, cmd)


async def complaints(call: Call) -> Any:
    return await records.complaints(call.uows, call.query.get("customer"))


async def callbacks(call: Call) -> Any:
    return await records.callbacks(call.uows, call.query.get("customer"))


ROUTES = [
    Route("POST", f"{CONV}/complaints", record_complaint, ACTIONS,
          "Record a complaint in the customer's words, linked to the incident it is about",
          "actions", status=201, body=COMPLAINT, errors=(404,)),
    Route("POST", f"{CONV}/callbacks", record_callback, ACTIONS,
          "Record a call-back request: the number and window read from the customer's text "
          "(400 when there is no number to ring)", "actions", status=201, body=CALLBACK,
          errors=(404,)),
    Route("GET", "/api/complaints", complaints, AGENTS, "Complaints, of one customer or all",
          "agents", query=CUSTOMER_QUERY),
    Route("GET", "/api/callbacks", callbacks, AGENTS,
          "Call-back requests, of one customer or all", "agents", query=CUSTOMER_QUERY),
]
