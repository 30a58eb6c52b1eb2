"""Status facts after an import (issue 13 §6): a contact registered by Telegram @username
is recognised; the customer's incidents carry who the technician is and whether they
accepted, the booked visit window, the parts ordered and the next step — and nothing
that is not recorded (an offer nobody accepted is said to be one)."""

from __future__ import annotations

from typing import Any

from backend.services.platform.imports.run import import_files
from tests.backend.helpers import call, inbound
from tests.helpers.import_fixture import EBRO


async def imported(client: Any, db_url: str) -> None:
    await import_files(db_url, [EBRO])


async def test_a_telegram_username_on_file_is_recognised_and_gets_the_facts(backend_client,
                                                                           db_url):
    await imported(backend_client, db_url)
    answer = await inbound(backend_client, "telegram", "5550001", "hola, ¿cómo va lo mío?",
                           metadata={"telegram_user_id": 5550001,
                                     "telegram_username": "Marta_Ebro"})
    assert answer["verified"] and answer["customer_code"] == "C-9001", answer
    cid = answer["conversation_id"]
    status, listed = await call(backend_client, "GET", f"/api/conversations/{cid}/incidents",
                                "actions")
    assert status == 200, listed
    (lathe,) = listed["incidents"]
    assert lathe["status"] == {
        "state": "acknowledged",
        "technician": {"name": "Jorge L.", "accepted": True},
        "visit": {"date": "2026-12-10", "from": "09:00", "to": "11:00"},
        "parts": [{"part_number": "SKF-7014",
                   "description": "Rodamiento de husillo SKF 7014 CD/P4A", "quantity": "2",
                   "state": "ordered", "expected_on": "2026-12-09"}],
        "next_step": "visit",
    }
    status, by_number = await call(backend_client, "GET",
                                   f"/api/conversations/{cid}/incidents/OT-2024-0117", "actions")
    assert status == 200 and by_number["id"] == lathe["id"], by_number
    # the chat id is linked to the contact: the next conversation is known by it alone
    again = await inbound(backend_client, "telegram", "5550001", "gracias")
    assert again["verified"], again


async def test_an_offer_nobody_accepted_is_not_an_assigned_technician(backend_client, db_url):
    await imported(backend_client, db_url)
    cid = (await inbound(backend_client, "sms", "+447700900123", "any news?"))["conversation_id"]
    _, listed = await call(backend_client, "GET", f"/api/conversations/{cid}/incidents",
                           "actions")
    (generator,) = listed["incidents"]
    facts = generator["status"]
    assert facts["technician"]["accepted"] is False and facts["visit"] is None
    assert facts["parts"] == [] and facts["next_step"] == "acceptance"


async def test_unknown_or_shared_usernames_verify_nobody(backend_client, db_url):
    await imported(backend_client, db_url)
    unknown = await inbound(backend_client, "telegram", "5550002", "hola",
                            metadata={"telegram_username": "someone_else"})
    assert not unknown["verified"]
    status, body = await call(backend_client, "POST", "/api/admin/import", json={"contacts": [
        {"customer": "C-9002", "name": "Shared", "telegram_username": "@marta_ebro"}]})
    assert status == 200, body
    shared = await inbound(backend_client, "telegram", "5550003", "hola",
                           metadata={"telegram_username": "marta_ebro"})
    assert not shared["verified"]
