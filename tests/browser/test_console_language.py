"""The console speaks the agent's language from their profile, not the browser's; switching
it is remembered in the profile, so it holds on another browser and the next sign-in
(issue 22, point 6)."""

from __future__ import annotations

from typing import Any

from backend.services.handoff.agents import create_agent
from tests.backend.handoff.helpers import PASSWORD
from tests.browser.desk_page import signed_in
from tests.channels.provider_stack import Stack


async def test_the_profile_language_wins_and_a_switch_is_remembered(desk_stack: Stack,
                                                                     browser: Any) -> None:
    await create_agent(desk_stack.uows, "eli", "Eli", PASSWORD, "agent", ("general",), "en")
    spanish_browser = await browser.new_context(locale="es-ES")
    page = await signed_in(spanish_browser, desk_stack, "eli")
    await page.wait_for_selector("#queue-title >> text=Queue")
    assert await page.get_attribute("html", "lang") == "en"
    assert await page.locator("#hand-back").inner_text() == "Hand back to bot"
    async with page.expect_response("**/console/api/me/language") as answer:
        await page.click("#lang-toggle")
    assert (await (await answer.value).json())["language"] == "es"
    await page.wait_for_selector("#queue-title >> text=Cola")
    await spanish_browser.close()
    english_browser = await browser.new_context(locale="en-GB")  # nothing stored in it
    page = await signed_in(english_browser, desk_stack, "eli")
    await page.wait_for_selector("#queue-title >> text=Cola")
    assert await page.locator("#hand-back").inner_text() == "Devolver al bot"
    status = await page.evaluate("""async () => {
        const me = await (await fetch('/console/api/me')).json();
        const r = await fetch('/console/api/me/language', {method: 'POST',
            headers: {'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf},
            body: JSON.stringify({language: 'fr'})});
        return [r.status, (await r.json()).error.code];
    }""")
    assert status == [400, "invalid_request"]  # only Spanish and English
    await english_browser.close()
