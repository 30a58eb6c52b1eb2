"""What one closing message gives (`closing.read`): hours, km and parts in any order,
a lone number for the value asked, "no parts" anywhere, corrections without parts."""

from __future__ import annotations

from typing import Any

import pytest

from backend.services.dispatch.closing import read


@pytest.mark.parametrize(("text", "asked", "want"), [
    ("terminado. 3 horas, sin piezas, 20km", None, {"hours": "3", "km": "20", "parts": []}),
    ("done, 2h, no parts, 40 km", None, {"hours": "2", "km": "40", "parts": []}),
    ("fueron 3", "hours", {"hours": "3"}),
    ("ida y vuelta 40", "km", {"km": "40"}),
    ("ninguno", "km", {"km": "0"}),
    ("no sorry it was 3 hours not 2, forgot the time waiting for the keys", "confirm",
     {"hours": "3"}),
    ("no perdón fueron 50 km no 60", "confirm", {"km": "50"}),
])
def test_values(text: str, asked: str | None, want: dict[str, Any]) -> None:
    assert read(text, asked, []) == want


def test_parts_in_words_keep_quantities() -> None:
    found = read("cambie la bateria y 2 mangueras hidraulicas", "parts", [])
    assert [(p["words"], p["quantity"]) for p in found["parts"]] == [
        ("bateria", "1"), ("mangueras hidraulicas", "2")]


def test_a_typed_list_keeps_its_prices() -> None:
    found = read("2 x filtro hidráulico 35,50\ncorrea (sin precio)", "parts", [])
    assert [(p["words"], p["quantity"], p["unit_price"]) for p in found["parts"]] == [
        ("filtro hidráulico", "2", "35.50"), ("correa", "1", None)]
