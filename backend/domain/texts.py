"""Customer-facing texts written by the backend itself, in both languages."""

from __future__ import annotations

OTP_TEXT: dict[str, str] = {
    "en": "Avisa: your verification code is {code} (valid {minutes} minutes).",
    "es": "Avisa: tu código de verificación es {code} (válido {minutes} minutos).",
}


def otp_text(language: str | None, code: str, minutes: int) -> str:
    template = OTP_TEXT.get(language or "en", OTP_TEXT["en"])
    return template.format(code=code, minutes=minutes)
