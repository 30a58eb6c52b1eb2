"""The scheduler's work: `tick(uows, now)` is a plain function (tests drive it with a
controllable clock). The loop that runs it on the leader is `backend.api.scheduler_loop`."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from backend.domain.errors import AvisaError
from backend.services.coverage.reminders import remind_consent
from backend.services.dispatch.maintenance import generate_maintenance
from backend.services.dispatch.offers import expire_offers, sweep_new
from backend.services.dispatch.sla_tick import sla_tick
from backend.services.platform.reports.rollups import refresh_rollups
from backend.services.platform.reports.spans import refresh_spans
from backend.services.platform.uow import UnitOfWorkFactory

log = logging.getLogger(__name__)


async def tick(uows: UnitOfWorkFactory, now: datetime, *, maintenance: bool = True
               ) -> dict[str, Any]:
    result: dict[str, Any] = {"expired": await expire_offers(uows, now),
                              "dispatched": await sweep_new(uows, now)}
    result["sla"] = await sla_tick(uows, now)
    result["report_spans"] = await refresh_spans(uows)
    result["consent"] = await remind_consent(uows, now)
    if maintenance:
        try:
            result["maintenance"] = len((await generate_maintenance(uows, now))["created"])
        except (AvisaError, OSError) as exc:
            log.error("maintenance plans: %s", exc)
    result["report_days"] = await refresh_rollups(uows)  # last: this tick's changes too
    return result
