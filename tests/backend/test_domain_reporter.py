"""Who is reporting, read from what they wrote (issue 13 §1): Spanish, English, signatures."""

from __future__ import annotations

import pytest

from backend.domain.reporter import read_reporter


@pytest.mark.parametrize(("text", "name", "role", "phone"), [
    ("soy Marta Lazaro, jefa de mantenimiento", "Marta Lazaro", "jefa de mantenimiento", None),
    ("soy fernando el encargado d la tienda", "Fernando", None, None),
    ("Hi, Emma here, chief engineer at Seaview Tarraco. The chiller stopped", "Emma",
     "chief engineer at Seaview Tarraco", None),
    ("hi this is Marina Ibanez, shift lead at MAD1, writing from my personal phone",
     "Marina Ibanez", "shift lead at MAD1", None),
    ("I'm Erik Lindqvist btw", "Erik Lindqvist", None, None),
    ("this is Dave from ops", "Dave", None, None),
    ("soy Marta de mantenimiento", "Marta", None, None),
    ("Rosa Ventura, jefa de mantenimiento", "Rosa Ventura", "jefa de mantenimiento", None),
    ("Núria Camps, directora técnica", "Núria Camps", "directora técnica", None),
    ("ok. reporter is Jordi Pallares, maintenance supervisor, mobile 617 330 982",
     "Jordi Pallares", "maintenance supervisor", "617 330 982"),
    ("llamame al 644 01 92 83 antes d las 14h", None, None, "644 01 92 83"),
    ("Could you log both?\n\nThanks,\nSean Murphy\nPlant Engineering Manager\nT +34 973 204 418",
     "Sean Murphy", "Plant Engineering Manager", "+34 973 204 418"),
])
def test_reads_the_reporter(text: str, name: str | None, role: str | None,
                            phone: str | None) -> None:
    found = read_reporter(text)
    assert found is not None
    assert (found.name, found.role, found.phone) == (name, role, phone)
    assert "unverified" in found.note()


@pytest.mark.parametrize("text", [
    "this is urgent, the compressor stopped", "I'm not sure it is the same machine",
    "soy el encargado", "it's down since 9", "the error code is E-231", "hola, buenos dias",
    "Buenas Tardes, la envasadora no sella", "Getafe Distribution, aisle 4", "Planta Malpica",
])
def test_names_nobody_when_nobody_is_named(text: str) -> None:
    assert read_reporter(text) is None
