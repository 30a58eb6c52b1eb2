"""Canned responses, search and the customer's history through the console API."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.domain import canned
from backend.domain.errors import InvalidRequest
from backend.services.handoff.canned import load
from tests.backend.handoff.helpers import escalate, sign_in
from tests.backend.helpers import call, inbound


async def test_canned_responses_filled_from_the_conversation(desk):
    _, answer = await escalate(desk)  # Marta (C-1001) on SMS, verified by her phone
    hid = answer["handoff_id"]
    ana = await sign_in(desk, "ana")
    status, body = await ana.get(f"/handoffs/{hid}/canned")
    assert status == 200 and body["language"] == "es"
    by_id = {r["id"]: r for r in body["responses"]}
    assert "verification_help" not in by_id  # only offered in the verification queue
    assert by_id["greeting"]["text"].startswith("Hola Marta, soy Ana,")
    assert by_id["greeting"]["missing"] == []
    assert "{incident_id}" in by_id["incident_status"]["text"]  # no incident yet
    assert by_id["incident_status"]["missing"] == ["incident_id"]
    await ana.post(f"/handoffs/{hid}/take")
    status, created = await ana.post(f"/handoffs/{hid}/incidents", {
        "symptom": "el compresor pierde aceite", "priority": "high", "equipment_id": "EQ-0001"})
    assert status == 201, created
    _, body = await ana.get(f"/handoffs/{hid}/canned?lang=en")
    by_id = {r["id"]: r for r in body["responses"]}
    assert body["language"] == "en"
    assert by_id["incident_status"]["text"] == (
        f"Marta, I am looking at incident {created['id']}; I will tell you how it stands "
        "in a few minutes.")
    assert by_id["incident_status"]["missing"] == []
    status, _ = await ana.get(f"/handoffs/{hid}/canned?lang=fr")
    assert status == 400
    status, error = await ana.get(f"/handoffs/{hid}/canned?language=en")
    assert status == 400 and "language" in error["error"]["message"]


async def test_canned_for_an_unidentified_customer_leave_the_name_to_the_agent(desk):
    _, answer = await escalate(desk, address="w-unknown", channel="web")
    ana = await sign_in(desk, "ana")
    _, body = await ana.get(f"/handoffs/{answer['handoff_id']}/canned")
    greeting = next(r for r in body["responses"] if r["id"] == "greeting")
    assert greeting["text"].startswith("Hola {customer_name}, soy Ana")
    assert greeting["missing"] == ["customer_name"]
    carl = await sign_in(desk, "carl")  # billing only: not his queue
    status, _ = await carl.get(f"/handoffs/{answer['handoff_id']}/canned")
    assert status == 403


def test_the_data_file_is_checked(tmp_path: Path) -> None:
    assert {c.id for c in load()} >= {"greeting", "incident_status"}
    bad = tmp_path / "canned.yml"
    bad.write_text("responses:\n- id: hi\n  title: {es: Hola, en: Hi}\n"
                   "  text: {es: 'Hola {nombre}', en: 'Hi {customer_name}'}\n")
    with pytest.raises(InvalidRequest, match=r"unknown placeholder \{nombre\}"):
        load(bad)
    bad.write_text("responses:\n- id: hi\n  title: {es: Hola}\n  text: {es: Hola, en: Hi}\n")
    with pytest.raises(InvalidRequest, match="title needs exactly the languages es, en"):
        load(bad)
    assert canned.fill("{a_b} {customer_name}", {"customer_name": "Ana"}) == (
        "{a_b} Ana", ["a_b"])


async def test_search_customers_incidents_and_conversations_of_my_queues(desk):
    cid, answer = await escalate(desk)
    await inbound(desk, "sms", "+34976123456", "La Ricoh 100% de la segunda planta pita")
    ana = await sign_in(desk, "ana")
    await ana.post(f"/handoffs/{answer['handoff_id']}/take")
    _, created = await ana.post(f"/handoffs/{answer['handoff_id']}/incidents", {
        "symptom": "fuga de aceite en el compresor", "priority": "high",
        "equipment_id": "EQ-0001"})
    status, found = await ana.get("/search?q=ricoh%20100%25")
    assert status == 200
    assert [c["id"] for c in found["conversations"]] == [cid]
    assert "Ricoh 100%" in found["conversations"][0]["snippet"]
    assert found["conversations"][0]["customer_code"] == "C-1001"
    _, found = await ana.get("/search?q=FUGA de aceite")
    assert created["id"] in [i["id"] for i in found["incidents"]]
    _, found = await ana.get("/search?q=talleres ebro")
    assert [c["code"] for c in found["customers"]] == ["C-1001"]
    _, found = await ana.get("/search?q=marta.lazaro")  # a contact's e-mail
    assert [c["code"] for c in found["customers"]] == ["C-1001"]
    _, found = await ana.get("/search?q=0%25")  # % is literal: only "100%", no "CONV-0…"
    assert [c["id"] for c in found["conversations"]] == [cid]
    _, found = await ana.get("/search?q=zz_qq")
    assert found == {"customers": [], "incidents": [], "conversations": []}
    carl = await sign_in(desk, "carl")
    _, found = await carl.get("/search?q=ricoh")
    assert found["conversations"] == []  # not in his queues
    for bad in ("/search?q=x", "/search", f"/search?q={'a' * 101}", "/search?q=ok&x=1"):
        status, _ = await ana.get(bad)
        assert status == 400, bad


async def test_customer_history_lists_past_conversations_and_closed_incidents(desk):
    old, answer = await escalate(desk, address="marta.lazaro@talleresebro.es", channel="email")
    ana = await sign_in(desk, "ana")
    await ana.post(f"/handoffs/{answer['handoff_id']}/take")
    _, first = await ana.post(f"/handoffs/{answer['handoff_id']}/incidents", {
        "symptom": "la prensa hace ruido", "priority": "normal", "equipment_id": "EQ-0001"})
    status, body = await call(desk, "POST",
                              f"/api/conversations/{old}/incidents/{first['id']}/cancel",
                              "actions", json={"reason": "resuelto por teléfono"})
    assert status == 200, body
    current, _ = await escalate(desk)
    status, history = await ana.get(f"/customers/C-1001/history?exclude={current}")
    assert status == 200 and history["customer"]["code"] == "C-1001"
    assert [c["id"] for c in history["conversations"]] == [old]
    assert history["conversations"][0]["reasons"] == ["request_human"]
    assert history["conversations"][0]["channel"] == "email"
    assert [i["id"] for i in history["incidents"]] == [first["id"]]
    assert history["incidents"][0]["state"] == "cancelled"
    status, _ = await ana.get("/customers/C-9999/history")
    assert status == 404
    assert (await desk.get("/console/api/customers/C-1001/history")).status == 401
