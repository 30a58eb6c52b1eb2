"""Customer-facing texts written by the backend itself, in both languages."""

from __future__ import annotations

from backend.domain.language import pick

OTP_TEXT: dict[str, str] = {
    "en": "Avisa: your verification code is {code} (valid {minutes} minutes).",
    "es": "Avisa: tu código de verificación es {code} (válido {minutes} minutos).",
}


def otp_text(language: str | None, code: str, minutes: int) -> str:
    template = pick(OTP_TEXT, language)
    return template.format(code=code, minutes=minutes)
