"""Routes the provider channels add: SMS opt-out, the parts of a multi-part outbox row the
provider accepted already, and a customer's cross-channel transcript."""

from __future__ import annotations

from typing import Any

from backend.api.routing import Call, Route
from backend.api.validation import Schema
from backend.services.conversations import opt_out, transcripts
from backend.services.platform import outbox
from backend.services.platform.commands import SetOptOut

GATEWAY = frozenset({"gateway"})
AGENTS = frozenset({"agents"})

OPT_OUT: Schema = {
    "type": "object",
    "required": ["opted_out"],
    "properties": {"opted_out": {"type": "boolean"}},
}

PART: Schema = {
    "type": "object",
    "required": ["part", "provider_message_id"],
    "properties": {
        "part": {"type": "integer", "minimum": 1, "maximum": 1000},
        "provider_message_id": {"type": "string", "minLength": 1, "maxLength": 200},
    },
}


async def set_opt_out(call: Call) -> Any:
    cmd = SetOptOut(call.param("cid"), call.body["opted_out"])
    return await opt_out.set_opt_out(call.uows, cmd)


async def record_part(call: Call) -> Any:
    b = call.body
    return await outbox.record_part(call.uows, call.param("id"), b["part"],
                                    b["provider_message_id"])


async def sent_parts(call: Call) -> Any:
    return await outbox.sent_parts(call.uows, call.param("id"))


async def customer_messages(call: Call) -> Any:
    return await transcripts.customer_messages(
        call.uows, call.param("code"), call.query["limit"]
    )


ROUTES = [
    Route("POST", "/api/conversations/{cid}/opt-out", set_opt_out, GATEWAY,
          "The sender opted out (STOP) or back in (START)", "gateway", body=OPT_OUT,
          errors=(404,)),
    Route("POST", "/api/outbox/{id}/parts", record_part, GATEWAY,
          "One part of a multi-part row was accepted by the provider (idempotent)", "gateway",
          body=PART, errors=(404,)),
    Route("GET", "/api/outbox/{id}/parts", sent_parts, GATEWAY,
          "The parts of a multi-part row the provider accepted already", "gateway",
          errors=(404,)),
    Route("GET", "/api/customers/{code}/messages", customer_messages, AGENTS,
          "A customer's messages across all their verified conversations", "agents",
          query={"limit": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 500}},
          errors=(404,)),
]
