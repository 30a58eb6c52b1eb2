"""The console's desk tools in headless Chromium: canned responses filled from the
conversation, search, the customer's history (issue 22, acceptance 2)."""

from __future__ import annotations

import re
from typing import Any

from playwright.async_api import expect

from tests.browser.desk_page import escalated_desk, shot
from tests.channels.provider_stack import Stack

WAIT_MS = 30_000  # a generous deadline for what the page does after a choice (no timing)


async def test_canned_response_search_and_history(desk_stack: Stack, browser: Any) -> None:
    stack = desk_stack
    context, page = await escalated_desk(browser, stack, "La Ricoh de la segunda planta no imprime")
    await page.locator(".card .take-button").first.click()
    await page.wait_for_selector("#reply:not([disabled])")
    await page.wait_for_selector("#canned option[value=greeting]", state="attached")
    await page.select_option("#canned", "greeting")
    await expect(page.locator("#reply")).to_have_value(  # filled once the list is current
        "Hola Marta, soy Ana, del equipo de atención. ¿En qué puedo ayudarte?", timeout=WAIT_MS)
    assert await page.evaluate("document.activeElement.id") == "reply"
    await page.keyboard.press("Control+Enter")
    await page.wait_for_selector(".msg.agent")
    await page.select_option("#canned", "incident_status")  # no incident yet
    await page.wait_for_selector("#toast.bad >> text=número de incidencia")
    selected = await page.evaluate(
        "(() => { const b = document.getElementById('reply');"
        " return b.value.slice(b.selectionStart, b.selectionEnd); })()")
    assert selected == "{incident_id}"  # the agent types over it
    await page.fill("#reply", "")
    await page.fill("#incident-symptom", "la Ricoh no imprime")
    await page.click("#incident-form button[type=submit]")
    await page.wait_for_selector("#incidents strong")
    incident = (await page.locator("#incidents strong").first.inner_text()).strip()
    await page.select_option("#canned", "incident_status")  # the list reloads: new incident
    await expect(page.locator("#reply")).to_have_value(re.compile(re.escape(incident)),
                                                       timeout=WAIT_MS)
    await page.keyboard.press("Alt+s")
    assert await page.evaluate("document.activeElement.id") == "search"
    await page.keyboard.type("segunda planta")
    await page.keyboard.press("Enter")
    await page.wait_for_selector("#search-dialog[open] >> text=La Ricoh de la segunda planta")
    await page.keyboard.press("Escape")
    await page.fill("#search", "talleres ebro")
    await page.keyboard.press("Enter")
    await page.click("#search-dialog >> text=Talleres Ebro S.L. (C-1001)")
    await page.wait_for_selector("#search-results h3 >> text=Talleres Ebro S.L. (C-1001)")
    await shot(page, "console-search.png")
    await context.close()
