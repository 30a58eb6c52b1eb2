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
    ("ok. update: PSU 1 is flickering too and the node rebooted twice, it's now completely down",
     "high"),
    ("ha saltado el termico del ventilador y no rearma", "high"),
    ("la camara de conservacion esta a 9 grados y subiendo", "high"),
    ("kitchen fridge at 11C with food inside, need some1 asap", "high"),
    ("se nos ha caido el NAS de la oficina", "high"),
    # people in danger or everything stopped -> critical
    ("hay dos personas atrapadas en el ascensor", "critical"),
    ("someone is stuck in the lift between floors 3 and 4", "critical"),
    ("URGENTE tunel parado!! TODA LA PRODUCCION PARADA", "critical"),
    ("the whole plant is down, all lines stopped", "critical"),
    ("huele a gas en la sala de calderas", "critical"),
    ("emergency: the vaccine fridge has stopped", "critical"),
    # the critical service is already being cut -> critical
    ("Hemos tenido que aplazar las operaciones de esta tarde, el quirofano esta a 27", "critical"),
    ("theatre 3 is at 28C, the afternoon theatre list has been cancelled", "critical"),
    ("the surgeries scheduled for today are being postponed, theatre AHU is off", "critical"),
    ("we are having to shut down some servers, the room is at 35C", "critical"),
    ("Estamos apagando los sistemas no criticos del CPD para que no se caliente mas", "critical"),
    ("started shedding load in hall 2 to keep the temperature down", "critical"),
    # stopped again / will not even start -> high
    ("la selladora se ha vuelto a parar y ya no arranca", "high"),
    ("el horno se nos ha parado otra vez", "high"),
    ("the wrapper stopped again and now won't even start", "high"),
    ("line 3 conveyor doesn't even turn on anymore", "high"),
    # degraded -> medium
    ("el compresor esta perdiendo aceite por abajo, hay un charquito", "medium"),
    ("the printer keeps jamming every 10-15 pages", "medium"),
    ("weak seals on the outer lanes, it's still running, we're just rejecting more", "medium"),
    ("tripped twice on high discharge temperature, restarts fine and we have air", "medium"),
    ("hace un ruido raro al arrancar", "medium"),
    # a plant's machine room is no server room
    ("el compresor de la sala de maquinas salta por temperatura, lo rearmamos y sigue", "medium"),
    ("la impresora no escanea a correo", "medium"),
    ("no enfria bien, pero sigue funcionando", "medium"),
    ("it stops sometimes but mostly works ok", "medium"),
    # confined to part of what it serves -> medium
    ("el VRV de habitaciones no enfria en la 402, 405 y 411", "medium"),
    ("the AC is not cooling in some rooms, the rest are fine", "medium"),
    ("lo del VRV ya hemos reseteado el cuadro y nada, el resto de plantas va bien", "medium"),
    ("the fire alarm panel shows a fault", "medium"),
    # cosmetic / no rush -> low
    ("tiene un arañazo en el panel frontal, es solo estetico", "low"),
    ("the side panel has a dent, purely cosmetic", "low"),
    ("no es urgente, cuando podais", "low"),
    ("not urgent at all, it can wait till next week", "low"),
    ("Nothing urgent at all: the cover is cracked, it prints and scans perfectly", "low"),
    ("add it to the list for the next time a technician is passing by", "low"),
    ("whenever you can", "low"),
    # nothing to read -> None (the bot asks)
    ("hola", None),
    ("the compressor at the Getafe site", None),
    ("", None),
])
def test_read_urgency(text: str, level: str | None) -> None:
    assert read_urgency(text) == level


def test_a_description_reads_critical_only_for_danger_or_everything_stopped() -> None:
    assert read_urgency("critical failure, emergency, everything stopped") == "critical"
    assert read_urgency("the copier is stopped") == "high"
    assert read_urgency("the fridge stopped, food at risk, please hurry") == "high"


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


def test_a_troubleshooting_restart_is_not_a_shed_load() -> None:
    assert read_urgency("we switched the printer off and on, still jams every few pages") \
        == "medium"
    assert read_urgency("the operation of the lift is a bit noisy") == "medium"


def test_stopped_with_food_out_of_the_cold_is_high() -> None:
    text = ("la tenemos parada desde las 3 y el producto esperando en la mesa, es atun y no "
            "puede estar mucho rato fuera de frio")
    assert read_urgency(text) == "high"
