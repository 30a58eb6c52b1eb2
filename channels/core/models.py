"""Plain data shared by the pipeline, the clients and the channels."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from channels.core.jsonfields import as_list, as_object, opt_object, opt_str, req_str


@dataclass(frozen=True)
class InboundMessage:
    """One message from a customer, whatever the channel.

    ``text`` is what the person said (for a button: its title); ``payload`` is the
    button payload when the person pressed one, and is what goes to Rasa.
    """

    channel: str
    address: str
    text: str
    provider_message_id: str | None = None
    payload: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Button:
    title: str
    payload: str

    def to_json(self) -> dict[str, str]:
        return {"title": self.title, "payload": self.payload}


@dataclass(frozen=True)
class BotMessage:
    """One reply of the bot, as Rasa's REST channel returns it."""

    text: str | None = None
    buttons: tuple[Button, ...] = ()
    image: str | None = None
    custom: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        """The reply without a recipient; empty parts are left out."""
        out: dict[str, Any] = {}
        if self.text is not None:
            out["text"] = self.text
        if self.buttons:
            out["buttons"] = [button.to_json() for button in self.buttons]
        if self.image is not None:
            out["image"] = self.image
        if self.custom is not None:
            out["custom"] = self.custom
        return out


def parse_buttons(value: object) -> tuple[Button, ...]:
    """Read ``[{"title", "payload"}]``; ``None`` means no buttons."""
    if value is None:
        return ()
    buttons = []
    for raw in as_list(value, "buttons"):
        obj = as_object(raw, "button")
        buttons.append(Button(title=req_str(obj, "title"), payload=req_str(obj, "payload")))
    return tuple(buttons)


def parse_bot_message(raw: object) -> BotMessage:
    obj = as_object(raw, "bot message")
    return BotMessage(
        text=opt_str(obj, "text"),
        buttons=parse_buttons(obj.get("buttons")),
        image=opt_str(obj, "image"),
        custom=opt_object(obj, "custom"),
    )


@dataclass(frozen=True)
class StoredInbound:
    """The backend's answer to ``POST /api/messages/inbound``."""

    conversation_id: str
    message_id: str
    duplicate: bool
    handled_by: str
    customer_code: str | None
    verified: bool
    offered_payloads: tuple[str, ...]
    notice: str | None = None  # said while a person is awaited (handled_by "agent")
    answered: bool = False  # the backend answered it itself (a satisfaction rating): notice


@dataclass(frozen=True)
class OutboxItem:
    """One claimed outbox row."""

    id: str
    channel: str
    address: str
    text: str
    buttons: tuple[Button, ...]
    conversation_id: str | None
    kind: str | None
    language: str | None = None  # the conversation's (es|en), when the backend knows it
    attachments: tuple[str, ...] = ()  # files that go with it (photos, or signed links)


@dataclass(frozen=True)
class Delivery:
    """What a sender reports back after delivering a row."""

    via: str
    provider_message_id: str | None = None
