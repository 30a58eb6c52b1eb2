"""An outbox row as the SMS bodies to send: numbered choices, split to SMS length."""

from __future__ import annotations

from channels.core import language as lang
from channels.core.models import Button, OutboxItem
from channels.core.split import split_text
from channels.sms import gsm
from channels.sms.texts import reply_prompt

MAX_PARTS = 99


def choices_text(text: str, buttons: tuple[Button, ...], language: str) -> str:
    """The text followed by "1. Title" lines and the prompt to reply with a number."""
    if not buttons:
        return text
    lines = [f"{n}. {button.title}" for n, button in enumerate(buttons, start=1)]
    return "\n".join([text.rstrip(), *lines, reply_prompt(len(buttons), language)]).strip()


def language_of(item: OutboxItem) -> str:
    return item.language or lang.detect(item.text) or "es"


def render(item: OutboxItem) -> list[str]:
    """The SMS bodies for ``item``: one when it fits a single message, else numbered parts
    "… (1/3)" split on sentence and word boundaries, each fitting one message."""
    body = choices_text(item.text, item.buttons, language_of(item))
    return split_sms(body)


def split_sms(body: str) -> list[str]:
    enc, limit = gsm.single_limit(body)
    if gsm.length(body, enc) <= limit:
        return [body]
    parts: list[str] = []
    for total in range(2, MAX_PARTS + 1):
        suffix = f" ({total}/{total})"
        width = limit - gsm.length(suffix, enc)
        parts = split_text(body, width, lambda s: gsm.length(s, enc))
        if len(parts) <= total:
            break
    count = len(parts)
    return [f"{part} ({n}/{count})" for n, part in enumerate(parts, start=1)]
