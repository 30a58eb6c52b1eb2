"""The SLA part of the scheduler's tick: warn before a breach, escalate and record it at
the breach. Open incidents only; a timer that was met is never touched."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, or_, select

from backend.adapters.orm import Incident, Technician
from backend.adapters.orm.dispatch import Dispatch, SlaTimerRow
from backend.domain import sla as s
from backend.domain.incident import FINAL_STATES, State
from backend.domain.routing import Queue
from backend.domain.routing.texts import TEXTS, lang
from backend.services.coverage.sla import timer_of
from backend.services.dispatch.offers import queue_of
from backend.services.dispatch.outbox import local, supervisor_reach
from backend.services.dispatch.routing import BUSY
from backend.services.dispatch.technicians import profile, reach
from backend.services.incidents.records import event
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

DONE = [st.value for st in (*FINAL_STATES, State.RESOLVED)]
TIMER_WORDS = {"response": {"es": "respuesta", "en": "response"},
               "resolution": {"es": "resolución", "en": "resolution"}}


def _text(message: str, language: str | None, row: SlaTimerRow) -> str:
    """The message in `language`; not `say()`, whose own `kind` parameter would clash with
    the template's {kind} (the timer's name, in that language)."""
    language = lang(language)
    return TEXTS[message][language].format(incident=row.incident_id, due=local(row.due_at),
                                           kind=TIMER_WORDS[row.kind][language])


async def _alert_supervisors(uow: UnitOfWork, queue: Queue | None, message: str,
                             row: SlaTimerRow) -> None:
    for supervisor in queue.supervisors if queue else ():
        to = supervisor_reach(supervisor)
        if to is not None:
            await uow.outbox.add(kind="supervisor_alert", channel=to.channel,
                                 address=to.address, text=_text(message, supervisor.language, row))


async def _tell_technician(uow: UnitOfWork, message: str, row: SlaTimerRow) -> None:
    d = (await uow.session.execute(select(Dispatch).where(
        Dispatch.incident_id == row.incident_id, Dispatch.state.in_(BUSY)))).scalars().first()
    tech = await uow.session.get(Technician, d.technician_id) if d else None
    if tech is None:
        return
    prof = await profile(uow, tech.id)
    to = reach(tech, prof)
    if to is not None:
        await uow.outbox.add(kind="sla", channel=to.channel, address=to.address,
                             text=_text(message, prof.language, row))


async def sla_tick(uows: UnitOfWorkFactory, now: datetime) -> dict[str, int]:
    counts = {"warned": 0, "breached": 0}
    async with uows() as uow:
        rows = list((await uow.session.execute(
            select(SlaTimerRow).join(Incident, Incident.id == SlaTimerRow.incident_id).where(
                SlaTimerRow.met_at.is_(None), Incident.state.not_in(DONE),
                or_(and_(SlaTimerRow.warned_at.is_(None), SlaTimerRow.warn_at <= now,
                         SlaTimerRow.due_at > now),
                    and_(SlaTimerRow.breached_at.is_(None), SlaTimerRow.due_at <= now)))
            .order_by(SlaTimerRow.due_at))).scalars())
        for row in rows:
            _, queue = await queue_of(uow, row.incident_id)
            for action in s.actions(timer_of(row), now):
                if action is s.Action.WARN:
                    row.warned_at = now
                    await _alert_supervisors(uow, queue, "sla_warn", row)
                    await _tell_technician(uow, "sla_warn", row)
                    counts["warned"] += 1
                else:
                    row.breached_at = now
                    event(uow, row.incident_id, "sla_breached", "scheduler", note=row.kind)
                    await _alert_supervisors(uow, queue, "sla_breach", row)
                    counts["breached"] += 1
        await uow.commit()
    return counts
