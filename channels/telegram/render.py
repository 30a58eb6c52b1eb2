"""An outbox row as ``sendMessage`` calls: text within 4096 characters, buttons as an
inline keyboard whose ``callback_data`` is the button's index (Telegram allows 64 bytes;
payloads may be longer), mapped back through the conversation's offered payloads."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from channels.core.models import Button, OutboxItem
from channels.core.split import split_text
from channels.core.technicians import PREFIX as TECH_PREFIX
from channels.telegram.parse import callback_data

MAX_TEXT = 4096


def keyboard(buttons: tuple[Button, ...]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    payloads = [b.payload for b in buttons]
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.title, callback_data=_data(i, b.payload, payloads))]
         for i, b in enumerate(buttons)]
    )


def _data(index: int, payload: str, payloads: list[str]) -> str:
    """A technician's button (``t:acc:DSP-00001``) travels verbatim: technicians have no
    bot conversation whose offered payloads could map an index back."""
    if payload.startswith(TECH_PREFIX) and len(payload.encode()) <= 64:
        return payload
    return callback_data(index, payloads)


def render(item: OutboxItem) -> list[dict[str, Any]]:
    """Keyword arguments of each ``Bot.send_message`` call; the keyboard rides on the last."""
    chunks = split_text(item.text, MAX_TEXT) or ["…"]
    calls: list[dict[str, Any]] = [{"chat_id": item.address, "text": c} for c in chunks]
    markup = keyboard(item.buttons)
    if markup is not None:
        calls[-1]["reply_markup"] = markup
    return calls
