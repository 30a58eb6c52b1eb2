"""The status answer the action builds from the facts, with the real domain files: one
message, in the customer's language, naming the visit window and the part; an offer nobody
accepted is never told as an assigned technician."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from actions.status_facts import status_text

DOMAIN = Path(__file__).resolve().parents[3] / "bot" / "domain"


@pytest.fixture(scope="module")
def domain() -> dict[str, Any]:
    responses: dict[str, Any] = {}
    for path in sorted(DOMAIN.glob("*.yml")):
        responses |= (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(
            "responses") or {}
    return {"responses": responses}


def incident(**facts: Any) -> dict[str, Any]:
    base = {"state": "acknowledged", "technician": None, "visit": None, "parts": [],
            "next_step": "assign"}
    return {"id": "INC-00042", "state": facts.get("state", "acknowledged"),
            "equipment": {"model": "Pinacho SmartTurn 260", "serial": "TRN-44120"},
            "status": base | facts}


def test_visit_window_part_and_accepted_technician_in_both_languages(domain):
    facts = incident(technician={"name": "Jorge L.", "accepted": True},
                     visit={"date": "2026-12-10", "from": "09:00", "to": "11:00"},
                     parts=[{"description": "Rodamiento SKF 7014", "quantity": "2",
                             "state": "ordered", "expected_on": "2026-12-09"}],
                     next_step="visit")
    es = status_text(domain, facts, "es")
    assert es.splitlines() == [
        "INC-00042 (Pinacho SmartTurn 260, TRN-44120) está abierta.",
        "Técnico: Jorge L., que ha aceptado el trabajo.",
        "Visita reservada: 10/12/2026, de 09:00 a 11:00.",
        "Pieza pedida: Rodamiento SKF 7014 (cantidad 2), llegada prevista el 09/12/2026.",
    ]
    en = status_text(domain, facts, "en")
    assert "Visit booked: 2026-12-10, 09:00 to 11:00." in en
    assert "Part ordered: Rodamiento SKF 7014 (quantity 2), expected on 2026-12-09." in en


def test_an_offer_nobody_accepted_is_said_to_be_one(domain):
    text = status_text(domain, incident(state="assigned",
                                        technician={"name": "Amy B.", "accepted": False},
                                        next_step="acceptance"), "en")
    assert "offered to Amy B., who has not accepted it yet" in text
    assert "accepted the job" not in text and "will contact" not in text
    assert "Next step: Amy B. accepting it" in text


def test_nothing_recorded_says_no_technician_yet(domain):
    text = status_text(domain, incident(state="new"), "es")
    assert text.splitlines() == [
        ("INC-00042 (Pinacho SmartTurn 260, TRN-44120) está registrada y todavía no tiene "
         "técnico asignado."),
        "Siguiente paso: asignarle un técnico.",
    ]
