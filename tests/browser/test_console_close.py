"""Closing a conversation without handing it back (issue 22): asked first, undoable for a
few seconds, then the handoff is closed, the bot restarted and the customer told."""

from __future__ import annotations

from typing import Any

from tests.browser.desk_page import confirm_and_see, shot, taken, undo_and_wait_out
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
    await undo_and_wait_out(page, stack, "Cierre deshecho.")
    assert stack.rasa.events == []
    await page.click("#close-conversation")
    await confirm_and_see(page, stack, [("closed", "ana")])
    assert stack.rasa.events[0][1][0] == {"event": "restart"}
    await page.wait_for_selector("#close-conversation[disabled]")
    await context.close()
