"""channels.tasks.stop: a shutdown ends even when a task swallows its cancellation (the
Python 3.11 wait_for/timeout race) or never ends at all."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import pytest

from channels.core import tasks


async def test_a_task_that_swallows_one_cancellation_is_cancelled_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks, "RETRY_EVERY", 0.05)
    swallowed = 0

    async def stubborn_loop() -> None:
        nonlocal swallowed
        while True:
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                if swallowed:
                    raise
                swallowed += 1  # as wait_for does when the result races the cancel

    task = asyncio.create_task(stubborn_loop())
    await asyncio.sleep(0)
    await asyncio.wait_for(tasks.stop(task, grace=5), 2)
    assert task.cancelled() and swallowed == 1


async def test_a_task_that_never_ends_is_left_behind_after_the_grace(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(tasks, "RETRY_EVERY", 0.05)

    released = False

    async def immortal() -> None:
        while True:
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                if released:
                    raise

    task = asyncio.create_task(immortal())
    await asyncio.sleep(0)
    with caplog.at_level(logging.ERROR, logger="channels.core.tasks"):
        await asyncio.wait_for(tasks.stop(task, grace=0.3), 2)
    assert not task.done() and "did not stop" in caplog.text
    released = True  # let the test's loop close
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def test_an_error_at_the_end_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    async def fails_when_cancelled() -> None:
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            raise RuntimeError("closing failed") from None

    task = asyncio.create_task(fails_when_cancelled())
    await asyncio.sleep(0)
    with caplog.at_level(logging.ERROR, logger="channels.core.tasks"):
        await tasks.stop(task)
    assert "ended with an error" in caplog.text and "closing failed" in caplog.text
