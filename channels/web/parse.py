"""The widget's WebSocket JSON, client events in (bot events out: render.py):

{"type": "auth", "token", "identity"?}   the first frame: the session token (never in
    the URL) and, on a company portal, the signed identity {user_id, expires?, signature}
{"type": "message", "text", "id"?}
{"type": "button", "payload", "title"?, "id"?}
"""

from __future__ import annotations

import json
from typing import Any

from channels.core.errors import InvalidInput
from channels.core.models import InboundMessage
from channels.core.texts import TEXTS

CHANNEL = "web"


def _bad() -> InvalidInput:
    return InvalidInput("bad_request", TEXTS["bad_request"])


def _field(event: dict[str, Any], key: str) -> str:
    value = event.get(key)
    if not isinstance(value, str):
        raise _bad()
    return value


def _message(event: dict[str, Any], address: str, pid: str | None) -> InboundMessage:
    return InboundMessage(CHANNEL, address, _field(event, "text"), provider_message_id=pid)


def _button(event: dict[str, Any], address: str, pid: str | None) -> InboundMessage:
    payload = _field(event, "payload")
    title = event.get("title")
    text = title if isinstance(title, str) and title.strip() else payload
    return InboundMessage(
        CHANNEL,
        address,
        text,
        provider_message_id=pid,
        payload=payload,
        metadata={"button_title": text},
    )


PARSERS = {"message": _message, "button": _button}


def parse_client_event(raw: str, address: str) -> InboundMessage:
    """Turn one WebSocket text frame into an ``InboundMessage``.

    An optional client ``id`` makes resends idempotent; it is scoped to the
    session so one visitor cannot collide with another's ids.
    """
    try:
        event = json.loads(raw)
    except ValueError:
        raise _bad() from None
    if not isinstance(event, dict):
        raise _bad()
    parser = PARSERS.get(str(event.get("type")))
    if parser is None:
        raise _bad()
    client_id = event.get("id")
    if client_id is not None and (not isinstance(client_id, str) or len(client_id) > 64):
        raise _bad()
    pid = f"{address}:{client_id}" if client_id else None
    return parser(event, address, pid)


def parse_auth(raw: str) -> tuple[str, object]:
    """The session token and the claimed portal identity (None: anonymous, unchecked here:
    channels/web/portal.py) of the socket's first frame, ``{"type": "auth", "token": …}``."""
    try:
        event = json.loads(raw)
    except ValueError:
        raise _bad() from None
    if not isinstance(event, dict) or event.get("type") != "auth":
        raise _bad()
    return _field(event, "token"), event.get("identity")
