"""Issue 13 acceptance 3, through the four real processes and the Telegram fake: a company's
data with open incidents, booked visits and ordered parts is imported
(POST /api/admin/import, the JSON form of `avisa import`); then a contact registered only by
her Telegram @username asks how her repair is going and is answered, with no verification
question, with the booked visit window and the part ordered — in her language."""

from __future__ import annotations

import re

import pytest

from tests.e2e.clients import TelegramUser, api
from tests.e2e.conftest import Stack
from tests.helpers.import_fixture import ebro_document

pytestmark = pytest.mark.e2e

def test_imported_visit_and_part_are_told_to_a_telegram_username_contact(stack: Stack) -> None:
    imported = api(stack, "POST", "/api/admin/import", ebro_document())
    assert imported["imported"]["incidents"] == 2, imported
    again = api(stack, "POST", "/api/admin/import", ebro_document())  # idempotent re-run
    assert again == imported

    marta = TelegramUser(stack, user_id=706118551, language_code="es", first_name="Marta",
                         username="Marta_Ebro")
    replies = marta.say("Hola, ¿cómo va la reparación del torno? ¿Cuándo viene el técnico?")
    heard = "\n".join(replies)
    assert not re.search(r"código de cliente|customer code", heard, re.IGNORECASE), \
        marta.transcript()
    assert "10/12/2026, de 09:00 a 11:00" in heard, marta.transcript()
    assert "Rodamiento de husillo SKF 7014 CD/P4A" in heard, marta.transcript()
    assert "Jorge L., que ha aceptado el trabajo" in heard, marta.transcript()
    assert "te contactará" not in heard
