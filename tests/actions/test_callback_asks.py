"""Which messages ask to be called back (actions/followups.py): the call words people use,
regional Spanish and casual English included, and mentions of a call that ask for none."""

from __future__ import annotations

import pytest

from actions.callback_text import asks_callback, reads_as_callback


@pytest.mark.parametrize("text", [
    "q me marque el de mantenimiento al 611 22 33 44 antes de subir, porfa",
    "marcame al 622334455 despues de las 5",
    "si me pueden marcar al 633 44 55 66 mejor x la tarde",
    "dame un toque al 600112233 cuando salgais",
    "que me de un toque el tecnico al 644 55 66 77",
    "give us a ring on 0161 496 0000 after 2pm",
    "could the engineer give me a call on 07700 900123 before he sets off",
    "pls have them call ahead, 07700 900456, I'm usually out on the floor",
    "Could your service manager ring me back tomorrow between 10 and 12?",
])
def test_asks_to_be_called(text: str) -> None:
    assert asks_callback(text)
    assert reads_as_callback(text)


@pytest.mark.parametrize("text", [
    "the technician called at 3 and said he'd come tomorrow",
    "el mercado abre de 8 a 2",
    "la marca es Carrier, modelo 30RB 0262",
    "marqué la casilla 2 del formulario",
])
def test_a_mention_is_no_request(text: str) -> None:
    assert not asks_callback(text)
