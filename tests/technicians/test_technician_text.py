"""The technician-text reader on its own (pure functions): hours, km, arrival times, visit
days, parts inside a sentence and intents, as field technicians write them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from backend.domain import technician_text as tt

NOW = datetime(2026, 12, 9, 9, 0, tzinfo=ZoneInfo("Europe/Madrid"))  # a Wednesday
ITEMS = [tt.Item("GEN-PRS-10B", ("presostato de 10 bar", "10 bar pressure switch")),
         tt.Item("KS-6.4149.0", ("filtro de aire kaeser asd/csd", "air filter kaeser asd/csd"))]


@pytest.mark.parametrize(("text", "hours"), [
    ("2h y media", "2.5"), ("hora y media", "1.5"), ("90 min", "1.5"), ("1.5 hrs", "1.5"),
    ("tres horas", "3"), ("2,5h", "2.5"), ("hecho 3h", "3"), ("an hour and a half", "1.5"),
    ("2 and a half hours", "2.5"), ("media hora", "0.5"), ("2h30", "2.5"),
    ("tres horas y cuarto", "3.25"), ("no sorry it was 3 hours not 2", "3"),
])
def test_hours(text: str, hours: str) -> None:
    found = tt.hours(tt.prepare(text))
    assert found is not None and found.value == Decimal(hours)


@pytest.mark.parametrize(("text", "km"), [
    ("forty km", "40"), ("cuarenta kms", "40"), ("35 km ida y vuelta", "35"), ("18km", "18"),
    ("no perdón fueron 50 km no 60", "50"), ("cuarenta y cinco km", "45"), ("3h 40 km", "40"),
])
def test_km(text: str, km: str) -> None:
    found = tt.km(tt.prepare(text))
    assert found is not None and found.value == Decimal(km)


def test_no_hours_or_km_where_there_are_none() -> None:
    assert tt.hours(tt.prepare("cambiado el presostato")) is None
    assert tt.km(tt.prepare("stuck on the M25 near junction 10")) is None
    assert tt.hours(tt.prepare("3h 40 km")).value == 3  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "at"), [
    ("running late, there by 12", "12:00"), ("a las 5 y media estoy alli", "17:30"),
    ("gonna be there around 11:15", "11:15"), ("llego en 20 min", "09:20"), ("5pm", "17:00"),
    ("sobre las 10 y cuarto", "10:15"), ("half past 11", "11:30"),
    ("be there by half 11", "11:30"), ("half an hour late", "09:30"),
    ("a las 12 menos cuarto", "11:45"), ("around noon", "12:00"), ("eta 10:45", "10:45"),
])
def test_arrival_times(text: str, at: str) -> None:
    found = tt.arrival(tt.prepare(text), NOW)
    assert found is not None and found.strftime("%H:%M") == at and found > NOW


def test_no_arrival_time_in_road_names() -> None:
    assert tt.arrival(tt.prepare("flat tire on I-95, accidente en la A-6"), NOW) is None


@pytest.mark.parametrize(("text", "day"), [
    ("back on Thursday", date(2026, 12, 10)), ("vuelvo el lunes que viene", date(2026, 12, 14)),
    ("pasado mañana vuelvo", date(2026, 12, 11)), ("mañana por la mañana", date(2026, 12, 10)),
    ("back wednesday", date(2026, 12, 16)), ("next week", date(2026, 12, 14)),
])
def test_visit_days(text: str, day: date) -> None:
    assert tt.visit_day(tt.prepare(text), NOW.date()) == day


def test_parts_inside_a_sentence() -> None:
    parts = tt.named_parts(tt.prepare("listo, cambiado el presostato y 2 filtros de aire"), ITEMS)
    assert [(p.quantity, p.part_number) for p in parts] == [
        (Decimal(1), "GEN-PRS-10B"), (Decimal(2), "KS-6.4149.0")]
    free = tt.named_parts(tt.prepare("replaced the condensate drain valve + new drive belt"))
    assert [p.words for p in free] == ["condensate drain valve", "drive belt"]
    assert tt.named_parts(tt.prepare("forgot the time waiting for the keys")) == []


@pytest.mark.parametrize(("text", "state", "intent"), [
    ("ok lo cojo", "offered", "accept"), ("no puedo, estoy en Getafe", "offered", "decline"),
    ("voy para alla", "accepted", "way"), ("llegué", "on_the_way", "arrived"),
    ("here", "on_the_way", "arrived"), ("ya quedo el montacargas", "arrived", "finish"),
    ("running late, there by 12", "on_the_way", "delay"),
    ("need to order the main board, back on Thursday", "arrived", "follow_up"),
    ("no he podido arreglarlo, hace falta un especialista", "arrived", "not_fixed"),
    ("no hay nadie en la nave, cerrado", "arrived", "absent"),
    ("nobody here, gate's locked, called the number", "on_the_way", "absent"),
    ("dnd es? pasame la direccion", "accepted", "ask_address"),
    ("tlf del cliente?", "on_the_way", "ask_contact"), ("whats next", "arrived", "ask_next"),
    ("/help", "offered", "help"), ("wot do i press", "on_the_way", "help"),
    ("Hhhvvbn", "offered", None),
])
def test_intents_by_state(text: str, state: str, intent: str | None) -> None:
    p = tt.prepare(text)
    assert tt.pick(tt.intents(p), state, tt.is_question(p)) == intent
