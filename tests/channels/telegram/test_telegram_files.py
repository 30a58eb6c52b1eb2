"""Telegram photos, documents and locations (issue 20 §1): downloaded through getFile and
the file endpoint of the Bot API (the fake speaks both), stored in the backend's
attachment store and linked to the message, conversation and open incident."""

from __future__ import annotations

from typing import Any

from channels.core.photos import photo_payload
from tests.backend.attachments.files import HTML_AS_JPG, photo
from tests.channels.helpers import eventually
from tests.channels.provider_stack import Stack
from tests.channels.telegram.helpers import deliver, sent_to, update


async def answered_with_one(live: Stack, user_id: int) -> tuple[str, dict[str, Any]]:
    """What the customer was told and the one attachment of their conversation."""
    sent = await sent_to(live, user_id)
    [att] = await live.attachments("telegram", str(user_id), 1)
    return str(sent[0]["text"]), att


async def test_photo_is_downloaded_stored_and_acknowledged(live: Stack) -> None:
    live.rasa.script = lambda body: []  # the bot has nothing to say about it: the notice
    image = photo((30, 90, 200))
    live.telegram.add_file("AgACAgQAAxkBAAIBQ2Y", image)  # the largest size of the fixture
    assert await deliver(live, update("message_photo.json", user_id=601)) == 200
    told, att = await answered_with_one(live, 601)
    assert "lo añadimos a tu aviso" in told and "added to your report" in told
    assert (att["kind"], att["mime"], att["status"], att["size"]) == (
        "photo", "image/jpeg", "stored", len(image))
    first_message = (await live.messages(att["conversation_id"]))[0]
    assert att["message_id"] == first_message["id"]
    assert [c.params["file_id"] for c in live.telegram.calls if c.method == "getFile"] == [
        "AgACAgQAAxkBAAIBQ2Y"]
    # a photo without a caption reaches the bot as an intent only the gateway writes
    assert live.rasa.messages == [photo_payload(att["id"])]


async def test_the_bots_answer_to_a_photo_replaces_the_notice(live: Stack) -> None:
    live.telegram.add_file("AgACAgQAAxkBAAIBQ2Y", photo((200, 90, 30)))
    live.rasa.script = lambda body: [{"recipient_id": body["sender"], "text": "¿Es la X?"}]
    assert await deliver(live, update("message_photo.json", user_id=605)) == 200
    [att] = await live.attachments("telegram", "605", 1)
    sent = await sent_to(live, 605)
    assert [s["text"] for s in sent] == ["¿Es la X?"]
    assert live.rasa.requests[0]["metadata"]["channel"] == "telegram"
    assert live.rasa.messages == [photo_payload(att["id"])]


async def test_captioned_document_is_stored_and_the_caption_reaches_the_bot(
        live: Stack) -> None:
    live.telegram.add_file("DOC-1", b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
    raw = update("message_photo.json", user_id=602, caption="el albarán de ayer")
    del raw["message"]["photo"]
    raw["message"]["document"] = {"file_id": "DOC-1", "file_unique_id": "UDOC1",
                                  "file_name": "albaran.pdf", "mime_type": "application/pdf"}
    assert await deliver(live, raw) == 200
    await eventually(lambda: _said(live, "el albarán de ayer"))
    [att] = await live.attachments("telegram", "602", 1)
    assert (att["kind"], att["mime"], att["filename"]) == ("document", "application/pdf",
                                                          "albaran.pdf")


async def test_html_sent_as_a_photo_is_quarantined_and_the_customer_told(live: Stack) -> None:
    live.telegram.add_file("AgACAgQAAxkBAAIBQ2Y", HTML_AS_JPG)
    assert await deliver(live, update("message_photo.json", user_id=603)) == 200
    told, att = await answered_with_one(live, 603)
    assert "por seguridad" in told and "security reasons" in told
    assert (att["status"], att["reason"]) == ("quarantined", "html")


async def test_location_is_kept_with_the_message(live: Stack) -> None:
    raw = update("message_photo.json", user_id=604)
    del raw["message"]["photo"]
    raw["message"]["location"] = {"latitude": 41.65606, "longitude": -0.87734}
    assert await deliver(live, raw) == 200
    sent = await sent_to(live, 604)
    assert "added to your report" in sent[0]["text"]
    conversation = await live.conversation("telegram", "604")
    assert conversation is not None
    assert (await live.messages(conversation.id))[0]["text"] == "[location 41.65606,-0.87734]"


async def _said(live: Stack, text: str) -> bool:
    return text in live.rasa.messages
