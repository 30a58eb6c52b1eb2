"""Masking a contact destination so the customer can recognise it but nobody can read it."""

from __future__ import annotations

from collections.abc import Callable


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
