"""Stopping the gateway's long-running tasks (pollers, the outbox worker) at shutdown.

``task.cancel(); await task`` can hang for ever on Python 3.11: ``asyncio.wait_for`` and
``asyncio.timeout`` may swallow a cancellation that races with a result, and a loop that
survives every error then keeps running. ``stop`` cancels again every second until the
task ends, and gives up (logging it) after ``grace`` seconds, so a shutdown always ends.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

log = logging.getLogger(__name__)
RETRY_EVERY = 1.0  # seconds between cancellations of a task that has not ended


async def stop(task: asyncio.Task[Any] | asyncio.Future[Any], grace: float = 15.0) -> None:
    """Cancel ``task`` and wait until it has ended (at most ``grace`` seconds)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + grace
    while not task.done():
        left = deadline - loop.time()
        if left <= 0:
            log.error("task %s did not stop within %.0fs; left behind", _name(task), grace)
            return
        task.cancel()
        await asyncio.wait({task}, timeout=min(RETRY_EVERY, left))
    if not task.cancelled() and task.exception() is not None:
        log.error("task %s ended with an error", _name(task), exc_info=task.exception())


def _name(task: asyncio.Future[Any]) -> str:
    return task.get_name() if isinstance(task, asyncio.Task) else repr(task)
