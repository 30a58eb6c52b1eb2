"""A busy desk in headless Chromium (issue 22, acceptance 1): an agent in another tab is
alerted of a new conversation (title count, desktop notification); the queue keeps focus and
selection while it updates; a transfer asks for confirmation and can be undone; one
conversation handled from alert to hand-back with the keyboard alone."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.backend.handoff.helpers import add_agent
from tests.browser.desk_page import (
    behind_another_tab,
    confirm_and_see,
    holder,
    shot,
    signed_in,
    taken,
    undo_and_wait_out,
)
from tests.channels.helpers import eventually
from tests.channels.provider_stack import Stack
from tests.channels.sms.helpers import JOHN, MARTA, text_in

# Records every desktop notification the page raises, then lets Chromium show it.
RECORD_NOTIFICATIONS = """
(() => {
  const Real = window.Notification;
  window.__notes = [];
  class Recorded extends Real {
    constructor(title, options) {
      super(title, options);
      window.__notes.push({ title, body: (options || {}).body });
    }
  }
  Object.defineProperty(Recorded, "permission", { get: () => Real.permission });
  Recorded.requestPermission = (...a) => Real.requestPermission(...a);
  window.Notification = Recorded;
})();
"""


async def until(page: Any, expression: str, timeout: float = 10.0) -> None:
    """Poll an expression in the page (the console's CSP forbids wait_for_function's eval)."""
    async def holds() -> bool:
        return bool(await page.evaluate(expression))

    await eventually(holds, timeout=timeout)


async def test_alert_in_a_background_tab_and_keyboard_only_handling(desk_stack: Stack,
                                                                    browser: Any) -> None:
    stack = desk_stack
    context = await browser.new_context(viewport={"width": 1366, "height": 860},
                                        locale="es-ES")
    await context.grant_permissions(["notifications"], origin=stack.backend_url)
    await context.add_init_script(RECORD_NOTIFICATIONS)
    page = await signed_in(context, stack)
    assert await page.title() == "Avisa · Consola de agentes"
    await behind_another_tab(context, page)  # the agent reads something else in another tab
    await until(page, "!document.hasFocus()")
    await text_in(stack, MARTA, "Quiero hablar con una persona")
    await until(page, "document.title.startsWith('(1) ')")
    await until(page, "window.__notes.length === 1")
    note = (await page.evaluate("window.__notes"))[0]
    assert note["title"] == "Nueva conversación en espera"
    assert note["body"] == "Talleres Ebro S.L. espera (pide una persona)"
    # back to the console: keyboard only, from the alert to the hand-back
    await page.bring_to_front()
    await page.keyboard.press("Alt+t")
    await until(page, "document.activeElement.id === 'reply'")
    await until(page, "document.title === 'Avisa · Consola de agentes'")
    await page.keyboard.type("Hola Marta, soy Ana. Cuenteme que pasa.")
    await page.keyboard.press("Control+Enter")
    await page.wait_for_selector(".msg.agent")

    async def replied() -> bool:
        return "Hola Marta, soy Ana. Cuenteme que pasa." in stack.twilio.bodies_to(MARTA)

    await eventually(replied)
    await page.keyboard.press("Alt+b")
    await page.wait_for_selector("#confirm-dialog[open]")
    assert await page.evaluate("document.activeElement.id") == "confirm-ok"
    await page.keyboard.press("Enter")
    await page.wait_for_selector("#hand-back[disabled]")

    async def resumed() -> bool:
        return bool(stack.rasa.events)

    await eventually(resumed)
    assert await holder(stack) == [("closed", "ana")]
    await context.close()


async def test_queue_keeps_focus_and_selection_while_it_updates(desk_stack: Stack,
                                                                browser: Any) -> None:
    stack = desk_stack
    await text_in(stack, MARTA, "Quiero hablar con una persona")
    context = await browser.new_context(viewport={"width": 1366, "height": 860},
                                        locale="es-ES")
    page = await signed_in(context, stack)
    await page.wait_for_selector(".card")
    await page.keyboard.press("Tab")  # from the page's start to the first card
    while not await page.evaluate("!!document.activeElement.closest('.card')"):
        await page.keyboard.press("Tab")
    await page.evaluate("window.__card = document.activeElement")
    for _ in range(4):  # the waiting times change: the server pushes the queue each time
        stack.clock.advance(minutes=1)
        await asyncio.sleep(1.2)
    await page.wait_for_selector(".card .wait >> text=4′")
    assert await page.evaluate("document.activeElement === window.__card")
    await text_in(stack, JOHN, "I want to talk to a person")  # a second card arrives
    await page.wait_for_selector(".card >> nth=1")
    assert await page.evaluate("document.activeElement === window.__card")
    await page.keyboard.press("Enter")  # opens the focused card: it becomes the selection
    await page.wait_for_selector(".card.active")
    focused = await page.evaluate("document.activeElement.dataset.cid")
    for _ in range(3):
        stack.clock.advance(minutes=1)
        await asyncio.sleep(1.2)
    assert await page.evaluate("document.activeElement.dataset.cid") == focused
    assert await page.locator(".card.active").get_attribute("data-cid") == focused
    await shot(page, "console-queue-focus.png")
    await context.close()


async def test_a_transfer_asks_first_and_can_be_undone(desk_stack: Stack, browser: Any) -> None:
    stack = desk_stack
    await add_agent(stack.uows, "bea", ("general",))
    context, page = await taken(browser, stack)
    await page.focus("#transfer")
    await page.keyboard.press("ArrowDown")  # what once transferred at once
    await page.keyboard.press("ArrowDown")
    await asyncio.sleep(1)
    assert await holder(stack) == [("assigned", "ana")]
    assert not await page.locator("#confirm-dialog[open]").count()
    await page.select_option("#transfer", "agent:bea")
    await page.click("#transfer-go")
    await page.wait_for_selector(
        "#confirm-dialog[open] >> text=¿Transferir esta conversación a Bea?")
    await page.click("#confirm-dialog button[value=cancel]")
    await page.select_option("#transfer", "agent:bea")
    await page.click("#transfer-go")
    await page.click("#confirm-ok")
    await page.wait_for_selector("#undo-bar:not([hidden]) >> text=Transfiriendo a Bea")
    await shot(page, "console-transfer-undo.png")
    await undo_and_wait_out(page, stack, "Transferencia anulada.")
    await page.select_option("#transfer", "agent:bea")
    await page.click("#transfer-go")
    await confirm_and_see(page, stack, [("assigned", "bea")])
    await context.close()
