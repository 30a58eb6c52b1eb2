"""Language detection shared by the gateway and the bot's LanguageDetector component."""

import pytest

from channels.core import language as langdetect


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("hola", "es"),
        ("¿Me ayudas?", "es"),
        ("la fotocopiadora de la segunda planta no imprime", "es"),
        ("ERROR E42 EN LA NEVERA", "es"),
        ("xq no viene el tecnico??", "es"),
        ("el compresor pierde aceite desde ayer", "es"),
        ("mi código es 482913", "es"),
        ("el del almacén", "es"),
        ("mañana x la tarde", "es"),
        ("Estimados señores: les escribo por la carretilla", "es"),
        ("gracias", "es"),
        ("vale", "es"),
        ("hi", "en"),
        ("the copier on the second floor keeps jamming", "en"),
        ("FRIDGE SHOWS E42", "en"),
        ("pls send someone asap", "en"),
        ("my code is 482913", "en"),
        ("the one in the warehouse", "en"),
        ("forklift won't start", "en"),
        ("Dear Sir or Madam, our server is down", "en"),
        ("thanks", "en"),
        ("yes", "en"),
        ("are you a bot", "en"),
    ],
)
def test_language(text: str, language: str) -> None:
    assert langdetect.detect(text) == language


@pytest.mark.parametrize(
    "text", ["", "ok", "1", "SN-48213", "👍", "C-1002", "INC-00457", "482913", "no", "??"]
)
def test_not_confident(text: str) -> None:
    assert langdetect.detect(text) is None


def test_scores_ignore_identifiers() -> None:
    assert langdetect.scores("SN-48213 KM-C458-00912 #457") == (0.0, 0.0)
