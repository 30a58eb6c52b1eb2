"""Photos in the console (issue 20 §2, acceptance 1 and 5): an MMS photo shows as a loaded
thumbnail on its message, served by the console's own session-authenticated route with the
store's safe headers; a hostile file beside it shows its quarantine reason instead, in
Spanish and in English."""

from __future__ import annotations

from typing import Any

import aiohttp

from tests.backend.attachments.files import HTML_AS_JPG, photo
from tests.browser.desk_page import escalated_desk
from tests.browser.shots import shoot
from tests.channels.provider_stack import Stack
from tests.channels.sms.helpers import MARTA


async def test_a_stored_photo_shows_as_a_thumbnail_and_a_quarantined_file_its_reason(
        desk_stack: Stack, browser: Any) -> None:
    form = desk_stack.twilio.inbound_form(MARTA, "Así sale la pantalla",
                                          media=(photo((30, 90, 200)), HTML_AS_JPG))
    status, _ = await desk_stack.twilio.deliver_sms(
        desk_stack.gateway_url + "/webhooks/twilio/sms", form)
    assert status == 200
    await desk_stack.attachments("sms", MARTA, 2)
    context, page = await escalated_desk(browser, desk_stack)
    await page.locator(".card .take-button").first.click()
    thumb = page.locator("#transcript li.msg .attachment img")
    await thumb.wait_for()
    await page.wait_for_function(
        "() => { const i = document.querySelector('#transcript .attachment img');"
        " return i && i.complete && i.naturalWidth > 0; }")
    quarantined = page.locator("#transcript .attachment.quarantined")
    await quarantined.wait_for()
    assert "es una página HTML" in await quarantined.inner_text()
    message = page.locator("#transcript li.msg", has=page.locator(".attachment img"))
    assert "Así sale la pantalla" in await message.inner_text()

    src = await thumb.get_attribute("src")
    assert src is not None and src.startswith("/console/api/attachments/")
    answer = await page.request.get(desk_stack.backend_url + src)
    assert answer.status == 200 and answer.headers["content-type"] == "image/jpeg"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in answer.headers["content-security-policy"]
    async with aiohttp.ClientSession() as anonymous, \
            anonymous.get(desk_stack.backend_url + src) as refused:
        assert refused.status == 401  # no console session: nothing

    await page.fill("#incident-symptom", "La pantalla marca un error")
    await page.click("#incident-form button[type=submit]")
    filed = page.locator("#incidents [data-iid] .attachment img")
    await filed.wait_for()  # the incident panel: the photo sent before it was filed
    assert await filed.evaluate("i => i.decode().then(() => i.naturalWidth)") > 0
    assert "es una página HTML" in await page.locator("#incidents .quarantined").inner_text()
    await message.scroll_into_view_if_needed()
    await shoot(page, "console-photo.png", doc="console-photo.png")

    await page.click("#lang-toggle")
    await page.wait_for_selector("#transcript .attachment.quarantined >> text=it is an HTML page")
    await page.wait_for_function(
        "() => { const i = document.querySelector('#transcript .attachment img');"
        " return i && i.complete && i.naturalWidth > 0; }")
    await context.close()
