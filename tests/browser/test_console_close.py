"""Closing a conversation without handing it back (issue 22): asked first, undoable for a
few seconds, then the handoff is closed, the bot restarted and the customer told."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.browser.desk_page import shot, taken
from tests.browser.test_console_alerts import holder
from tests.channels.helpers import eventually
from tests.channels.provider_stack import Stack


async def test_close_asks_first_can_be_undone_then_restarts_the_bot(desk_stack: Stack,
                                                                    browser: Any) -> None:
    stack = desk_stack
    context, page = await taken(browser, stack)
    await page.keyboard.press("Alt+x")
    await page.wait_for_selector("#confirm-dialog[open] >> text=¿Cerrar esta conversación")
    await page.click("#confirm-ok")
    await page.wait_for_selector("#undo-bar:not([hidden]) >> text=Cerrando la conversación")
    await shot(page, "console-close-undo.png")
    await page.keyboard.press("Alt+z")
    await page.wait_for_selector("#toast >> text=Cierre deshecho.")
    await asyncio.sleep(7)  # past the undo window: nothing was sent
    assert await holder(stack) == [("assigned", "ana")] and stack.rasa.events == []
    await page.click("#close-conversation")
    await page.keyboard.press("Enter")
    await page.wait_for_selector("#undo-bar:not([hidden])")

    async def closed() -> bool:
        return await holder(stack) == [("closed", "ana")]

    await eventually(closed, timeout=15)
    assert stack.rasa.events[0][1][0] == {"event": "restart"}
    await page.wait_for_selector("#close-conversation[disabled]")
    await context.close()
