"""The widget's upload button (issue 20 §1): in headless Chromium a PNG chosen with the
📎 button (accept="image/*,application/pdf", capture="environment") goes through the
gateway's POST /upload with the widget's session token to the backend's attachment store,
is linked to the widget conversation's message, and the widget shows the file and the
bilingual notice. Without a genuine token nothing is stored; over the cap, the clear
bilingual reply and nothing read."""

from __future__ import annotations

from typing import Any

import aiohttp

from tests.backend.attachments.files import photo
from tests.channels.provider_stack import Stack

TOKEN_KEY = "avisa.widget.token"


async def test_a_png_uploaded_from_the_widget_is_stored_with_its_message(
        desk_stack: Stack, browser: Any, tmp_path: Any) -> None:
    png = tmp_path / "pantalla.png"
    png.write_bytes(photo((20, 160, 90), fmt="PNG"))
    page = await browser.new_page(locale="es-ES")
    await page.goto(desk_stack.gateway_url + "/")
    await page.wait_for_selector(".avisa-status.avisa-online")
    picker = page.locator("input.avisa-file")
    assert await picker.get_attribute("accept") == "image/*,application/pdf"
    assert await picker.get_attribute("capture") == "environment"
    async with page.expect_file_chooser() as chooser:
        await page.click("button.avisa-attach")
    await (await chooser.value).set_files(str(png))
    await page.wait_for_selector(".avisa-msg-user:text-is('📎 pantalla.png')")
    await page.wait_for_selector(".avisa-msg-bot:has-text('Received: it')")
    token = await page.evaluate(f"localStorage.getItem('{TOKEN_KEY}')")
    address = token.split(".")[0]
    [stored] = await desk_stack.attachments("web", address, 1)
    assert (stored["mime"], stored["status"], stored["kind"], stored["filename"]) == (
        "image/png", "stored", "photo", "pantalla.png")
    assert stored["message_id"] is not None

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
