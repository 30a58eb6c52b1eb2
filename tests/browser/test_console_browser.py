"""The agent console in headless Chromium (Debian's /usr/bin/chromium through Playwright):
sign in, take a conversation, reply with Ctrl+Enter, hand back with Alt+B. Screenshots go to
var/screenshots/ and the laptop one to docs/screenshots/console.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.backend.handoff.helpers import PASSWORD
from tests.browser.shots import shoot
from tests.channels.helpers import eventually
from tests.channels.provider_stack import Stack
from tests.channels.sms.helpers import MARTA, text_in

ROOT = Path(__file__).resolve().parents[2]



async def test_sign_in_take_reply_and_hand_back(desk_stack: Stack, browser: Any) -> None:
    stack = desk_stack
    await text_in(stack, MARTA, "Hola, la fotocopiadora no imprime")
    await text_in(stack, MARTA, "Quiero hablar con una persona, por favor")
    page = await browser.new_page(viewport={"width": 1366, "height": 860}, locale="es-ES")
    await page.goto(stack.backend_url + "/console")
    assert page.url.endswith("/console/login")  # no session: to the sign-in page
    await page.fill("#username", "ana")
    await page.fill("#password", "wrong password")
    await page.click("button[type=submit]")
    await page.wait_for_selector("#login-error:not([hidden])")
    await page.fill("#password", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_url("**/console")
    card = page.locator(".card").first
    await card.wait_for()
    await shoot(page, "console-queue.png")
    await card.locator(".take-button").click()
    await page.wait_for_selector("#reply:not([disabled])")
    await page.fill("#reply", "Hola Marta, soy Ana. Ahora lo miramos.")
    await page.keyboard.press("Control+Enter")
    await page.wait_for_selector(".msg.agent")

    async def replied() -> bool:
        return "Hola Marta, soy Ana. Ahora lo miramos." in stack.twilio.bodies_to(MARTA)

    await eventually(replied)
    await text_in(stack, MARTA, "Es la Ricoh de la segunda planta")
    await page.wait_for_selector("text=Es la Ricoh de la segunda planta", timeout=10_000)
    await page.fill("#note", "Cliente con prisa; revisar contrato")
    await page.click("#note-form button")
    await page.wait_for_selector("#log li >> text=revisar contrato")
    # the escalation's entry names the reason once: "escalada: <reason>", not "pedida: pide…"
    first = await page.locator("#log li").first.inner_text()
    assert first.split(" · ")[1].startswith("escalada: "), first
    await shoot(page, "console-conversation.png", doc="console.png")
    await page.set_viewport_size({"width": 900, "height": 1180})
    await shoot(page, "console-tablet.png")
    await page.set_viewport_size({"width": 1366, "height": 860})
    await page.click("#reply")
    await page.keyboard.press("Alt+b")
    await page.wait_for_selector("#confirm-dialog[open]")  # asks first; Enter confirms
    await page.keyboard.press("Enter")
    await page.wait_for_selector("#hand-back[disabled]")
    await page.wait_for_selector("#transfer-go[disabled]")  # no longer hers to transfer

    async def resumed() -> bool:
        return bool(stack.rasa.events)

    await eventually(resumed)
    assert stack.rasa.events[0][1][0] == {"event": "resume"}
    await page.click("#lang-toggle")
    assert await page.locator("#hand-back").inner_text() == "Hand back to bot"
    await shoot(page, "console-english.png")
    await page.click("#sign-out")
    await page.wait_for_url("**/console/login")
    await page.goto(stack.backend_url + "/console")
    assert page.url.endswith("/console/login")
