"""The queue card's timer (issue 22 §5): the wait against the target for taking a waiting
conversation (AVISA_HANDOFF_ANSWER_MINUTES, 10), red and marked overdue past it. The desk's
clock is moved, not waited for."""

from __future__ import annotations

from typing import Any

from tests.browser.desk_page import shot, signed_in
from tests.channels.provider_stack import Stack
from tests.channels.sms.helpers import MARTA, text_in


async def test_the_card_timer_turns_overdue_past_the_target(desk_stack: Stack,
                                                             browser: Any) -> None:
    await text_in(desk_stack, MARTA, "La Ricoh de la segunda planta no imprime")
    await text_in(desk_stack, MARTA, "Quiero hablar con una persona")
    context = await browser.new_context(viewport={"width": 1366, "height": 860}, locale="es-ES")
    page = await signed_in(context, desk_stack)
    await page.wait_for_selector(".card .wait >> text=/ 10′")
    assert not await page.locator(".card .wait.late").count()
    assert await page.locator(".card .summary").first.inner_text() == "no imprime"  # collected
    desk_stack.clock.advance(minutes=11)
    await page.wait_for_selector(".card .wait.late >> text=fuera de plazo")
    assert "11′ / 10′" in await page.locator(".card .wait").first.inner_text()
    await shot(page, "console-queue-overdue.png")
    await context.close()
