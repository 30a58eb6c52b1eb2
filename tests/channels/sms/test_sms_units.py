"""Pure parts of the SMS channel: keywords, numbered replies, encodings, prompts, settings."""

from __future__ import annotations

import pytest

from channels.config import Settings
from channels.core.errors import ConfigError
from channels.sms import gsm
from channels.sms.parse import choice_of, keyword_of
from channels.sms.render import split_sms
from channels.sms.texts import reply_prompt

BASE = {"AVISA_TOKEN_GATEWAY": "gw", "AVISA_TOKENS_FILE": "/nonexistent"}


@pytest.mark.parametrize(("body", "number"), [
    ("2", 2), ("2.", 2), (" 2) ", 2), ("opción 2", 2), ("Opcion 3", 3), ("option 1", 1),
    ("#2", 2), ("número 2", 2), ("22 de mayo", None), ("2 compresores", None), ("", None),
])
def test_numbered_replies(body: str, number: int | None) -> None:
    assert choice_of(body) == number


@pytest.mark.parametrize(("body", "opt_out_type", "meaning"), [
    ("STOP", "", "stop"), ("stop.", "", "stop"), ("Baja", "", "stop"), ("START", "", "start"),
    ("alta", "", "start"), ("para de escribir", "", None), ("yes", "START", "start"),
    ("stop the noise please", "", None),
])
def test_keywords(body: str, opt_out_type: str, meaning: str | None) -> None:
    assert keyword_of(body, opt_out_type) == meaning


def test_encoding_and_lengths() -> None:
    assert gsm.encoding("Hola, ¿qué tal? ñ ü é") == "gsm7"
    assert gsm.encoding("canción") == "ucs2"  # ó is not GSM-7
    assert gsm.length("[€]", "gsm7") == 6  # extension characters take two septets
    assert gsm.length("🙂", "ucs2") == 2
    assert gsm.segments("a" * 160) == 1 and gsm.segments("a" * 161) == 2
    assert gsm.segments("a" * 306) == 2 and gsm.segments("a" * 307) == 3
    assert gsm.segments("ó" * 70) == 1 and gsm.segments("ó" * 71) == 2


def test_one_message_up_to_what_twilio_concatenates() -> None:
    assert split_sms("ó" * 71) == ["ó" * 71]  # two segments, one message
    assert split_sms("a" * 1600) == ["a" * 1600]
    long = " ".join(["word"] * 400)  # 1,999 characters
    parts = split_sms(long)
    assert [p[-6:] for p in parts] == [" (1/2)", " (2/2)"] and all(len(p) <= 1600 for p in parts)
    assert " ".join(p[:-6] for p in parts) == long


def test_smart_encoding_keeps_spanish_in_gsm7() -> None:
    text = "¿Quién paga la visita? «Según contrato» – sí, también el desplazamiento…"
    assert gsm.smart(text) == ("¿Quién paga la visita? \"Segun contrato\" - si, también el "
                               "desplazamiento...")  # é is GSM-7
    assert gsm.encoding(gsm.smart(text)) == "gsm7"
    assert gsm.smart("Ñandú à la carte, ça va") == "Ñandu à la carte, ca va"  # only Ç is GSM-7
    assert gsm.smart("Gracias 🙂 señora") == "Gracias 🙂 señora"  # emoji: stays UCS-2 as it is


@pytest.mark.parametrize(("count", "es", "en"), [
    (1, "Responda 1", "Reply 1"), (2, "Responda 1 o 2", "Reply 1 or 2"),
    (3, "Responda 1, 2 o 3", "Reply 1, 2 or 3"), (8, "Responda 1, 2, 3, 4, 5, 6, 7 u 8",
                                                  "Reply 1, 2, 3, 4, 5, 6, 7 or 8"),
])
def test_reply_prompts(count: int, es: str, en: str) -> None:
    assert (reply_prompt(count, "es"), reply_prompt(count, "en")) == (es, en)


def test_provider_settings_from_environment() -> None:
    settings = Settings.from_env({
        **BASE, "AVISA_PUBLIC_URL": "https://avisa.example.com/", "AVISA_TELEGRAM_TOKEN": "1:x",
        "AVISA_TWILIO_ACCOUNT_SID": "AC1", "AVISA_TWILIO_AUTH_TOKEN": "t",
        "AVISA_TWILIO_FROM": "MG123"})
    assert settings.public_url == "https://avisa.example.com" and not settings.demo
    assert settings.telegram is not None and settings.telegram.api_url.endswith("/bot")
    assert len(settings.telegram.secret) == 64  # derived when AVISA_TELEGRAM_SECRET is unset
    assert settings.twilio is not None and settings.twilio.sender_field == "MessagingServiceSid"
    assert Settings.from_env(BASE).telegram is None


@pytest.mark.parametrize("env", [
    {"AVISA_TWILIO_ACCOUNT_SID": "AC1"},
    {"AVISA_TELEGRAM_TOKEN": "1:x", "AVISA_TELEGRAM_SECRET": "has spaces"},
    {"AVISA_PUBLIC_URL": "avisa.example.com"},
])
def test_bad_provider_settings_are_named(env: dict[str, str]) -> None:
    with pytest.raises(ConfigError, match="AVISA_"):
        Settings.from_env({**BASE, **env})
