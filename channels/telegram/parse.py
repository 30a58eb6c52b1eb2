"""A Telegram ``Update`` as one ``InboundMessage``, plus a pressed inline button's index.

``update_id`` is the idempotency key. Private chats only; other updates (groups, edits,
membership changes) are not for the bot and yield ``None``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from telegram import CallbackQuery, Message, Update, User

from channels.core.models import InboundMessage, StoredInbound
from channels.telegram.texts import COMMANDS

CHANNEL = "telegram"
MEDIA_KINDS = ("photo", "document", "voice", "audio", "video", "sticker", "location", "contact")


@dataclass(frozen=True)
class TelegramFile:
    """A file of a message, fetched later through ``getFile``."""

    file_id: str
    kind: str
    filename: str | None = None


@dataclass(frozen=True)
class TelegramInbound:
    message: InboundMessage
    callback_id: str | None = None  # a callback query to answer
    choice: int | None = None  # the pressed button's index in the offered payloads
    fingerprint: str | None = None  # of the payloads offered when the button was sent
    media_only: bool = False  # no text: stored, answered by a notice
    files: tuple[TelegramFile, ...] = ()


def fingerprint(payloads: Sequence[str]) -> str:
    """Short digest of an offered payload list: detects a button from an older message."""
    return hashlib.sha256("\x1f".join(payloads).encode()).hexdigest()[:8]


def callback_data(index: int, payloads: Sequence[str]) -> str:
    return f"{index}:{fingerprint(payloads)}"  # at most 11 bytes of the allowed 64


def language_of(user: User | None) -> str | None:
    """es|en from the user's Telegram language_code; None when Telegram sent none."""
    code = (user.language_code or "") if user else ""
    if not code:
        return None
    return "es" if code.lower().startswith("es") else "en"


def parse_update(update: Update) -> TelegramInbound | None:
    for kind, parse in PARSERS.items():
        value = getattr(update, kind)
        if value is not None:
            return parse(update, value)
    return None


def _message(update: Update, message: Message) -> TelegramInbound | None:
    if message.chat.type != "private":
        return None
    user = message.from_user
    language = language_of(user)
    text = message.text or message.caption or ""
    kind = next((k for k in MEDIA_KINDS if getattr(message, k)), None)
    meta = _metadata(user, language) | ({"media": kind} if kind else {})
    marker = f"[{kind or 'empty'}]"
    if message.location is not None:
        where = message.location
        meta["location"] = {"latitude": where.latitude, "longitude": where.longitude}
        marker = f"[location {where.latitude:.5f},{where.longitude:.5f}]"
    payload = _command(text, language)
    if payload is not None:
        meta["command"] = text.split()[0]
    inbound = InboundMessage(CHANNEL, str(message.chat.id), text or marker,
                             str(update.update_id), payload=payload, metadata=meta)
    return TelegramInbound(inbound, media_only=not text.strip(), files=files_of(message))


def files_of(message: Message) -> tuple[TelegramFile, ...]:
    """The largest size of a photo; a document with its name; a voice note, audio, video."""
    if message.photo:
        return (TelegramFile(message.photo[-1].file_id, "photo"),)
    if message.document is not None:
        return (TelegramFile(message.document.file_id, "document", message.document.file_name),)
    for attr, kind in (("voice", "voice"), ("audio", "voice"), ("video", "video")):
        media = getattr(message, attr)
        if media is not None:
            return (TelegramFile(media.file_id, kind),)
    return ()


def _callback(update: Update, query: CallbackQuery) -> TelegramInbound | None:
    message = query.message
    if message is None or message.chat.type != "private":
        return None
    data = query.data or ""
    index, _, digest = data.partition(":")
    title = _button_title(query, data) or data
    meta = _metadata(query.from_user, language_of(query.from_user)) | {"callback_data": data}
    inbound = InboundMessage(CHANNEL, str(message.chat.id), title, str(update.update_id),
                             metadata=meta)
    choice = int(index) if index.isdigit() else None
    return TelegramInbound(inbound, callback_id=query.id, choice=choice, fingerprint=digest)


PARSERS: dict[str, Callable[[Update, object], TelegramInbound | None]] = {
    "message": _message,  # type: ignore[dict-item]
    "callback_query": _callback,  # type: ignore[dict-item]
}


def _command(text: str, language: str | None) -> str | None:
    """``/start``, ``/help@avisa_bot`` … → the words for the bot; None for other text."""
    if not text.startswith("/"):
        return None
    name = text.split()[0].split("@")[0].lower()
    words = COMMANDS.get(name)
    return words[language or "es"] if words else None


def _metadata(user: User | None, language: str | None) -> dict[str, object]:
    meta: dict[str, object] = {"language": language} if language else {}
    if user is not None:
        meta["telegram_user_id"] = user.id
        if user.username:  # a contact registered by @username is recognised by it
            meta["telegram_username"] = user.username
    return meta


def _button_title(query: CallbackQuery, data: str) -> str | None:
    markup = getattr(query.message, "reply_markup", None)
    for row in markup.inline_keyboard if markup else ():
        for button in row:
            if button.callback_data == data:
                return str(button.text)
    return None


def resolve(event: TelegramInbound, stored: StoredInbound) -> tuple[InboundMessage, bool]:
    """The message for the bot and whether a pressed button was stale (its payloads are
    no longer the ones on offer: then its title goes to the bot as text)."""
    if event.choice is None:
        return event.message, False
    offered = stored.offered_payloads
    if event.fingerprint == fingerprint(offered) and event.choice < len(offered):
        return replace(event.message, payload=offered[event.choice]), False
    return event.message, True
