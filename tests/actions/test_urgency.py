"""Reading urgency from what customers write (issue 13 §1): bilingual, typos, no accents."""

from __future__ import annotations

import pytest

from actions.urgency import higher, parse_urgency_answer, read_urgency, urgency_said


@pytest.mark.parametrize(("text", "level"), [
    # stopped / unsafe / production, food, health, critical IT at risk -> high
    ("la cámara de congelados está parada desde esta mañana", "high"),
    ("la camara d congelados esta parada dsd esta mñn", "high"),
    ("la central de frio no enfria, los lacteos ya estan a 9 grados, tenemos q tirar genero??",
     "high"),
    ("Reach truck won't lift above 2m, it's basically out of action", "high"),
    ("The roof chiller has now stopped completely, LP trip on circuit 2", "high"),
    ("hall 1 is at 27C and climbing, racks 12-13 running hot", "high"),
    ("sale humo del cuadro electrico", "high"),
    ("there's a burning smell coming from the motor", "high"),
    ("the packing line is down, production has stopped", "high"),
    ("la enfriadora de quirofanos no llega a temperatura", "high"),
    ("el ascensor no funciona", "high"),
    ("printer dead, nothing on the display", "high"),
    # degraded -> medium
    ("el compresor esta perdiendo aceite por abajo, hay un charquito", "medium"),
    ("the printer keeps jamming every 10-15 pages", "medium"),
    ("weak seals on the outer lanes, it's still running, we're just rejecting more", "medium"),
    ("tripped twice on high discharge temperature, restarts fine and we have air", "medium"),
    ("hace un ruido raro al arrancar", "medium"),
    ("la impresora no escanea a correo", "medium"),
    ("no enfria bien, pero sigue funcionando", "medium"),
    ("it stops sometimes but mostly works ok", "medium"),
    # cosmetic / no rush -> low
    ("tiene un arañazo en el panel frontal, es solo estetico", "low"),
    ("the side panel has a dent, purely cosmetic", "low"),
    ("no es urgente, cuando podais", "low"),
    ("not urgent at all, it can wait till next week", "low"),
    # nothing to read -> None (the bot asks)
    ("hola", None),
    ("the compressor at the Getafe site", None),
    ("", None),
])
def test_read_urgency(text: str, level: str | None) -> None:
    assert read_urgency(text) == level


def test_a_description_never_reads_as_critical() -> None:
    assert read_urgency("critical failure, emergency, everything stopped") == "high"


@pytest.mark.parametrize(("answer", "level"), [
    ("1", "low"), ("2", "medium"), ("3", "high"), ("4", "critical"), ("4.", "critical"),
    ("low", "low"), ("Media", "medium"), ("normal", "medium"), ("alta", "high"),
    ("Crítica", "critical"), ("critica", "critical"), ("muy urgente!!", "critical"),
    ("es una emergencia", "critical"), ("urgent please", "high"), ("bastante urgente", "high"),
    ("production is down", "high"), ("esta todo parado", "high"),
    ("no corre prisa", "low"), ("it can wait", "low"), ("meh, so so", "medium"),
    ("it still works, just noisy", "medium"),
    ("banana", None), ("/inform", None), ("5", None),
])
def test_parse_urgency_answer(answer: str, level: str | None) -> None:
    assert parse_urgency_answer(answer) == level


def test_higher_keeps_the_more_urgent() -> None:
    assert higher("medium", "high") == "high"
    assert higher("high", "medium") == "high"
    assert higher(None, "low") == "low"
    assert higher("low", None) == "low"


def test_a_description_kept_from_before_verification_counts() -> None:
    kept = "Hello, our compressor has been leaking oil since this morning"
    assert urgency_said(None, "C-1001", kept) == read_urgency(kept) == "medium"
    assert urgency_said("low", "482913", kept) == "medium"
    assert urgency_said("high", "482913", kept) == "high"  # never lowered
    assert urgency_said(None, "C-1001", "") is None  # nothing said: asked
