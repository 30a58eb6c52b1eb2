"""The conversations file (tests/dialogues/*.yml) read into typed objects.

The format is the writers' (docs in the file's header and tests/dialogues/README part of
the repository README): channel, language, sender, optional setup, the customer's turns and
the end-state ``expect`` checks. ``AVISA_DIALOGUES`` names the file to run (default: the
working file, conversations.yml).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
DEFAULT_FILE = HERE / "conversations.yml"
BUTTON_PREFIX = "[button:"


@dataclass(frozen=True)
class Sender:
    known: bool
    customer: str
    contact: str | None = None


@dataclass(frozen=True)
class Conversation:
    id: str
    channel: str  # web | telegram | sms | email
    language: str  # es | en
    sender: Sender
    turns: list[str]
    setup: dict[str, Any] = field(default_factory=dict)
    expect: dict[str, Any] = field(default_factory=dict)


def conversations_file() -> Path:
    chosen = os.environ.get("AVISA_DIALOGUES")
    if not chosen:
        return DEFAULT_FILE
    path = Path(chosen)
    return path if path.is_absolute() else HERE.parents[1] / path


def load(path: Path) -> list[Conversation]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(raw, list):
        raise TypeError(f"{path}: a list of conversations expected")
    return [_conversation(item) for item in raw]


def _conversation(item: dict[str, Any]) -> Conversation:
    sender = item.get("sender") or {}
    contact = sender.get("contact")
    return Conversation(
        id=str(item["id"]),
        channel=str(item["channel"]),
        language=str(item.get("language", "es")),
        sender=Sender(known=bool(sender.get("known", False)),
                      customer=str(sender.get("customer", "")),
                      contact=None if contact is None else str(contact)),
        turns=[str(t) for t in item.get("turns") or []],
        setup=dict(item.get("setup") or {}),
        expect=dict(item.get("expect") or {}),
    )


def button_label(turn: str) -> str | None:
    """``"[button: Alta]"`` → ``"Alta"``; ``None`` for a typed message."""
    text = turn.strip()
    if text.lower().startswith(BUTTON_PREFIX) and text.endswith("]"):
        return text[len(BUTTON_PREFIX):-1].strip()
    return None
