"""What the customer is told by the backend during a handoff, in both languages."""

from __future__ import annotations

from backend.domain.language import pick

TEXTS: dict[str, dict[str, str]] = {
    "joined": {
        "es": "{name}, del equipo de atención, se ha unido a la conversación.",
        "en": "{name} from our service team has joined the conversation.",
    },
    "released": {
        "es": "Te paso de nuevo con el asistente virtual. Escríbeme cuando quieras.",
        "en": "You are back with the virtual assistant. Write whenever you like.",
    },
    "transferred": {
        "es": "Te paso con otra persona del equipo; enseguida te atiende.",
        "en": "I'm passing you to a colleague, who will be with you shortly.",
    },
}


def text(key: str, language: str | None, **values: str) -> str:
    return pick(TEXTS[key], language).format(**values)
