"""Masking a contact destination so the customer can recognise it but nobody can read it,
and one-time codes in what customers wrote, so agents never read them."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

# A one-time code as customers type it ("482913", "482 913", "482-913"): six digits alone, not
# part of a longer number ("+34 677 123 450"), a serial ("SN-482913") or an id.
CODE_SHAPED = re.compile(r"(?<![\w.-])(?<!\d[ .-])\d{3}[ .-]?\d{3}(?![\w-])(?![ .-]\d)")
CODE_MASK = "••••••"


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def mask_phone(phone: str) -> str:
    if len(phone) <= 6:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 6) + phone[-3:]


def mask_telegram(telegram_id: str) -> str:
    return "Telegram ***" + telegram_id[-3:]


MASKERS: dict[str, Callable[[str], str]] = {
    "email": mask_email,
    "sms": mask_phone,
    "whatsapp": mask_phone,
    "telegram": mask_telegram,
}


def mask(channel: str, address: str) -> str:
    return MASKERS[channel](address)


def mask_codes(text: str) -> str:
    """``text`` with every one-time-code-shaped number replaced by ``••••••``."""
    return CODE_SHAPED.sub(CODE_MASK, text)


def masked_message(view: Mapping[str, Any]) -> dict[str, Any]:
    """A message view as agents see it: no one-time code, whoever wrote it."""
    text = view.get("text")
    return {**view, "text": mask_codes(text)} if isinstance(text, str) else dict(view)
