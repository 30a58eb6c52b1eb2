"""Across channels, through the four real processes and the provider fakes.

* A customer reports a fault on Telegram and asks by SMS, from their phone on file, how
  it is going: the bot answers with that incident's status.
* The same fault reported on the REST channel and then by SMS by a colleague ends in one
  incident with two reports; the SMS sender is told it was merged; both hear when a
  technician is assigned.
* A report in the detector's "ask" zone (data/dedupe.yml: between ask_threshold and
  merge_threshold) makes the bot ask; "yes" merges, "no" opens a new incident.
  The wording was chosen by scoring it with the product's own detector: the same machine
  with a different kind of fault ("pierde aceite" → "hace mucho ruido") lands in the
  middle of the ask zone.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.clients import (
    FILED,
    INCIDENT,
    RestUser,
    SmsUser,
    TelegramUser,
    api,
    api_status,
    verify,
    wait_until,
)
from tests.e2e.conftest import Stack

pytestmark = pytest.mark.e2e

ASK = re.compile(r"Is this about (INC-\d+)|¿Se trata de (INC-\d+)")


def reports_of(stack: Stack, incident_id: str) -> dict[str, object]:
    result: dict[str, object] = api(stack, "GET", f"/api/incidents/{incident_id}/reports",
                                    role="AGENTS")
    return result


def open_incidents(stack: Stack, customer: str) -> list[dict[str, object]]:
    listed = api(stack, "GET", f"/api/incidents?customer={customer}", role="AGENTS")
    items = listed["incidents"] if isinstance(listed, dict) else listed
    return [i for i in items if i["state"] not in ("cancelled", "resolved", "closed")]


STATUS_CASES = [
    # Rachel Thompson (C-1023): Telegram id and phone on file, both verified at once.
    pytest.param(2302871134, "en", "+34917814450", "SN-60928",
                 "Hello, the Ricoh copier SN-60928 shows error SC542 and does not print",
                 "how is my incident going?", id="english"),
    # Teresa Villalba (C-1013), likewise, in Spanish.
    pytest.param(1407723190, "es", "+34649210573", "SN-51734",
                 "Hola, la Ricoh SN-51734 no imprime y muestra el error SC542",
                 "¿cómo va mi incidencia?", id="spanish"),
]
# What the status answer says of each state (bot/domain/status_facts.yml; SMS loses accents).
STATES = {"new": r"no technician is assigned yet|todav[ií]a no tiene t[eé]cnico asignado",
          "assigned": r"(is open|est[aá] abierta)[\s\S]*(offered to|ofrecido a|has accepted|"
                      r"ha aceptado)",
          "acknowledged": r"has accepted|ha aceptado",
          "in_progress": r"working on|trabajando en"}


@pytest.mark.parametrize(("telegram_id", "language", "phone", "serial", "report", "question"),
                         STATUS_CASES)
def test_status_asked_by_sms_about_an_incident_reported_on_telegram(
        stack: Stack, telegram_id: int, language: str, phone: str, serial: str, report: str,
        question: str) -> None:
    telegram = TelegramUser(stack, user_id=telegram_id, language_code=language)
    telegram.report(report, serial)
    incident_id = telegram.incident_id()
    assert incident_id, telegram.transcript()
    sms = SmsUser(stack, phone=phone)
    replies = sms.say(question)
    answer = "\n".join(replies)
    if incident_id not in answer and any(incident_id in t for t in sms.last_choices):
        answer = "\n".join(sms.choose(replies, incident_id))  # several open: this one
    assert incident_id in answer, sms.transcript()
    state = api(stack, "GET", f"/api/incidents/{incident_id}")["state"]
    assert re.search(STATES[state], answer), (state, sms.transcript())


def test_status_question_after_a_greeting_is_not_taken_for_a_cancellation(stack: Stack) -> None:
    if not open_incidents(stack, "C-1023"):  # run alone: Rachel reports one first
        TelegramUser(stack, user_id=2302871134, language_code="en").report(
            "Hello, the Ricoh copier SN-60928 shows error SC542 and does not print", "SN-60928")
    # Daniel Ruiz (C-1023, phone on file) greets before asking.
    sms = SmsUser(stack, phone="+34607893361")
    answer = "\n".join(sms.say("Hi, how is my incident going?"))
    assert not re.search(r"cancel", answer, re.IGNORECASE), sms.transcript()
    assert re.search(r"INC-\d+", answer), sms.transcript()


def test_same_fault_on_rest_then_sms_by_a_colleague_is_merged_and_both_hear_the_assignment(
        stack: Stack) -> None:
    # C-1005: Núria Camps (preferred: code by e-mail) on the REST channel; her colleague
    # Oriol Ferrer texts from his phone on file.
    rest = RestUser(stack)
    replies = verify(rest, "Hola, el aire acondicionado HVAC-80377 no enfría y gotea agua por "
                           "la unidad interior", "C-1005", "ncamps@hotelramblamar.com")
    rest.answer_form(replies, "HVAC-80377")
    first = rest.incident_id()
    assert first, rest.transcript()

    sms = SmsUser(stack, phone="+34679203845")
    sms.report("El aire acondicionado HVAC-80377 sigue goteando agua", "HVAC-80377")
    merged_text = "\n".join(sms.heard)
    assert first in merged_text, sms.transcript()
    assert re.search(r"ya est[aá] abierto|already open", merged_text), sms.transcript()
    assert len(set(INCIDENT.findall(merged_text))) == 1, sms.transcript()

    reports = reports_of(stack, first)
    assert [r["channel"] for r in reports["reports"]] == ["rest", "sms"], reports  # type: ignore[index]
    assert [r["decision"] for r in reports["reports"]][1] == "merged", reports  # type: ignore[index]
    assert {s["channel"] for s in reports["subscriptions"]} == {"rest", "sms"}, reports  # type: ignore[index]
    assert len(open_incidents(stack, "C-1005")) == 1

    # The automatic dispatch offered the job to a technician; the customer is told only
    # when a technician is assigned (an acceptance or an agent), so nobody heard yet.
    offers = wait_until("an automatic dispatch offer", lambda: api(
        stack, "GET", f"/api/incidents/{first}/routing", role="AGENTS")["dispatches"])
    assert offers[0]["technician_id"], offers
    assert not re.search(r"asignad|assigned to", "\n".join(sms.heard[1:])), sms.transcript()

    # An agent assigns a technician (whatever the automatic dispatch offered meanwhile).
    technician = api(stack, "GET", "/api/technicians", role="AGENTS")
    madrid = [t for t in (technician["technicians"] if isinstance(technician, dict) else technician)
              if t["zone"] == "madrid" and "hvac" in t["skills"]]
    assert madrid, technician
    assigned = api(stack, "POST", f"/api/incidents/{first}/assign",
                   {"technician_id": madrid[0]["id"], "agent": "Lucía"}, role="AGENTS")
    assert assigned["state"] == "assigned"
    assert assigned["notified"] == 2, assigned
    surname = madrid[0]["name"].split()[0]
    # The SMS colleague gets it by SMS …
    told = sms.wait_for(rf"{first}.*(asignad|assigned)|(asignad|assigned).*{first}")
    assert surname in told, told
    # … and the REST reporter on the REST conversation's outbox (there is no push on REST).
    conversation = next(c for c in api(stack, "GET", "/api/customers/C-1005/messages")
                        ["conversations"] if c["channel"] == "rest")

    def rest_told() -> list[dict[str, object]]:
        outbox = api(stack, "GET", "/api/outbox?via=dev-outbox&limit=200")["items"]
        return [i for i in outbox if i["conversation_id"] == conversation["id"]
                and i["kind"] == "incident_assigned" and first in str(i["text"])]

    rows = wait_until("the REST reporter's assignment notice", rest_told)
    assert surname in str(rows[0]["text"]), rows


def _seed(user: TelegramUser | SmsUser, text: str, serial: str) -> str:
    user.report(text, serial)
    found = user.incident_id()
    assert found, user.transcript()
    return found


def _ask(user: TelegramUser | SmsUser, text: str, candidate: str) -> list[str]:
    replies = user.say(text)
    for _ in range(3):
        joined = "\n".join(replies)
        match = ASK.search(joined)
        if match:
            assert candidate in match.groups(), user.transcript()
            return replies
        decided = FILED.search(joined)
        if decided:
            found = [(i, reports_of(user.stack, i)["reports"])
                     for i in {candidate, decided.group(1)}]
            raise AssertionError(f"decided without asking: {found}\n{user.transcript()}")
        titles = user.titles(replies)
        wanted = next((t for t in titles if t.startswith(("High", "Alta"))), None)
        assert wanted, f"unexpected question:\n{user.transcript()}"
        replies = user.choose(replies, wanted)
    raise AssertionError(f"never asked:\n{user.transcript()}")


def test_ask_zone_answered_yes_in_spanish_merges(stack: Stack) -> None:
    # C-1021: F. J. Mora texts about the compressor; L. Cuesta writes on Telegram.
    first = _seed(SmsUser(stack, phone="+34916953048"),
                  "Hola, el compresor CMP-7102-A pierde aceite", "CMP-7102-A")
    telegram = TelegramUser(stack, user_id=2104490115, language_code="es", first_name="Luis")
    _ask(telegram, "Buenas, el compresor CMP-7102-A hace mucho ruido", first)
    replies = telegram.say("sí")  # free text
    answer = "\n".join(replies)
    assert first in answer and re.search(r"ya está abierto", answer), telegram.transcript()
    reports = reports_of(stack, first)
    decisions = [r["decision"] for r in reports["reports"]]  # type: ignore[index]
    assert decisions == ["new", "confirmed"], reports
    assert len(open_incidents(stack, "C-1021")) == 1


def test_ask_zone_answered_no_in_english_opens_a_new_incident(stack: Stack) -> None:
    # C-1017: Marina Ibáñez on Telegram, then David Serra by SMS (numbered choices).
    first = _seed(TelegramUser(stack, user_id=1811223399, language_code="en", first_name="Marina"),
                  "Hello, the server SRV-4401-CS does not start", "SRV-4401-CS")
    sms = SmsUser(stack, phone="+34611980346")
    replies = _ask(sms, "Hi, the server SRV-4401-CS makes a loud noise", first)
    assert any(t.startswith("No") for t in sms.titles(replies)), sms.transcript()
    replies = sms.choose(replies, "No")
    replies = sms.answer_form(replies, "SRV-4401-CS")
    second = sms.incident_id()
    assert second and second != first, sms.transcript()
    assert re.search(r"registered", "\n".join(replies)), sms.transcript()
    assert [r["decision"] for r in reports_of(stack, second)["reports"]] == ["declined"]  # type: ignore[index]
    assert len(reports_of(stack, first)["reports"]) == 1  # type: ignore[arg-type]
    assert {i["id"] for i in open_incidents(stack, "C-1017")} >= {first, second}
    status, _ = api_status(stack, "GET", f"/api/incidents/{second}", role="AGENTS")
    assert status == 200
