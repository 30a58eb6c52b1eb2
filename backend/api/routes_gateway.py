"""Routes of the gateway role: messages in/out and the outbox."""

from __future__ import annotations

from typing import Any

from backend.adapters import metrics
from backend.api import schemas as s
from backend.api.routing import Call, Route
from backend.api.validation import Schema
from backend.domain.outbox import VIAS
from backend.services.conversations import messages
from backend.services.platform import outbox
from backend.services.platform.commands import (
    MarkDelivered,
    MarkFailed,
    ReceiveInbound,
    RecordOutbound,
)

GATEWAY = frozenset({"gateway"})

# The bot's replies to one message, stored with one request (the gateway's pipeline).
OUTBOUND_BATCH: Schema = {
    "type": "object",
    "required": ["conversation_id", "messages"],
    "properties": {
        "conversation_id": s.SHORT,
        "reply_to": s.REPLY_TO,
        "messages": {"type": "array", "items": {
            "type": "object",
            "required": ["text"],
            "properties": {k: v for k, v in s.OUTBOUND["properties"].items()
                           if k not in ("conversation_id", "reply_to")},
        }},
    },
}


async def inbound(call: Call) -> Any:
    b = call.body
    cmd = ReceiveInbound(
        channel=b["channel"],
        address=b["address"],
        text=b["text"],
        provider_message_id=b.get("provider_message_id"),
        payload=b.get("payload"),
        metadata=b.get("metadata"),
    )
    result = await messages.receive_inbound(call.uows, cmd)
    metrics.MESSAGES_IN.labels(cmd.channel).inc()
    return result


def _outbound(conversation_id: str, m: dict[str, Any], reply_to: str | None = None,
              n: int = 0) -> RecordOutbound:
    return RecordOutbound(conversation_id=conversation_id, text=m["text"],
                          buttons=m.get("buttons") or [], image=m.get("image"),
                          custom=m.get("custom"), reply_to=reply_to, n=n)


async def outbound(call: Call) -> Any:
    cmd = _outbound(call.body["conversation_id"], call.body, call.body.get("reply_to"))
    result = await messages.record_outbound(call.uows, cmd)
    metrics.MESSAGES_OUT.inc()
    return result


async def outbound_batch(call: Call) -> Any:
    """Each message as ``outbound`` would store it, in order (one transaction each); with
    ``reply_to``, the ``n``-th of them is that message's ``n``-th reply (stored once)."""
    b = call.body
    ids = []
    for n, m in enumerate(b["messages"]):
        cmd = _outbound(b["conversation_id"], m, b.get("reply_to"), n)
        ids.append((await messages.record_outbound(call.uows, cmd))["message_id"])
        metrics.MESSAGES_OUT.inc()
    return {"message_ids": ids}


async def claim_outbox(call: Call) -> Any:
    return await outbox.claim(call.uows, call.body.get("limit") or 20)


async def outbox_delivered(call: Call) -> Any:
    cmd = MarkDelivered(call.param("id"), call.body["via"], call.body.get("provider_message_id"))
    return await outbox.mark_delivered(call.uows, cmd)


async def outbox_failed(call: Call) -> Any:
    return await outbox.mark_failed(call.uows, MarkFailed(call.param("id"), call.body["error"]))


async def list_outbox(call: Call) -> Any:
    return await outbox.recent(call.uows, call.query["via"], call.query["limit"])


ROUTES = [
    Route("POST", "/api/messages/inbound", inbound, GATEWAY, "Store an inbound message",
          "gateway", body=s.INBOUND, response=s.INBOUND_ANSWER),
    Route("POST", "/api/messages/outbound", outbound, GATEWAY, "Store an outbound message",
          "gateway", status=201, body=s.OUTBOUND, response=s.STORED, errors=(404,)),
    Route("POST", "/api/messages/outbound/batch", outbound_batch, GATEWAY,
          "Store the bot's replies to one message, in order", "gateway", status=201,
          body=OUTBOUND_BATCH, response=s.STORED_BATCH, errors=(404,)),
    Route("POST", "/api/outbox/claim", claim_outbox, GATEWAY, "Claim due outbox rows for 60 s",
          "gateway", body=s.CLAIM, response=s.CLAIMED),
    Route("POST", "/api/outbox/{id}/delivered", outbox_delivered, GATEWAY,
          "Mark an outbox row delivered", "gateway", body=s.DELIVERED, errors=(404,)),
    Route("POST", "/api/outbox/{id}/failed", outbox_failed, GATEWAY,
          "Mark an outbox row failed (retried with backoff)", "gateway", body=s.FAILED,
          errors=(404, 409)),
    Route("GET", "/api/outbox", list_outbox, GATEWAY, "Recent outbox rows, newest first",
          "gateway", query={
              "via": {"type": "string", "enum": list(VIAS)},
              "limit": {"type": "integer", "minimum": 1, "maximum": 500, "default": 100},
          }),
]
