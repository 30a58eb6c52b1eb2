"""A message the NLU did not place, or a question read as a report: is anything wrong?"""

from __future__ import annotations

import pytest

from actions.parsing import asks_to_cancel
from actions.understanding import (
    asks_without_fault,
    denies_fault,
    no_cancellation,
    says_something_wrong,
)


@pytest.mark.parametrize("text", [
    "la envasadora de la linea 1 no sella bien las bolsas, se abren por arriba",
    "kitchen fridge (the 2 door infrico) at 11C with food inside, need some1 asap",
    "the Kyocera printer is printing with grey streaks down every page",
    "the copier shows E-231, what does it mean?",
])
def test_a_fault_is_said(text: str) -> None:
    assert says_something_wrong(text) and not asks_without_fault(text)


@pytest.mark.parametrize(("text", "question"), [
    ("por cierto, vendeis tambien carretillas nuevas? la nuestra tiene ya unos años", True),
    ("are you open on the 8th of Dec? bank holiday here isn't it", True),
    ("vale. lo de las envasadoras, mejor un sabado si puede ser, que entre semana no paramos",
     False),
])
def test_nothing_wrong_is_said(text: str, question: bool) -> None:
    assert not says_something_wrong(text) and asks_without_fault(text) == question


@pytest.mark.parametrize(("text", "asked"), [
    ("Good news - Jordi has traced it: the connector was loose. Please cancel the call-out.",
     True),
    ("you can cancel it, the door wasn't closing properly", True),
    ("ya podeis cancelarlo, era el enchufe", True),
    ("cancela el aviso porfa", True),
    ("the printer keeps cancelling jobs", False),
    ("when I press cancel the job stays in the queue", False),
    ("la impresora cancela los trabajos a medias", False),
])
def test_an_outright_request_to_cancel(text: str, asked: bool) -> None:
    assert asks_to_cancel(text) == asked


@pytest.mark.parametrize(("text", "denies"), [
    ("No es averia eh, van perfectamente, es q en marzo tenemos auditoria", True),
    ("no hay ningun problema con ellas, solo queremos la revision anual", True),
    ("It's not a breakdown, they run fine, we just want them serviced before the peak", True),
    ("nothing's wrong with it, just due its annual check", True),
    ("que conste q no estan averiadas, van perfectamente, es solo la revision anual", True),
    ("they aren't broken, we just want them looked at before the peak", True),
    ("funciona bien pero hace un ruido raro al arrancar", False),
    ("the printer works fine now, but the scanner jams every few pages", False),
    ("no es averia del todo pero pierde aceite", False),
    ("la de Delicias va bien, es el mural de lacteos que no enfria", False),
])
def test_a_message_that_says_there_is_no_fault(text: str, denies: bool) -> None:
    assert denies_fault(text) is denies


@pytest.mark.parametrize(("text", "not_cancel"), [
    ("Estamos suspendiendo las intervenciones de hoy, necesitamos a alguien ya", True),
    ("the whole line is down now and we need someone immediately", True),
    ("Please cancel the call-out: the emergency stop had been left pressed in", False),
    ("ya funciona, no hace falta que vengais", False),
    ("It's working fine now, you can call it off", False),
    ("ya esta arreglado, gracias", False),  # says nothing serious: left to the question
])
def test_a_serious_remark_is_no_cancellation(text: str, not_cancel: bool) -> None:
    assert no_cancellation(text) is not_cancel
