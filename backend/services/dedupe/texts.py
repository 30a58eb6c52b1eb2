"""Customer-facing wording of the duplicate flow and of assignments, in both languages,
and how a report's channel and time are shown to people."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from backend.domain.language import pick

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

TEXTS: dict[str, dict[str, str]] = {
    "incident_assigned": {
        "es": "Avisa: Técnico {technician} asignado a {incident}.",
        "en": "Avisa: Technician {technician} assigned to {incident}.",
    },
    "incident_merged": {
        "es": "Avisa: su aviso {source} trata del mismo problema que {target}; los hemos "
              "unido y le informaremos de {target}.",
        "en": "Avisa: your report {source} is about the same problem as {target}; we merged "
              "them and will keep you posted on {target}.",
    },
    "incident_unmerged": {
        "es": "Avisa: {source} vuelve a seguirse por separado de {target}.",
        "en": "Avisa: {source} is followed separately from {target} again.",
    },
    "incident_split": {
        "es": "Avisa: su mensaje se trata como un problema distinto de {source}: {target}.",
        "en": "Avisa: your message is handled as a problem separate from {source}: {target}.",
    },
}


def render(kind: str, lang: str | None, **values: str) -> str:
    return pick(TEXTS[kind], lang).format(**values)


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
