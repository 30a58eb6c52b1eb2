"""The queue card's timer (issue 22 §5): the wait against the target for taking a waiting
conversation (AVISA_HANDOFF_ANSWER_MINUTES, 10), red and marked overdue past it. The desk's
clock is moved, not waited for."""

from __future__ import annotations

from typing import Any

from tests.browser.desk_page import escalated_desk, shot
from tests.channels.provider_stack import Stack


async def test_the_card_timer_turns_overdue_past_the_target(desk_stack: Stack,
                                                             browser: Any) -> None:
    context, page = await escalated_desk(
        browser, desk_stack, "La Ricoh de la segunda planta no imprime")
    await page.wait_for_selector(".card .wait >> text=/ 10′")
    assert not await page.locator(".card .wait.late").count()
    assert await page.locator(".card .summary").first.inner_text() == "no imprime"  # collected
    desk_stack.clock.advance(minutes=11)
    await page.wait_for_selector(".card .wait.late >> text=fuera de plazo")
    assert "11′ / 10′" in await page.locator(".card .wait").first.inner_text()
    await shot(page, "console-queue-overdue.png")
    await context.close()
