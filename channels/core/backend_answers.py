"""Reading the backend's answers: a missing or mistyped field is a
``BackendProtocolError`` (docs/contract.md, Gateway role)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from channels.core.errors import BackendProtocolError
from channels.core.jsonfields import as_list, as_object, opt_str, req_bool, req_str, str_list
from channels.core.models import BotMessage, OutboxItem, StoredInbound, parse_buttons

T = TypeVar("T")


def parsed(what: str, build: Callable[[], T]) -> T:
    """``build()`` reads an answer; a missing or mistyped field is a ``BackendProtocolError``."""
    try:
        return build()
    except ValueError as exc:
        raise BackendProtocolError(f"{what}: {exc}") from exc


def stored_inbound(obj: dict[str, Any], what: str) -> StoredInbound:
    """The answer to storing an inbound message.

    From ``/api/messages/inbound`` or ``/api/mail/ingest``.
    """
    return parsed(what, lambda: StoredInbound(
        conversation_id=req_str(obj, "conversation_id"),
        message_id=req_str(obj, "message_id"),
        duplicate=req_bool(obj, "duplicate"),
        handled_by=req_str(obj, "handled_by"),
        customer_code=opt_str(obj, "customer_code"),
        verified=req_bool(obj, "verified"),
        offered_payloads=str_list(obj, "offered_payloads"),
        notice=opt_str(obj, "notice"),
        answered=obj.get("answered") is True,
    ))


def parts_of(obj: dict[str, Any]) -> dict[int, str]:
    parts: dict[int, str] = {}
    for raw in as_list(obj.get("parts"), "parts"):
        part = as_object(raw, "part")
        number = part.get("part")
        if type(number) is not int:
            raise ValueError("part must be an integer")
        parts[number] = req_str(part, "provider_message_id")
    return parts


def decode(raw: bytes, what: str) -> dict[str, Any]:
    try:
        return as_object(json.loads(raw or b"{}"), what)
    except ValueError as exc:  # JSONDecodeError is a ValueError
        raise BackendProtocolError(f"{what}: answer is not a JSON object") from exc


def outbound(reply: BotMessage) -> dict[str, Any]:
    return {**reply.to_json(), "text": reply.text or ""}


def outbox_item(raw: object) -> OutboxItem:
    obj = as_object(raw, "outbox item")
    return OutboxItem(
        id=req_str(obj, "id"),
        channel=req_str(obj, "channel"),
        address=req_str(obj, "address"),
        text=opt_str(obj, "text") or "",
        buttons=parse_buttons(obj.get("buttons")),
        conversation_id=opt_str(obj, "conversation_id"),
        kind=opt_str(obj, "kind"),
        language=opt_str(obj, "language"),
        attachments=str_list(obj, "attachments"),
    )
