"""The bot reads the serial plate off a customer's photo (issue 20 §3), end to end on the
shared stack: a customer known by their Telegram id reports a fault without saying which
machine, sends a photo of its nameplate (drawn by the OCR bench's Pillow generator) instead
of choosing, the bot asks back "¿Es la Kaeser CSD 105, CMP-4471-T?" — never assumes —, the
customer says "si" and the incident is filed on that machine. C-1006's compressor EQ-0025 is
used by no other test."""

from __future__ import annotations

import pytest

from backend.adapters.ocr import available
from tests.backend.ocr.photos import plate_photo
from tests.e2e.clients import TelegramUser, api
from tests.e2e.conftest import Stack

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(not available(), reason="no tesseract: make env installs it")]


def test_a_nameplate_photo_is_asked_back_and_the_incident_filed_on_it(stack: Stack) -> None:
    user = TelegramUser(stack, user_id=602113478, language_code="es", first_name="Rosa")
    asked = user.say("Buenas, una de las máquinas de la nave se ha parado y no arranca")
    assert any("equipo" in r for r in asked), user.transcript()
    question = user.send_photo(plate_photo("CMP-4471-T", "Kaeser CSD 105", "C-1006"))
    assert "¿Es la Kaeser CSD 105, CMP-4471-T?" in question, user.transcript()
    assert [b["text"] for b in user.last_markup] == ["Sí", "No"], user.transcript()
    user.answer_form(user.say("si"), "CMP-4471-T")
    found = user.incident_id()
    assert found, user.transcript()
    incident = api(stack, "GET", f"/api/incidents/{found}")
    assert incident["customer_code"] == "C-1006", incident
    assert incident["equipment"]["id"] == "EQ-0025", (incident, user.transcript())
