"""Error codes read off a photo of a display (backend/domain/display_codes.py), in both ways
people and displays write them — glued ("E231") and with a separator ("E-231", "AL 12") —
and how they join an incident's symptom."""

from __future__ import annotations

import pytest

from backend.domain.display_codes import error_codes, is_nameplate, with_codes


@pytest.mark.parametrize(("glued", "separated", "code"), [
    ("E231", "E-231", "E-231"),
    ("AL12", "AL 12", "AL-12"),
    ("Err4", "Err 4", "ERR-4"),
    ("SC542", "SC-542", "SC-542"),
    ("ERR04", "ERR-04", "ERR-04"),
])
def test_both_ways_of_writing_a_code(glued: str, separated: str, code: str) -> None:
    assert error_codes(f"Pantalla: {glued}") == [glued.upper()]
    assert error_codes(f"Pantalla: {separated}") == [code]


@pytest.mark.parametrize(("text", "codes"), [
    ("ERROR E-204\nLlame al servicio técnico", ["E-204"]),
    ("Error 52  paper jam", ["ERROR-52"]),
    ("Error: 52", ["ERROR-52"]),
    ("Call for service SC542", ["SC542"]),
    ("Fallo: F3", ["F3"]),
    ("alarma 12 - presión alta", ["ALARMA-12"]),
    ("ALARM A-017 / code J-07", ["A-017", "J-07"]),
    ("Cod. E-12", ["E-12"]),
    ("E-231 E-231", ["E-231"]),
    ("ERR 4 AL 12", ["ERR-4", "AL-12"]),
])
def test_error_codes_from_a_display(text: str, codes: list[str]) -> None:
    assert error_codes(text) == codes


@pytest.mark.parametrize("text", ["Modelo GA 37 VSD 400 V 50 Hz", "papel A4 atascado",
                                  "Z 12 toneladas", "12 kW 230V", "SN-48213", "CMP-2291-X",
                                  "the display says nothing useful", ""])
def test_what_is_no_error_code(text: str) -> None:
    assert error_codes(text) == []


def test_the_customers_serials_and_models_are_not_error_codes() -> None:
    assert error_codes("S/N: FL-4410-A  E-12", ["FL-4410-A"]) == ["E-12"]
    assert error_codes("S/N: FL-441 E-12", ["FL-441"]) == ["E-12"]
    assert error_codes("Ricoh IM C3000  SC542", ["Ricoh IM C3000"]) == ["SC542"]
    assert error_codes("IP54 E-12") == ["E-12"]


def test_codes_join_the_symptom_once() -> None:
    assert with_codes("la pantalla da un error", ["E-231", "AL-12"]) == (
        "la pantalla da un error [display: E-231, AL-12]")
    assert with_codes("sale el error e-231", ["E-231"]) == "sale el error e-231"
    assert with_codes("no arranca", []) == "no arranca"
    assert with_codes("no arranca", ["E-1", "E-1"]) == "no arranca [display: E-1]"


@pytest.mark.parametrize(("text", "plate"), [
    ("CARRIER\nModel: Carrier 2000\nS/N: FRG-7781\nYear: 2022  IP54 16 A", True),
    ("KAESER\nModelo: SK 25\nNº serie: SN-48213", True),
    ("Type: GA 37  Serial No: CMP-2291-X", True),
    ("ERROR E-204\nLlame al servicio técnico", False),
    ("Modelo SK 25 - AL 12 presión alta", False),
])
def test_a_nameplate_is_told_from_a_display(text: str, plate: bool) -> None:
    assert is_nameplate(text) is plate
