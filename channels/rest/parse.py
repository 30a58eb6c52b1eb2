"""The REST channel's inbound JSON, checked field by field into an ``InboundMessage``."""

from __future__ import annotations

from typing import Any

from channels.core.errors import InvalidInput
from channels.core.jsonbody import decode
from channels.core.models import InboundMessage

CHANNEL = "rest"
MAX_SENDER = 128
MAX_PROVIDER_ID = 200


def parse_body(raw: bytes | str) -> InboundMessage:
    """Rasa's REST channel JSON (``sender``, ``message``, ``metadata``) as one message."""
    body = decode(raw)
    if not isinstance(body, dict):
        raise InvalidInput("invalid_request", "body must be a JSON object")
    sender, text, metadata = body.get("sender"), body.get("message"), body.get("metadata")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER:
        raise InvalidInput("invalid_request", "'sender' must be a non-empty string")
    if not isinstance(text, str):
        raise InvalidInput("invalid_request", "'message' must be a string")
    if metadata is not None and not isinstance(metadata, dict):
        raise InvalidInput("invalid_request", "'metadata' must be an object")
    meta: dict[str, Any] = metadata or {}
    pid = meta.get("message_id")
    if pid is not None and (not isinstance(pid, str) or len(pid) > MAX_PROVIDER_ID):
        raise InvalidInput("invalid_request", "'metadata.message_id' must be a short string")
    return InboundMessage(
        CHANNEL,
        sender,
        text,
        provider_message_id=pid or None,
        metadata=meta,
    )
