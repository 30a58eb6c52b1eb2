"""A one-time code the customer typed shows as •••••• in the console (issue 22, point 6):
the rendered transcript and the search results never contain it."""

from __future__ import annotations

from typing import Any

from tests.browser.desk_page import escalated_desk, shot
from tests.channels.provider_stack import Stack


async def test_the_console_never_shows_a_one_time_code(desk_stack: Stack, browser: Any) -> None:
    context, page = await escalated_desk(browser, desk_stack, "Mi código es 731 904")
    await page.locator(".card .take-button").first.click()
    await page.wait_for_selector("#transcript >> text=Mi código es ••••••")
    assert "731" not in await page.locator("#transcript").inner_text()
    await page.fill("#search", "código es")
    await page.keyboard.press("Enter")
    await page.wait_for_selector("#search-dialog[open] >> text=Mi código es ••••••")
    assert "731" not in await page.locator("#search-dialog").inner_text()
    await shot(page, "console-code-masked.png")
    await context.close()
