"""An outbox row as the SMS bodies to send: numbered choices, written in GSM-7 where the
text allows, sent as ONE message up to Twilio's 1,600 characters (Twilio concatenates a
long message itself and bills it by segment); only a longer text is split, numbered."""

from __future__ import annotations

from channels.core import language as lang
from channels.core.models import Button, OutboxItem
from channels.core.split import split_text
from channels.sms import gsm
from channels.sms.texts import reply_prompt

MAX_PARTS = 99
MAX_BODY = 1600  # characters Twilio accepts in one message (it concatenates the segments)


def choices_text(text: str, buttons: tuple[Button, ...], language: str) -> str:
    """The text followed by "1. Title" lines and the prompt to reply with a number."""
    if not buttons:
        return text
    lines = [f"{n}. {button.title}" for n, button in enumerate(buttons, start=1)]
    return "\n".join([text.rstrip(), *lines, reply_prompt(len(buttons), language)]).strip()


def language_of(item: OutboxItem) -> str:
    return item.language or lang.detect(item.text) or "es"


def render(item: OutboxItem) -> list[str]:
    """The SMS bodies for ``item``: one, unless it is longer than Twilio takes in one
    message; then numbered parts "… (1/3)" split on sentence and word boundaries."""
    body = gsm.smart(choices_text(item.text, item.buttons, language_of(item)))
    return split_sms(body)


def split_sms(body: str, limit: int = MAX_BODY) -> list[str]:
    if len(body) <= limit:
        return [body]
    parts: list[str] = []
    for total in range(2, MAX_PARTS + 1):
        suffix = f" ({total}/{total})"
        parts = split_text(body, limit - len(suffix))
        if len(parts) <= total:
            break
    count = len(parts)
    return [f"{part} ({n}/{count})" for n, part in enumerate(parts, start=1)]
