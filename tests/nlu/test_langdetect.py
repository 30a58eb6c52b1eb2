"""Language detection shared by the gateway and the bot's LanguageDetector component."""

import pytest

from channels.core import language as langdetect


@pytest.mark.parametrize(
    "text",
    [
        "hola",
        "¿Me ayudas?",
        "la fotocopiadora de la segunda planta no imprime",
        "ERROR E42 EN LA NEVERA",
        "xq no viene el tecnico??",
        "el compresor pierde aceite desde ayer",
        "mi código es 482913",
        "el del almacén",
        "mañana x la tarde",
        "Estimados señores: les escribo por la carretilla",
        "gracias",
        "vale",
    ],
)
def test_spanish(text: str) -> None:
    assert langdetect.detect(text) == "es"


@pytest.mark.parametrize(
    "text",
    [
        "hi",
        "the copier on the second floor keeps jamming",
        "FRIDGE SHOWS E42",
        "pls send someone asap",
        "my code is 482913",
        "the one in the warehouse",
        "forklift won't start",
        "Dear Sir or Madam, our server is down",
        "thanks",
        "yes",
        "are you a bot",
    ],
)
def test_english(text: str) -> None:
    assert langdetect.detect(text) == "en"


@pytest.mark.parametrize(
    "text", ["", "ok", "1", "SN-48213", "👍", "C-1002", "INC-00457", "482913", "no", "??"]
)
def test_not_confident(text: str) -> None:
    assert langdetect.detect(text) is None


def test_scores_ignore_identifiers() -> None:
    assert langdetect.scores("SN-48213 KM-C458-00912 #457") == (0.0, 0.0)
