"""E-mail attachments go to the backend's attachment store (issue 20 §1): a mail with a
photo and a PDF, ingested through the gateway's mail ingestor against the real backend,
leaves both attached to the stored message; an HTML file named .jpg is quarantined."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import aiohttp

from channels.core.keys import PIPELINE
from channels.email.ingest.client import MailBackendClient, Position
from channels.email.ingest.ingestor import IngestSetup, MailIngestor
from channels.email.limits import Limits
from channels.email.parse.loop_guard import LoopPolicy
from tests.backend.attachments.files import HTML_AS_JPG, PLAIN_PDF, photo
from tests.channels.provider_stack import TOKENS, Stack

SENDER = "marta.lazaro@talleresebro.es"


def mail_with_files() -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"] = f"Marta <{SENDER}>", "soporte@avisa.example"
    msg["Subject"], msg["Message-ID"] = "Compresor parado", "<att-1@talleresebro.es>"
    msg.set_content("Os mando la foto de la placa y el albarán.")
    msg.add_attachment(photo(), maintype="image", subtype="jpeg", filename="placa.jpg")
    msg.add_attachment(PLAIN_PDF, maintype="application", subtype="pdf", filename="albaran.pdf")
    msg.add_attachment(HTML_AS_JPG, maintype="image", subtype="jpeg", filename="otra.jpg")
    return msg.as_bytes()


async def test_mail_attachments_are_stored_and_linked(live: Stack, tmp_path: Path) -> None:
    assert live.app is not None
    async with aiohttp.ClientSession() as http:
        backend = MailBackendClient(http, live.backend_url, TOKENS["gateway"], 10.0)
        setup = IngestSetup(Limits(), LoopPolicy(), tmp_path / "mail", live.clock)
        ingestor = MailIngestor(live.app[PIPELINE], backend, None, setup)
        outcome = await ingestor.handle(mail_with_files(), Position("INBOX", 1, 1))
    assert outcome.startswith("stored")
    stored = await live.attachments("email", SENDER, 3)
    by_name = {a["filename"]: a for a in stored}
    assert (by_name["placa.jpg"]["mime"], by_name["placa.jpg"]["status"]) == (
        "image/jpeg", "stored")
    assert by_name["albaran.pdf"]["mime"] == "application/pdf"
    assert (by_name["otra.jpg"]["status"], by_name["otra.jpg"]["reason"]) == (
        "quarantined", "html")
    assert len({a["message_id"] for a in stored}) == 1
