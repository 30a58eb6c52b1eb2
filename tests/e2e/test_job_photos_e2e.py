"""Issue 20, acceptance 1, through the four real processes and the provider fakes: photos
from every channel reach the incident and go to the technician with the job card.

Distribuciones Monegros (C-1019, a machine no other test uses: the forklift FL-2204-J,
EQ-0077). Raquel Bescós reports it on Telegram (her chat is on file: verified at once) and
sends a photo; her colleague Óscar Larrosa texts the same fault from his phone on file (his
report is merged into hers) and sends an MMS photo; Raquel, signed in to the company portal,
reports it on the widget too (merged) and uploads a photo with the widget's 📎. The three
files are on the incident, and shown: Raquel asks for a person, and the agent who takes her
conversation in the console (headless Chromium) sees the three photos, loaded, in the
incident panel; the agent hands the conversation back. An agent
offers the job to Daniel Aznar (T-03, Telegram): the fake Bot API gets the three photos,
uploaded, with the same bytes (SHA-256); then to Javier Royo (T-01, SMS): his card and his
service-order e-mail carry one signed link per photo on the gateway, each downloading the
same bytes, and a tampered link gets 403.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import urllib.error
import urllib.request
from datetime import timedelta

import pytest

from tests.backend.attachments.files import photo
from tests.browser.chromium import chromium
from tests.browser.shots import shoot
from tests.e2e.clients import SmsUser, TelegramUser, api, wait_until
from tests.e2e.conftest import Stack
from tests.e2e.console_agent import ConsoleAgent
from tests.e2e.test_portal_identity import WidgetUser, signed

pytestmark = pytest.mark.e2e

SERIAL = "FL-2204-J"
RAQUEL_CHAT, RAQUEL_MAIL = 1913378201, "raquel.bescos@distmonegros.es"
OSCAR_PHONE = "+34618245097"
DANIEL_CHAT = 3100536612  # T-03's Telegram (data/technicians.yml), linked by the test
JAVIER_PHONE, JAVIER_MAIL = "+34600111222", "javier.royo@avisa-servicios.es"  # T-01
LINK = re.compile(r"https?://[^\s]+/files/ATT-[0-9a-f]+\?expires=\d+&sig=[0-9a-f]+")


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def download(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def mms(stack: Stack, sms: SmsUser, text: str, data: bytes) -> None:
    assert stack.providers is not None
    twilio = stack.providers.twilio
    form = twilio.inbound_form(sms.phone, text, media=(data,))
    status, _ = stack.providers.run(twilio.deliver_sms(
        sms.webhook, form, signed_url=f"{stack.public_url}/webhooks/twilio/sms"))
    assert status == 200


def upload(stack: Stack, widget: WidgetUser, data: bytes) -> None:
    request = urllib.request.Request(
        f"{stack.gateway}/upload?name=carretilla.png", data=data, method="POST",
        headers={"Authorization": f"Bearer {widget.token}", "Content-Type": "image/png",
                 "X-Avisa-Identity": json.dumps(widget.identity)})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status in (200, 201)


def on_incident(stack: Stack, incident: str, count: int) -> list[dict[str, object]]:
    def probe() -> list[dict[str, object]]:
        found = api(stack, "GET", f"/api/incidents/{incident}/attachments",
                    role="AGENTS")["attachments"]
        return found if len(found) >= count else []
    listed: list[dict[str, object]] = wait_until(f"{count} files on {incident}", probe)
    return listed


PHOTOS_LOADED = """(iid) => {
  const imgs = [...document.querySelectorAll(`#incidents [data-iid="${iid}"] .attachment img`)];
  return imgs.length === 3 && imgs.every((i) => i.complete && i.naturalWidth > 0);
}"""


async def seen_in_the_console(stack: Stack, agent: ConsoleAgent, handoff: str,
                              incident: str) -> None:
    """The agent takes the conversation in the console, sees the incident's three photos
    loaded in its panel, and hands the conversation back to the bot."""
    async with chromium() as browser:
        context = await browser.new_context(viewport={"width": 1366, "height": 860},
                                            locale="es-ES")
        page = await context.new_page()
        await page.goto(stack.backend + "/console/login")
        await page.fill("#username", agent.username)
        await page.fill("#password", agent.password)
        await page.click("button[type=submit]")
        await page.wait_for_selector("#live.on")
        await page.click(f'.card[data-id="{handoff}"] .take-button')
        await page.wait_for_function(PHOTOS_LOADED, arg=incident, timeout=30_000)
        await shoot(page, "e2e-incident-photos.png")
        await page.keyboard.press("Alt+b")
        await page.click("#confirm-ok")
        await page.wait_for_selector("#hand-back[disabled]")
        await context.close()


def test_photos_from_three_channels_reach_the_incident_and_the_technicians(
        stack: Stack) -> None:
    assert stack.providers is not None and stack.mail is not None
    red, green, blue = photo((190, 30, 30)), photo((30, 160, 60)), photo((30, 60, 190), fmt="PNG")

    raquel = TelegramUser(stack, user_id=RAQUEL_CHAT, language_code="es", first_name="Raquel")
    raquel.report(f"Hola, la carretilla {SERIAL} no levanta la horquilla y pita", SERIAL)
    incident = raquel.incident_id()
    assert incident, raquel.transcript()
    raquel.send_photo(red)  # the bot reads it too (a plate?) and answers
    on_incident(stack, incident, 1)

    oscar = SmsUser(stack, phone=OSCAR_PHONE)
    oscar.report(f"Hola, la carretilla {SERIAL} no levanta la horquilla y pita", SERIAL)
    assert incident in "\n".join(oscar.heard), oscar.transcript()  # merged into hers
    mms(stack, oscar, "así está la horquilla", green)
    on_incident(stack, incident, 2)

    widget = WidgetUser(stack, identity=signed(stack, RAQUEL_MAIL, timedelta(hours=1)))
    try:
        widget.report(f"Hola, la carretilla {SERIAL} no levanta la horquilla y pita", SERIAL)
        assert incident in "\n".join(widget.heard), widget.transcript()
        upload(stack, widget, blue)
    finally:
        widget.close()
    files = on_incident(stack, incident, 3)
    assert sorted(str(f["sha256"]) for f in files) == sorted(map(sha, (red, green, blue)))
    assert {f["status"] for f in files} == {"stored"}

    # shown where people work: the console's incident panel, in Chromium
    agent = ConsoleAgent.signed_in(stack)
    said = "quiero hablar con una persona de la carretilla, por favor"
    raquel.say(said)
    card = agent.waiting_for(said, raquel.transcript())
    asyncio.run(seen_in_the_console(stack, agent, card["id"], incident))

    # offered to Daniel on Telegram (linked the real way, /start CODE): the three photos,
    # uploaded, before the card
    daniel = TelegramUser(stack, user_id=DANIEL_CHAT, language_code="es", first_name="Daniel")
    issued = api(stack, "POST", "/api/technicians/T-03/link-code", {})
    daniel.say(issued["telegram"])
    daniel.wait_for("enlazado|linked")
    api(stack, "POST", f"/api/incidents/{incident}/dispatch", {"technician_id": "T-03"},
        role="AGENTS")
    telegram = stack.providers.telegram
    sent = wait_until("three photos to T-03", lambda: len(
        {sha(p.data) for p in telegram.photos_to(DANIEL_CHAT)} & set(map(sha, (red, green, blue))))
        == 3)
    assert sent
    card = daniel.wait_for(f"Nuevo trabajo {incident}")
    calls = [c.method for c in telegram.calls if c.params.get("chat_id") in (DANIEL_CHAT,
                                                                         str(DANIEL_CHAT))]
    assert calls.index("sendMediaGroup") < len(calls) - 1, (calls, card)  # the card after

    # then to Javier by SMS: a signed link per photo, and in his service-order e-mail
    api(stack, "POST", f"/api/incidents/{incident}/dispatch", {"technician_id": "T-01"},
        role="AGENTS")
    sms_text = wait_until("three links by SMS", lambda: (t := "\n".join(
        stack.providers.twilio.bodies_to(JAVIER_PHONE))).count("/files/ATT-") >= 3 and t)
    links = LINK.findall(sms_text)[-3:]
    assert all(link.startswith(f"{stack.public_url}/files/") for link in links), links
    got = [download(link) for link in links]
    assert [status for status, _ in got] == [200, 200, 200]
    assert sorted(sha(body) for _, body in got) == sorted(map(sha, (red, green, blue)))

    mail = stack.mail

    def mailed() -> str:
        for received in mail.smtp.inbox.to(JAVIER_MAIL):
            body = received.message.get_body(preferencelist=("plain",))
            text = str(body.get_content()) if body is not None else ""
            if incident in text and len(LINK.findall(text)) == 3:
                return text
        return ""
    order_mail = wait_until("the service order e-mail with three links", mailed)
    status, body = download(LINK.findall(order_mail)[0])
    assert status == 200 and sha(body) in map(sha, (red, green, blue))

    tampered = re.sub(r"sig=[0-9a-f]+", "sig=" + "0" * 32, links[0])
    status, body = download(tampered)
    assert status == 403 and "not valid" in body.decode() and "no es válido" in body.decode()
