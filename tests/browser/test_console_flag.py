"""An agent flags a misunderstood customer message in the console (headless Chromium,
/usr/bin/chromium through Playwright); the admins' review list then holds it with reason
"flagged", the agent's name and note, over the API and on the admin page.
Screenshots: docs/screenshots/console-flag.png (the flag dialog), var/screenshots/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiohttp

from tests.backend.handoff.helpers import PASSWORD, add_agent
from tests.browser.shots import shoot
from tests.channels.provider_stack import Stack
from tests.channels.sms.helpers import MARTA, text_in

ROOT = Path(__file__).resolve().parents[2]
MISUNDERSTOOD = "la fotocopiadora hace clac clac y saca las hojas arrugadas"
NOTE = "Avería: quería abrir una incidencia"



async def _review(stack: Stack) -> list[dict[str, Any]]:
    async with aiohttp.ClientSession() as http, http.get(
            stack.backend_url + "/api/admin/nlu/review",
            headers={"Authorization": "Bearer admin-token"}) as response:
        assert response.status == 200
        items: list[dict[str, Any]] = (await response.json())["items"]
        return items


async def _sign_in(page: Any, url: str, username: str) -> None:
    await page.goto(url)
    await page.fill("#username", username)
    await page.fill("#password", PASSWORD)
    await page.click("button[type=submit]")


async def test_agent_flags_a_message_and_admins_see_who(desk_stack: Stack, browser: Any) -> None:
    stack = desk_stack
    await text_in(stack, MARTA, MISUNDERSTOOD)
    await text_in(stack, MARTA, "Quiero hablar con una persona, por favor")
    assert not [i for i in await _review(stack) if i["text"] == MISUNDERSTOOD]

    page = await browser.new_page(viewport={"width": 1366, "height": 860}, locale="es-ES")
    await _sign_in(page, stack.backend_url + "/console/login", "ana")
    await page.wait_for_url("**/console")
    await page.locator(".card .take-button").first.click()
    message = page.locator("#transcript li.msg.in", has_text=MISUNDERSTOOD)
    await message.wait_for()
    # bot lines: no flag
    assert await page.locator("#transcript li.msg.out .flag-button").count() == 0
    await message.locator(".flag-button").click()
    await page.wait_for_selector("#flag-dialog[open]")
    assert await page.inner_text("#flag-text") == MISUNDERSTOOD
    await page.fill("#flag-note", NOTE)
    await shoot(page, "console-flag.png", doc="console-flag.png")
    await page.click("#flag-send")
    await page.wait_for_selector("#toast:not([hidden]) >> text=Mensaje enviado a revisión")
    await message.locator(".flag-button.flagged[disabled]").wait_for()
    await shoot(page, "console-flagged.png")

    [item] = [i for i in await _review(stack) if i["text"] == MISUNDERSTOOD]
    assert "flagged" in item["reasons"]
    assert item["flag"]["by"] == "ana" and item["flag"]["reason"] == NOTE

    await add_agent(stack.uows, "root", role="admin")
    admin = await browser.new_page(viewport={"width": 1280, "height": 800}, locale="es-ES")
    await admin.goto(stack.backend_url + "/admin")
    await admin.wait_for_selector("#login:not([hidden])")
    await _sign_in(admin, stack.backend_url + "/admin", "root")
    row = admin.locator("#review tr.row", has_text=MISUNDERSTOOD)
    await row.wait_for()
    assert f"marcado por agente (ana): {NOTE}" in await row.inner_text()
    await shoot(admin, "admin-flagged.png")
