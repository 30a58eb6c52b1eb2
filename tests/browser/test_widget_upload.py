"""The widget's upload button (issue 20 §1): in headless Chromium a PNG chosen with the
📎 button (accept="image/*,application/pdf", capture="environment") goes through the
gateway's POST /upload with the widget's session token to the backend's attachment store,
is linked to the widget conversation's message, handed to the bot (channels/core/photos.py)
and the widget shows the file and the bot's reply. Without a genuine token nothing is
stored; over the cap, the clear bilingual reply and nothing read."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import aiohttp

from backend.adapters.orm import Conversation
from channels.core.photos import photo_payload
from channels.web.portal import portal_signature
from tests.backend.attachments.files import photo
from tests.channels.provider_stack import AiohttpServer, Stack, start_gateway

TOKEN_KEY = "avisa.widget.token"
PORTAL_SECRET = "portal-secret-for-tests"


async def test_a_png_uploaded_from_the_widget_is_stored_with_its_message(
        desk_stack: Stack, browser: Any, tmp_path: Any) -> None:
    png = tmp_path / "pantalla.png"
    png.write_bytes(photo((20, 160, 90), fmt="PNG"))
    page = await browser.new_page(locale="es-ES")
    await page.goto(desk_stack.gateway_url + "/")
    await page.wait_for_selector(".avisa-status.avisa-online")
    await page.fill(".avisa-input", "el compresor pierde aceite")
    await page.press(".avisa-input", "Enter")
    await page.wait_for_selector(".avisa-msg-bot:text-is('bot: el compresor pierde aceite')")
    token = await page.evaluate(f"localStorage.getItem('{TOKEN_KEY}')")
    address = token.split(".")[0]
    incident = await _incident_of(desk_stack, address)  # what the bot files once verified
    picker = page.locator("input.avisa-file")
    assert await picker.get_attribute("accept") == "image/*,application/pdf"
    assert await picker.get_attribute("capture") == "environment"
    async with page.expect_file_chooser() as chooser:
        await page.click("button.avisa-attach")
    await (await chooser.value).set_files(str(png))
    await page.wait_for_selector(".avisa-msg-user:text-is('📎 pantalla.png')")
    [stored] = await desk_stack.attachments("web", address, 1)
    # the photo goes to the bot, whose reply (this fake's echo) the widget shows, not the notice
    payload = photo_payload(stored["id"])
    await page.wait_for_selector(f".avisa-msg-bot:text-is('bot: {payload}')")
    assert desk_stack.rasa.messages[-1] == payload
    assert (stored["mime"], stored["status"], stored["kind"], stored["filename"]) == (
        "image/png", "stored", "photo", "pantalla.png")
    assert stored["message_id"] is not None and stored["incident_id"] == incident
    status, body = await desk_stack.api("GET", f"/api/incidents/{incident}/attachments")
    assert status == 200 and [a["id"] for a in body["attachments"]] == [stored["id"]]

    async with aiohttp.ClientSession() as http:
        async with http.post(desk_stack.gateway_url + "/upload", data=b"x",
                             headers={"Authorization": "Bearer w-forged.1.AAAA"}) as forged:
            assert forged.status == 401
        too_big = b"\0" * (10 * 1024 * 1024 + 1)
        async with http.post(desk_stack.gateway_url + "/upload?name=big.png", data=too_big,
                             headers={"Authorization": f"Bearer {token}",
                                      "Content-Type": "image/png"}) as refused:
            body = await refused.json()
            assert refused.status == 413
            assert "demasiado grande" in body["text"] and "too large" in body["text"]
    assert len(await desk_stack.attachments("web", address, 1)) == 1
    await page.close()


async def _incident_of(stack: Stack, address: str) -> str:
    """The widget conversation verified as C-1001's and an incident filed on it, as the
    actions do after verification (the dialogue itself is not what this test is about)."""
    conversation = await stack.conversation("web", address)
    assert conversation is not None
    async with stack.uows() as uow:
        row = await uow.session.get(Conversation, conversation.id)
        assert row is not None
        row.customer_code, row.verified = "C-1001", True
        await uow.commit()
    status, body = await stack.api("POST", f"/api/conversations/{conversation.id}/incidents",
                                   "actions", {"symptom": "pierde aceite", "priority": "medium",
                                               "equipment_id": "EQ-0001"})
    assert status == 201, body
    return str(body["id"])


async def test_a_portal_users_upload_joins_their_own_conversation(
        desk_stack: Stack, aiohttp_server: AiohttpServer) -> None:
    """The identity the widget's socket speaks for travels with the upload: the file lands
    in that user's conversation, not in the anonymous one of the same browser."""
    await start_gateway(aiohttp_server, desk_stack, portal_secret=PORTAL_SECRET)
    user = "marta.lazaro@talleresebro.es"
    identity = {"user_id": user, "expires": None,
                "signature": portal_signature(PORTAL_SECRET, user)}
    async with aiohttp.ClientSession() as http:
        async with http.post(desk_stack.gateway_url + "/session", json={}) as issued:
            token = (await issued.json())["token"]
        async with http.post(desk_stack.gateway_url + "/upload?name=placa.png",
                             data=photo(fmt="PNG"),
                             headers={"Authorization": f"Bearer {token}",
                                      "Content-Type": "image/png",
                                      "X-Avisa-Identity": json.dumps(identity)}) as sent:
            assert sent.status == 201, await sent.text()
    address = token.split(".")[0]
    own = f"{address}-u{hashlib.sha256(user.encode()).hexdigest()[:20]}"
    [stored] = await desk_stack.attachments("web", own, 1)
    assert stored["filename"] == "placa.png"
    assert await desk_stack.conversation("web", address) is None
