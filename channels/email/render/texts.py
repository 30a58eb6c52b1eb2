"""Wording of outbound e-mail, in Spanish and English (English is the default)."""

from __future__ import annotations

from types import MappingProxyType

LANGUAGES = frozenset({"es", "en"})

TEXTS = MappingProxyType(
    {
        "es": MappingProxyType(
            {
                "subject": "Su aviso de servicio",
                "reply": "Responda {choices}.",
                "or": "o",
                "or_before_o": "u",
                "footer": "Responda a este correo para continuar la conversación.",
                "incident": "Referencia: {incident}",
                "capped": "Hemos recibido sus mensajes. Para no llenarle el buzón de respuestas "
                "automáticas, una persona del equipo le contestará en breve.",
            }
        ),
        "en": MappingProxyType(
            {
                "subject": "Your service request",
                "reply": "Reply {choices}.",
                "or": "or",
                "or_before_o": "or",
                "footer": "Reply to this e-mail to continue the conversation.",
                "incident": "Reference: {incident}",
                "capped": "We have received your messages. So as not to fill your inbox with "
                "automatic replies, a member of the team will answer you shortly.",
            }
        ),
    }
)


def texts_for(language: str | None) -> MappingProxyType[str, str]:
    return TEXTS.get((language or "en").lower()[:2], TEXTS["en"])
