"""Complaints and call-back requests: recorded on a conversation (actions role), linked to
the incident they are about, listed for agents; bad input is a 4xx that loses nothing."""

from __future__ import annotations

from typing import Any

from tests.backend.helpers import call, inbound, report_incident, verified_conversation


async def report(client: Any, cid: str, symptom: str = "pierde aceite",
                 equipment: str = "EQ-0001") -> str:
    inc = await report_incident(
        client, cid, {"symptom": symptom, "priority": "high", "equipment_id": equipment})
    return str(inc["id"])


async def test_a_complaint_is_linked_to_the_conversations_incident_and_listed(client):
    cid = await verified_conversation(client)
    incident = await report(client, cid)
    status, made = await call(client, "POST", f"/api/conversations/{cid}/complaints", "actions",
                              json={"text": "Es la tercera vez este mes, quiero poner una queja"})
    assert status == 201, made
    assert (made["incident_id"], made["customer_code"], made["channel"]) == (
        incident, "C-1001", "sms")
    status, listed = await call(client, "GET", "/api/complaints?customer=C-1001", "agents")
    assert status == 200 and [c["id"] for c in listed["complaints"]] == [made["id"]]
    assert listed["complaints"][0]["text"].startswith("Es la tercera vez")
    _, other = await call(client, "GET", "/api/complaints?customer=C-1002", "agents")
    assert other["complaints"] == []


async def test_an_unverified_senders_complaint_is_kept_without_a_customer(client):
    cid = (await inbound(client, "web", "anon-widget-1"))["conversation_id"]
    status, made = await call(client, "POST", f"/api/conversations/{cid}/complaints", "actions",
                              json={"text": "nobody came"})
    assert status == 201 and made["customer_code"] is None and made["incident_id"] is None
    _, everyone = await call(client, "GET", "/api/complaints", "agents")
    assert made["id"] in [c["id"] for c in everyone["complaints"]]


async def test_a_callback_keeps_the_number_and_window_typed_in_free_text(client):
    cid = (await inbound(client, "email", "alice.grey@northwind.example"))["conversation_id"]
    status, made = await call(client, "POST", f"/api/conversations/{cid}/callbacks", "actions",
                              json={"text": "could you ring me on 07700 900555 after 3pm?"})
    assert status == 201, made
    assert (made["number"], made["window"], made["customer_code"]) == (
        "07700900555", "after 15:00", "C-1002")
    _, listed = await call(client, "GET", "/api/callbacks?customer=C-1002", "agents")
    assert [(c["number"], c["window"]) for c in listed["callbacks"]] == [
        ("07700900555", "after 15:00")]


async def test_a_callback_on_sms_without_a_number_rings_the_sender(client):
    cid = await verified_conversation(client)
    incident = await report(client, cid)
    status, made = await call(client, "POST", f"/api/conversations/{cid}/callbacks", "actions",
                              json={"text": "llamadme de 9 a 11 porfa"})
    assert status == 201
    assert (made["number"], made["window"], made["incident_id"]) == (
        "+34976123456", "09:00-11:00", incident)


async def test_a_callback_with_no_number_to_ring_is_a_clear_400(client):
    cid = (await inbound(client, "email", "alice.grey@northwind.example"))["conversation_id"]
    status, body = await call(client, "POST", f"/api/conversations/{cid}/callbacks", "actions",
                              json={"text": "call me back this afternoon"})
    assert status == 400
    assert body["error"]["code"] == "invalid_request"
    assert body["error"]["reason"] == "no_number" and body["error"]["window"] == "afternoon"
    _, listed = await call(client, "GET", "/api/callbacks?customer=C-1002", "agents")
    assert listed["callbacks"] == []


async def test_bad_bodies_and_strangers(client):
    cid = await verified_conversation(client)
    path = f"/api/conversations/{cid}/complaints"
    for body in ({}, {"text": "   "}, {"text": "x", "extra": 1}, {"text": 5}):
        status, answer = await call(client, "POST", path, "actions", json=body)
        assert status == 400, (body, answer)
    status, _ = await call(client, "POST", path, "actions",
                           json={"text": "queja", "incident_id": "INC-99999"})
    assert status == 404
    status, _ = await call(client, "POST", "/api/conversations/CV-nope/callbacks", "actions",
                           json={"text": "612345678"})
    assert status == 404
    for role in ("actions", "gateway"):
        status, _ = await call(client, "GET", "/api/complaints", role)
        assert status == 403
    status, _ = await call(client, "POST", path, "agents", json={"text": "queja"})
    assert status == 403


async def test_another_customers_incident_is_not_found(client):
    marta = await verified_conversation(client)
    incident = await report(client, marta)
    alice = (await inbound(client, "email", "alice.grey@northwind.example"))["conversation_id"]
    status, _ = await call(client, "POST", f"/api/conversations/{alice}/complaints", "actions",
                           json={"text": "queja", "incident_id": incident})
    assert status == 404


async def test_the_incidents_history_shows_the_cancellation_reason_and_the_complaint(client):
    cid = await verified_conversation(client)
    incident = await report(client, cid)
    await call(client, "POST", f"/api/conversations/{cid}/complaints", "actions",
               json={"text": "el técnico no vino"})
    status, _ = await call(client, "POST", f"/api/conversations/{cid}/incidents/{incident}/cancel",
                           "actions", json={"reason": "era la puerta mal cerrada"})
    assert status == 200
    _, found = await call(client, "GET", f"/api/incidents/{incident}/reports", "agents")
    kinds = [(e["kind"], e["note"]) for e in found["events"]]
    assert ("complaint", "el técnico no vino") in kinds
    assert ("cancelled", "era la puerta mal cerrada") in kinds


async def test_a_callback_of_a_sender_who_only_claimed_a_customer_is_listed_unverified(client):
    """A sender who gave C-1002's code but a wrong serial asks to be called: the request is
    listed with C-1002's, marked unverified (a person rings and checks), never with C-1001's,
    and it carries no customer of its own."""
    cid = (await inbound(client, "sms", "+34600111222"))["conversation_id"]
    status, _ = await call(client, "POST", f"/api/conversations/{cid}/verification/factor",
                           "actions", json={"customer_code": "c-1002", "factor": "SN-00000"})
    assert status == 400
    status, made = await call(client, "POST", f"/api/conversations/{cid}/callbacks", "actions",
                              json={"text": "just get a real person to call me on 612 448 903"})
    assert status == 201 and made["customer_code"] is None
    _, theirs = await call(client, "GET", "/api/callbacks?customer=C-1002", "agents")
    assert [(c["number"], c["verified"]) for c in theirs["callbacks"]] == [("612448903", False)]
    _, others = await call(client, "GET", "/api/callbacks?customer=C-1001", "agents")
    assert others["callbacks"] == []


async def handed_to_people(client: Any) -> str:
    """Alice's e-mail conversation, a fault reported and handed to people: the incident."""
    cid = (await inbound(client, "email", "alice.grey@northwind.example"))["conversation_id"]
    incident = await report(client, cid, "the fridge is warm", "EQ-0003")
    status, handed = await call(client, "POST", f"/api/conversations/{cid}/handoff", "actions",
                                json={"reason": "request_human"})
    assert status == 200 and handed["status"] != "not_needed", handed
    return incident


async def test_a_callback_asked_while_waiting_for_a_person_is_kept(client):
    """Handed to people, the bot reads nothing: a message asking to be rung back on a number
    is kept as a call-back all the same, on the conversation's incident; one that only
    mentions a call is not."""
    incident = await handed_to_people(client)
    await inbound(client, "email", "alice.grey@northwind.example",
                  "The engineer called at 3 but nobody was at reception, our number is "
                  "0161 496 0000.")
    _, none_yet = await call(client, "GET", "/api/callbacks?customer=C-1002", "agents")
    assert none_yet["callbacks"] == []
    answer = await inbound(client, "email", "alice.grey@northwind.example",
                           "Could your manager give me a ring tomorrow between 10 and 12? "
                           "Best number is my direct line, 0161 496 0123.")
    assert answer["handled_by"] == "agent"
    _, listed = await call(client, "GET", "/api/callbacks?customer=C-1002", "agents")
    assert [(c["number"], c["window"], c["incident_id"]) for c in listed["callbacks"]] == [
        ("01614960123", "10:00-12:00", incident)]


async def test_a_callback_mailed_while_waiting_for_a_person_is_kept(client):
    """The same through the mailbox (the gateway's /api/mail/ingest, its own path in)."""
    cid = (await inbound(client, "email", "alice.grey@northwind.example"))["conversation_id"]
    status, handed = await call(client, "POST", f"/api/conversations/{cid}/handoff", "actions",
                                json={"reason": "request_human"})
    assert status == 200 and handed["status"] != "not_needed", handed
    mail = {"address": "alice.grey@northwind.example", "provider_message_id": "<cb-1@x>",
            "text": "Hello again,\n\nCould someone ring me back after 3pm? My direct line is "
                    "0161 496 0777.\n\nAlice"}
    status, _ = await call(client, "POST", "/api/mail/ingest", "gateway",
                           json={"mailbox": "INBOX", "uidvalidity": 7, "uid": 1,
                                 "message": mail})
    assert status == 200
    _, listed = await call(client, "GET", "/api/callbacks?customer=C-1002", "agents")
    assert [(c["number"], c["window"], c["channel"]) for c in listed["callbacks"]] == [
        ("01614960777", "after 15:00", "email")]


async def test_a_complaint_lodged_while_waiting_for_a_person_is_kept(client):
    """Handed to people at once (a critical fault), the bot reads nothing: a message that
    lodges a complaint is recorded as one on the conversation's incident; one that only
    speaks of complaints is not."""
    incident = await handed_to_people(client)
    await inbound(client, "email", "alice.grey@northwind.example",
                  "Our kitchen staff keep complaining about the noise too.")
    _, none_yet = await call(client, "GET", "/api/complaints?customer=C-1002", "agents")
    assert none_yet["complaints"] == []
    await inbound(client, "email", "alice.grey@northwind.example",
                  "Second visit for the same fault. Please register this as a formal "
                  "complaint about the repair.")
    _, listed = await call(client, "GET", "/api/complaints?customer=C-1002", "agents")
    assert [(c["incident_id"], c["channel"]) for c in listed["complaints"]] == [
        (incident, "email")]
