"""How a report's channel and time are shown to people (the wording of the duplicate flow
and of assignments is in the catalogue, `backend.domain.texts`)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

DISPLAY_TIMEZONE = ZoneInfo("Europe/Madrid")  # the service desk's local time
SUMMARY_CHARS = 80

CHANNEL_NAMES: dict[str, dict[str, str]] = {
    "email": {"es": "correo electrónico", "en": "e-mail"},
    "sms": {"es": "SMS", "en": "SMS"},
    "whatsapp": {"es": "WhatsApp", "en": "WhatsApp"},
    "telegram": {"es": "Telegram", "en": "Telegram"},
    "web": {"es": "el chat web", "en": "web chat"},
    "rest": {"es": "el chat", "en": "chat"},
}


def channel_names(channel: str) -> dict[str, str]:
    return CHANNEL_NAMES.get(channel, {"es": channel, "en": channel})


def local_time(at: datetime, now: datetime) -> str:
    """09:14 today, 02/03 09:14 on another day (desk's local time)."""
    mine, today = at.astimezone(DISPLAY_TIMEZONE), now.astimezone(DISPLAY_TIMEZONE)
    return mine.strftime("%H:%M" if mine.date() == today.date() else "%d/%m %H:%M")


def summary(text: str) -> str:
    """The first words of a report, for "INC-00457 — compressor not starting"."""
    flat = " ".join(text.split())
    if len(flat) <= SUMMARY_CHARS:
        return flat
    cut = flat[:SUMMARY_CHARS].rsplit(" ", 1)[0]
    return f"{cut}…"


def short_name(full: str) -> str:
    """Javier Royo → Javier R."""
    parts = full.split()
    return f"{parts[0]} {parts[1][0]}." if len(parts) > 1 else full
