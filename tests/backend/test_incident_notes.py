"""The customer's own words on their incidents (issue 13 §1): the intake's turns and every
later message, with who said them and on which channel, readable at /api/incidents/{id}/reports."""

from typing import Any

from tests.backend.helpers import call, inbound

PHONE = "+34976123456"  # Marta's phone: verified on creation (customer C-1001)


async def say(client: Any, text: str, **extra: Any) -> str:
    return str((await inbound(client, "sms", PHONE, text, **extra))["conversation_id"])


async def report(client: Any, cid: str, **body: Any) -> dict[str, Any]:
    body = {"symptom": "el compresor pierde aceite", "priority": "medium", **body}
    status, inc = await call(client, "POST", f"/api/conversations/{cid}/incidents", "actions",
                             json=body)
    assert status == 201, inc
    return dict(inc)


async def notes(client: Any, incident_id: str) -> list[dict[str, Any]]:
    status, body = await call(client, "GET", f"/api/incidents/{incident_id}/reports", "agents")
    assert status == 200, body
    return [e for e in body["events"] if e["kind"] == "customer_message"]


async def reporters(client: Any, incident_id: str) -> list[str]:
    _, body = await call(client, "GET", f"/api/incidents/{incident_id}/reports", "agents")
    return [e["note"] for e in body["events"] if e["kind"] == "reporter"]


async def test_intake_turns_and_later_messages_are_kept_with_who_and_channel(client, clock):
    cid = await say(client, "hola, el compresor pierde aceite")
    clock.advance(seconds=5)
    await say(client, "soy Marta Lazaro, jefa de mantenimiento")
    await say(client, "482913")  # a bare code is no note
    await say(client, "/inform", payload='/inform{"urgency":"high"}')  # nor a button
    clock.advance(seconds=5)
    inc = await report(client, cid, equipment_id="EQ-0001",
                       symptom="hola, el compresor pierde aceite")  # the report is no note
    found = await notes(client, inc["id"])
    assert [n["note"] for n in found] == ["soy Marta Lazaro, jefa de mantenimiento"]
    assert found[0]["actor"] == f"sms:{PHONE}"
    _, before = await call(client, "GET", "/api/customers/C-1001", "agents")
    assert await reporters(client, inc["id"]) == [  # her phone is on file, and she says so
        "Marta Lázaro Gil (registered contact)",
        "Marta Lazaro · jefa de mantenimiento (unverified contact, as given)"]

    clock.advance(minutes=2)
    await say(client, "ahora que lo pienso empezo despues del corte de luz")
    await say(client, "llamadme mejor al 644 01 92 83, es mi movil")
    found = await notes(client, inc["id"])
    assert found[1]["note"] == "ahora que lo pienso empezo despues del corte de luz"
    assert len(found) == 3
    assert (await reporters(client, inc["id"]))[-1] == "644 01 92 83 (unverified contact, as given)"
    _, after = await call(client, "GET", "/api/customers/C-1001", "agents")
    assert after["contacts"] == before["contacts"]  # never one of the customer's contacts


async def test_a_later_message_goes_to_the_incident_whose_machine_it_names(client, clock):
    cid = await say(client, "buenas")
    first = await report(client, cid, equipment_id="EQ-0001")
    clock.advance(minutes=1)
    second = await report(client, cid, equipment_id="EQ-0002", service_type="preventive",
                          symptom="revision anual del Kaeser")
    clock.advance(minutes=1)
    await say(client, "lo del Atlas Copco: ya no pierde tanto")
    await say(client, "y el otro, cuando podeis venir?")
    assert [n["note"] for n in await notes(client, first["id"])] == [
        "lo del Atlas Copco: ya no pierde tanto"]
    assert [n["note"] for n in await notes(client, second["id"])] == [
        "y el otro, cuando podeis venir?"]


async def test_no_note_without_an_open_incident(client, clock):
    cid = await say(client, "hola, el compresor pierde aceite")
    inc = await report(client, cid, equipment_id="EQ-0001")
    path = f"/api/conversations/{cid}/incidents/{inc['id']}/cancel"
    status, _ = await call(client, "POST", path, "actions", json={"reason": "ya esta arreglado"})
    assert status == 200
    clock.advance(minutes=1)
    await say(client, "gracias por todo, hasta otra")
    assert "gracias por todo, hasta otra" not in [n["note"] for n in await notes(client, inc["id"])]


async def test_who_is_writing_is_the_reporter_of_every_fault_the_conversation_filed(client,
                                                                                    clock):
    """Two faults reported, then "I'm …" on a later message: both incidents get that
    reporter, not only the one the message is noted on."""
    cid = await say(client, "buenas, dos cosas en Malpica")
    first = await report(client, cid, equipment_id="EQ-0001")
    clock.advance(minutes=1)
    second = await report(client, cid, equipment_id="EQ-0002",
                          symptom="el Kaeser de reserva hace un ruido metalico")
    clock.advance(minutes=1)
    await say(client, "lo del ruido empezo ayer. Soy Ignacio Ferrer, jefe de taller")
    for incident in (first, second):
        assert "Ignacio Ferrer · jefe de taller (unverified contact, as given)" in (
            await reporters(client, incident["id"]))
