"""Helpers of the console browser tests: sign-in, docs screenshots on request."""

from __future__ import annotations

import asyncio
from typing import Any

from backend.adapters.orm.agents import Handoff
from tests.backend.handoff.helpers import PASSWORD
from tests.browser.shots import shoot
from tests.channels.helpers import eventually
from tests.channels.provider_stack import Stack
from tests.channels.sms.helpers import MARTA, text_in


async def shot(page: Any, name: str) -> None:
    """The page to var/screenshots/``name``, and to docs/screenshots/``name`` with
    AVISA_SCREENSHOTS=1 (tests/browser/shots.py)."""
    await shoot(page, name, doc=name)


async def escalated_desk(browser: Any, stack: Stack, *said: str) -> tuple[Any, Any]:
    """Marta says ``said`` by SMS, then asks for a person; a Spanish desktop browser is signed
    in to the console as Ana: (its context, to close, and the page)."""
    for text in [*said, "Quiero hablar con una persona"]:
        await text_in(stack, MARTA, text)
    context = await browser.new_context(viewport={"width": 1366, "height": 860}, locale="es-ES")
    return context, await signed_in(context, stack)


async def signed_in(context: Any, stack: Stack, username: str = "ana") -> Any:
    page = await context.new_page()
    await page.goto(stack.backend_url + "/console/login")
    await page.fill("#username", username)
    await page.fill("#password", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_url("**/console")
    await page.wait_for_selector("#live.on")
    return page


async def taken(browser: Any, stack: Stack, width: int = 1366,
                height: int = 860) -> tuple[Any, Any]:
    """Marta asks for a person by SMS and Ana, signed in to the Spanish console in a new
    ``width`` × ``height`` context, takes her conversation: (context, page), ready to reply."""
    await text_in(stack, MARTA, "Quiero hablar con una persona")
    context = await browser.new_context(viewport={"width": width, "height": height},
                                        locale="es-ES")
    page = await signed_in(context, stack)
    await page.locator(".card .take-button").first.click()
    await page.wait_for_selector("#reply:not([disabled])")
    return context, page


async def behind_another_tab(context: Any, page: Any) -> Any:
    """Puts the console ``page`` behind a blank tab, unfocused as Chromium sees it: Playwright
    makes every page believe it has the focus, so that emulation is turned off for it.
    Returns the tab in front."""
    cdp = await context.new_cdp_session(page)
    await cdp.send("Emulation.setFocusEmulationEnabled", {"enabled": False})
    other = await context.new_page()
    await other.goto("about:blank")
    await other.bring_to_front()
    return other


async def holder(stack: Stack) -> list[tuple[str, str | None]]:
    """Each handoff's state and agent."""
    async with stack.uows() as uow:
        rows = (await uow.session.execute(Handoff.__table__.select())).all()
        return [(str(r.state), r.agent) for r in rows]


async def undo_and_wait_out(page: Any, stack: Stack, toast: str) -> None:
    """Alt+Z while the undo bar shows: the console says ``toast`` and, past the undo window,
    nothing was sent (the conversation is still Ana's)."""
    await page.keyboard.press("Alt+z")
    await page.wait_for_selector(f"#toast >> text={toast}")
    await asyncio.sleep(7)  # past the undo window: nothing was sent
    assert await holder(stack) == [("assigned", "ana")]


async def confirm_and_see(page: Any, stack: Stack,
                          handoffs: list[tuple[str, str | None]]) -> None:
    """Enter confirms the dialog just opened: the undo bar shows, then the handoffs become
    ``handoffs`` once the undo window has passed."""
    await page.keyboard.press("Enter")
    await page.wait_for_selector("#undo-bar:not([hidden])")

    async def done() -> bool:
        return await holder(stack) == handoffs

    await eventually(done, timeout=15)
