"""The background scheduler of the backend process: a `cleanup_ctx` loop that runs
`backend.services.platform.scheduler.tick` every AVISA_SCHEDULER_INTERVAL seconds, on the
leader replica only (`Leader`, a PostgreSQL advisory lock)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from aiohttp import web

from backend.adapters import metrics
from backend.api.keys import CLOCK, SETTINGS, UOWS
from backend.services.platform import scheduler
from backend.services.platform.leader import Leader

log = logging.getLogger(__name__)


async def _loop(app: web.Application, leader: Leader, interval: float) -> None:
    while True:
        await asyncio.sleep(interval)
        try:
            if await leader.is_leader():
                _observe(await scheduler.tick(app[UOWS], app[CLOCK]()))
        except Exception:  # the loop must survive anything; log and go on
            metrics.SCHEDULER_TICKS.labels("failed").inc()
            log.exception("scheduler tick failed")


def _observe(result: dict[str, Any]) -> None:
    metrics.SCHEDULER_TICKS.labels("ok").inc()
    sla = result.get("sla") or {}
    metrics.SLA.labels("warning").inc(int(sla.get("warned", 0)))
    metrics.SLA.labels("breach").inc(int(sla.get("breached", 0)))
    metrics.DISPATCH_TIMEOUTS.inc(int(result.get("expired") or 0))


async def scheduler_ctx(app: web.Application) -> AsyncIterator[None]:
    interval = app[SETTINGS].scheduler_interval
    if interval <= 0:
        yield
        return
    engine = app[UOWS].sessions.kw["bind"]
    leader = Leader(engine)
    task = asyncio.create_task(_loop(app, leader, interval), name="scheduler")
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    await leader.release()
