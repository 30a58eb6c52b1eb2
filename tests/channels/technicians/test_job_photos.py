"""Issue 20: the incident's photos go to the technician with the job card. A customer's
MMS brings two photos and a hostile file; the job is offered on Telegram, where the fake
Bot API receives the two images (one sendMediaGroup, uploaded, before the card) and not
the quarantined file; the service order e-mail (dev outbox) and an SMS technician's card
carry one signed link per photo, served by the gateway with the same bytes, while a
forged, altered or expired link gets 403 with a bilingual text."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

import aiohttp
import pytest

from backend.services.platform.scheduler import tick
from channels.email.smtp.config import SmtpSettings
from tests.backend.attachments.files import HTML_AS_JPG, photo
from tests.channels.provider_stack import AiohttpServer, Stack, start_gateway
from tests.channels.technicians.helpers import (
    CUSTOMER_PHONE,
    T01_CHAT,
    T02_PHONE,
    link_t01,
    report_fault,
    seed_technicians,
    to_chat,
    until,
)
from tests.mailservers.smtp import SmtpServer

TECH_MAIL = "javier@avisa.example"  # T-01's address on file
LINK = re.compile(r"https?://\S+/files/(ATT-[\w-]+)\?expires=(\d+)&sig=(\w+)")


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


async def fetch(url: str) -> tuple[int, bytes, dict[str, str]]:
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        return response.status, await response.read(), dict(response.headers)


def mailed_text(smtp: SmtpServer, address: str, incident: str) -> str:
    for received in smtp.inbox.to(address):
        body = received.message.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        if incident in text:
            return str(text)
    return ""


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer().start()
    yield server
    server.stop()


async def test_job_card_photos_on_telegram_and_signed_links_by_email_and_sms(
        aiohttp_server: AiohttpServer, stack: Stack, smtp: SmtpServer) -> None:
    await start_gateway(aiohttp_server, stack, smtp=SmtpSettings(
        host="127.0.0.1", port=smtp.port, tls="none", from_address="desk@avisa.test"))
    await seed_technicians(stack)
    await link_t01(stack)
    red, blue = photo((200, 30, 30)), photo((30, 30, 200), fmt="PNG")
    form = stack.twilio.inbound_form(CUSTOMER_PHONE, "así sale el compresor",
                                     media=(red, blue, HTML_AS_JPG))
    status, _ = await stack.twilio.deliver_sms(stack.gateway_url + "/webhooks/twilio/sms", form)
    assert status == 200
    stored = await stack.attachments("sms", CUSTOMER_PHONE, 3)
    assert sorted(a["status"] for a in stored) == ["quarantined", "stored", "stored"], stored
    incident = await report_fault(stack)
    assert (await tick(stack.uows, stack.clock(), maintenance=False))["dispatched"] == 1

    # Telegram: the two photos, uploaded in one album, then the card with its buttons
    sent = await until(lambda: len(stack.telegram.photos_to(T01_CHAT)) >= 2 and
                       stack.telegram.photos_to(T01_CHAT))
    assert sorted(sha(p.data) for p in sent) == sorted([sha(red), sha(blue)])
    assert {p.method for p in sent} == {"sendMediaGroup"}
    await until(lambda: any(incident in m.get("text", "") for m in to_chat(stack, T01_CHAT)))
    methods = [c.method for c in stack.telegram.calls if c.method.startswith("send")]
    assert methods.index("sendMediaGroup") < len(methods) - 1  # the card comes after

    # e-mail (the service order, by SMTP): one signed link per photo
    mail = await until(lambda: mailed_text(smtp, TECH_MAIL, incident))
    assert "Fotos de la avería (2)" in mail, mail
    links = LINK.findall(mail)
    urls = [m.group(0) for m in LINK.finditer(mail)]
    assert len(urls) == 2 and all(u.startswith(stack.gateway_url + "/files/") for u in urls)
    got = []
    for url in urls:
        status, body, headers = await fetch(url)
        assert status == 200, body
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Content-Type"] in ("image/jpeg", "image/png")
        got.append(sha(body))
    assert sorted(got) == sorted([sha(red), sha(blue)])

    _, expires, sig = links[0]
    base = urls[0].split("?")[0]
    other = urls[1].split("?")[0]
    for tampered in (f"{base}?expires={expires}&sig={'0' * len(sig)}",  # forged
                     f"{base}?expires={int(expires) + 3600}&sig={sig}",  # altered expiry
                     f"{other}?expires={expires}&sig={sig}",  # another file
                     base):  # no signature at all
        status, body, _ = await fetch(tampered)
        assert status == 403, tampered
        assert "no es válido" in body.decode() and "not valid" in body.decode()

    # an SMS technician named by an agent gets the links in the card's text
    status, body = await stack.api("POST", f"/api/incidents/{incident}/dispatch", "agents",
                                   {"technician_id": "T-02"})
    assert status == 200, body
    card = await until(lambda: "".join(stack.twilio.bodies_to(T02_PHONE)).count("/files/")
                       >= 2 and "".join(stack.twilio.bodies_to(T02_PHONE)))
    sms_urls = [m.group(0) for m in LINK.finditer(card)]
    assert len(sms_urls) == 2, card
    status, body, _ = await fetch(sms_urls[0])
    assert status == 200 and sha(body) in (sha(red), sha(blue))

    stack.clock.advance(hours=73)  # past the link's 72 hours, by the product's clock
    status, body, _ = await fetch(sms_urls[0])
    assert status == 403 and "caducado" in body.decode() and "expired" in body.decode()
