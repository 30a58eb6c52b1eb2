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
            }
        ),
    }
)


def texts_for(language: str | None) -> MappingProxyType[str, str]:
    return TEXTS.get((language or "en").lower()[:2], TEXTS["en"])
