"""Coverage told by the bot, consent, service order and delivery note, end to end.

A verified customer reports a fault on a machine out of warranty and with no contract
(EQ-0003, the Linde forklift of C-1001, warranty ended 2025-09-20): the bot says it is
not covered, gives the price basis (data/price_list.yml) and asks for consent; before
the "yes" no service order can be booked, after it one is created and closed through the
agents' API with hours and a part, and a draft delivery note ALB-… holds the right lines.
The same fault on a machine under warranty (EQ-0043, C-1010) is covered: no note.
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.clients import TelegramUser, api, api_status
from tests.e2e.conftest import Stack

pytestmark = pytest.mark.e2e

MADRID = ZoneInfo("Europe/Madrid")


def last_wednesday_morning(stack: Stack) -> tuple[str, str]:
    """10:00-12:00 Madrid time on the latest past Wednesday of the stack's clock: inside
    normal hours."""
    now = stack.now().astimezone(MADRID)
    day = now - timedelta(days=(now.weekday() - 2) % 7 or 7)
    start = day.replace(hour=10, minute=0, second=0, microsecond=0)
    return start.isoformat(), (start + timedelta(hours=2)).isoformat()


def close_order(stack: Stack, incident_id: str, part: str) -> dict[str, Any]:
    order = api(stack, "POST", f"/api/incidents/{incident_id}/service-orders", {},
                role="AGENTS")
    assert order["id"].startswith("SO-"), order
    started, ended = last_wednesday_morning(stack)
    closed: dict[str, Any] = api(stack, "POST", f"/api/service-orders/{order['id']}/close", {
        "labour_hours": 2, "travel_km": 20, "started_at": started, "ended_at": ended,
        "parts": [{"part_number": part, "quantity": 1}], "category": "senior",
        "incident_type": "electrical", "notes": "e2e"}, role="AGENTS")
    return closed


def test_uncovered_fault_consent_service_order_and_delivery_note(stack: Stack) -> None:
    user = TelegramUser(stack, user_id=100200301, language_code="es", first_name="Marta")
    replies = user.report("Hola, la carretilla FL-3391-B no arranca y la batería no carga",
                          "FL-3391-B")
    incident_id = user.incident_id()
    assert incident_id, user.transcript()
    said = "\n".join(user.heard)
    assert re.search(r"no está cubierta", said), user.transcript()
    # The price basis of data/price_list.yml: senior labour, Aragón travel, surcharge, VAT.
    for figure in ("52.00", "30.00", "0.45", "50.00", "21.00"):
        assert figure in said, (figure, user.transcript())
    if not any("Sí" in t for t in user.titles(replies)):  # the question may come separately
        replies = user.replies()
    assert any(t.startswith("Sí") for t in user.titles(replies)), user.transcript()

    # Nothing can be booked before the customer agrees.
    status, body = api_status(stack, "POST", f"/api/incidents/{incident_id}/service-orders", {},
                              role="AGENTS")
    assert status == 409 and body["error"]["code"] == "consent_required", body

    answer = "\n".join(user.choose(replies, "Sí"))
    assert incident_id in answer and re.search(r"aceptas la visita", answer), user.transcript()

    closed = close_order(stack, incident_id, "LN-0009424520")
    note = closed["delivery_note"]
    assert note and note["id"].startswith("ALB-"), closed
    document = api(stack, "GET", f"/api/billing/documents/{note['id']}")
    assert document["kind"] == "delivery_note" and document["state"] == "draft", document
    assert document["customer"]["code"] == "C-1001", document
    assert document["incident_id"] == incident_id, document
    assert document["service_order_id"] == closed["service_order"]["id"], document
    lines = {line["kind"]: line for line in document["lines"] if not line["covered"]}
    shown = "\n".join(str(line) for line in document["lines"])
    # 2 h of a senior technician at 52.00; Aragón travel 30.00 + 20 km x 0.45 = 39.00;
    # the Linde drive wheel at 245.00; VAT 21 % on each line.
    labour = next(v for k, v in lines.items() if "labour" in k)
    assert (Decimal(labour["quantity"]), labour["unit_price"], labour["net"]) == \
        (Decimal(2), "52.00", "104.00"), shown
    travel = [v for k, v in lines.items() if "travel" in k]
    assert sum(Decimal(v["net"]) for v in travel) == Decimal("39.00"), shown
    part = next(v for v in lines.values() if v["reference"] == "LN-0009424520")
    assert (Decimal(part["quantity"]), part["unit_price"]) == (Decimal(1), "245.00"), shown
    assert "Rueda" in part["description"], shown  # the customer's language
    assert {v["vat_pct"] for v in lines.values()} == {"21.00"}, shown
    assert not [k for k in lines if "surcharge" in k], shown  # a Wednesday morning
    assert document["totals"]["net"] == "388.00", document["totals"]
    assert document["totals"]["total"] == "469.48", document["totals"]


def test_same_fault_on_a_machine_under_warranty_makes_no_delivery_note(stack: Stack) -> None:
    user = TelegramUser(stack, user_id=1102938475, language_code="en", first_name="Oliver")
    user.report("Hello, the forklift FL-7380-H does not start and the battery does not charge",
                "FL-7380-H")
    incident_id = user.incident_id()
    assert incident_id, user.transcript()
    said = "\n".join(user.heard)
    assert re.search(r"is covered", said), user.transcript()
    assert not re.search(r"Shall we send|billed", said), user.transcript()
    closed = close_order(stack, incident_id, "GEN-HYD-FLT")
    assert closed["delivery_note"] is None, closed
    documents = api(stack, "GET", "/api/billing/documents")["documents"]
    assert not [d for d in documents if d["customer_code"] == "C-1010"], documents
