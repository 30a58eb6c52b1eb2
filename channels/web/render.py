"""The widget's WebSocket JSON, bot events out (client events in: parse.py):

{"type": "ready"} on connect; {"type": "typing"} while the bot thinks; {"type": "ack",
"id"} once the message is stored; {"type": "bot", "text", "buttons": [{"title",
"payload"}], "image"?, "custom"?}; {"type": "idle"} when no reply follows (duplicate,
agent conversation); {"type": "error", "code", "text" (es + en), "id"?}.
"""

from __future__ import annotations

from typing import Any

from channels.core.errors import InvalidInput
from channels.core.models import BotMessage


def bot_event(reply: BotMessage) -> dict[str, Any]:
    event: dict[str, Any] = {
        "type": "bot",
        "text": reply.text or "",
        "buttons": [button.to_json() for button in reply.buttons],
    }
    if reply.image is not None:
        event["image"] = reply.image
    if reply.custom is not None:
        event["custom"] = reply.custom
    return event


def error_event(error: InvalidInput, client_id: str | None = None) -> dict[str, Any]:
    event: dict[str, Any] = {"type": "error", "code": error.code, "text": error.message}
    if client_id is not None:
        event["id"] = client_id
    return event
