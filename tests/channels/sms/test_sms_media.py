"""Twilio MMS media (issue 20 §1): MediaUrl0… fetched with the account's credentials from
the Twilio fake (Basic auth, then its redirect to the stored bytes), stored in the
backend's attachment store and linked to the message, conversation and open incident."""

from __future__ import annotations

from channels.core.photos import photo_payload
from tests.backend.attachments.files import photo
from tests.channels.helpers import eventually
from tests.channels.provider_stack import Stack
from tests.channels.sms.helpers import MARTA, bodies


async def mms_in(live: Stack, body: str, *media: bytes) -> None:
    values = live.twilio.inbound_form(MARTA, body, media=media)
    status, _ = await live.twilio.deliver_sms(live.gateway_url + "/webhooks/twilio/sms", values)
    assert status == 200


async def test_mms_images_are_fetched_with_the_account_credentials_and_stored(
        live: Stack) -> None:
    live.rasa.script = lambda body: []  # the bot has nothing to say about these photos
    first, second = photo((250, 200, 0)), photo((0, 0, 250), fmt="PNG")
    await mms_in(live, "", first, second)
    [told] = await bodies(live, MARTA)
    assert "lo anadimos a tu aviso" in told.lower() or "lo añadimos a tu aviso" in told
    assert "added to your report" in told
    stored = await live.attachments("sms", MARTA, 2)
    assert sorted((a["mime"], a["size"], a["status"]) for a in stored) == sorted(
        [("image/jpeg", len(first), "stored"), ("image/png", len(second), "stored")])
    assert len(live.twilio.media_fetches) == 2
    # no words: the bot is shown the last photo (channels/core/photos.py), then the notice
    [last] = [a for a in stored if a["mime"] == "image/png"]
    assert live.rasa.messages == [photo_payload(last["id"])]


async def test_mms_with_words_reaches_the_bot_and_keeps_its_photo(live: Stack) -> None:
    await mms_in(live, "la placa del compresor", photo())
    await eventually(lambda: _said(live, "la placa del compresor"))
    [att] = await live.attachments("sms", MARTA, 1)
    assert (att["kind"], att["status"]) == ("photo", "stored")


async def _said(live: Stack, text: str) -> bool:
    return text in live.rasa.messages
