"""Routes the provider channels add: SMS opt-out, and a customer's cross-channel transcript."""

from __future__ import annotations

from typing import Any

from backend.api.routing import Call, Route
from backend.api.validation import Schema
from backend.services import opt_out, transcripts
from backend.services.commands import SetOptOut

GATEWAY = frozenset({"gateway"})
AGENTS = frozenset({"agents"})

OPT_OUT: Schema = {
    "type": "object",
    "required": ["opted_out"],
    "properties": {"opted_out": {"type": "boolean"}},
}


async def set_opt_out(call: Call) -> Any:
    cmd = SetOptOut(call.param("cid"), call.body["opted_out"])
    return await opt_out.set_opt_out(call.uows, cmd)


async def customer_messages(call: Call) -> Any:
    return await transcripts.customer_messages(
        call.uows, call.param("code"), call.query["limit"]
    )


ROUTES = [
    Route("POST", "/api/conversations/{cid}/opt-out", set_opt_out, GATEWAY,
          "The sender opted out (STOP) or back in (START)", "gateway", body=OPT_OUT,
          errors=(404,)),
    Route("GET", "/api/customers/{code}/messages", customer_messages, AGENTS,
          "A customer's messages across all their verified conversations", "agents",
          query={"limit": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 500}},
          errors=(404,)),
]
