"""The background scheduler: `tick(uows, now)` is a plain function (tests drive it with a
controllable clock); the backend runs it in a `cleanup_ctx` loop, on the leader only."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from aiohttp import web

from backend.api.keys import CLOCK, SETTINGS, UOWS
from backend.domain.errors import AvisaError
from backend.services.dispatch.maintenance import generate_maintenance
from backend.services.dispatch.offers import expire_offers, sweep_new
from backend.services.dispatch.sla_tick import sla_tick
from backend.services.platform.leader import Leader
from backend.services.platform.uow import UnitOfWorkFactory

log = logging.getLogger(__name__)


async def tick(uows: UnitOfWorkFactory, now: datetime, *, maintenance: bool = True
               ) -> dict[str, Any]:
    result: dict[str, Any] = {"expired": await expire_offers(uows, now),
                              "dispatched": await sweep_new(uows, now)}
    result["sla"] = await sla_tick(uows, now)
    if maintenance:
        try:
            result["maintenance"] = len((await generate_maintenance(uows, now))["created"])
        except (AvisaError, OSError) as exc:
            log.error("maintenance plans: %s", exc)
    return result


async def _loop(app: web.Application, leader: Leader, interval: float) -> None:
    while True:
        await asyncio.sleep(interval)
        try:
            if await leader.is_leader():
                await tick(app[UOWS], app[CLOCK]())
        except Exception:  # the loop must survive anything; log and go on
            log.exception("scheduler tick failed")


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
