"""Merging and splitting incidents by hand (agents, admin), each audited for undo."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from backend.adapters import repositories as repo
from backend.adapters.orm import Incident, IncidentMerge, IncidentReport
from backend.domain.ids import normalise_incident_id
from backend.domain.incident import State, transition
from backend.domain.texts import say
from backend.services.dedupe.commands import MergeIncidents, SplitIncident
from backend.services.dedupe.errors import MergeRefused
from backend.services.dedupe.store import OPEN_STATES
from backend.services.incidents.records import NewIncident, event, open_incident
from backend.services.incidents.subscriptions import (
    Address,
    notify,
    subscribe,
    subscribers,
    unsubscribe,
)
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory
from backend.services.platform.views import incident_view


async def open_incident_by_id(uow: UnitOfWork, raw_id: str) -> Incident:
    incident = await repo.get_incident(uow.session, normalise_incident_id(raw_id))
    if incident.state not in OPEN_STATES:
        raise MergeRefused(f"{incident.id} is {incident.state}", id=incident.id,
                           state=incident.state)
    return incident


async def reports(uow: UnitOfWork, incident_id: str) -> list[IncidentReport]:
    result = await uow.session.execute(
        select(IncidentReport).where(IncidentReport.incident_id == incident_id)
        .order_by(IncidentReport.at, IncidentReport.id)
    )
    return list(result.scalars())


def audit(uow: UnitOfWork, kind: str, source: Incident, target: Incident, moved: Sequence[int],
          subs: dict[str, list[Address]], state: str, actor: str, note: str | None
          ) -> IncidentMerge:
    row = IncidentMerge(kind=kind, source_id=source.id, target_id=target.id,
                        report_ids=list(moved), subscriptions={k: [list(a) for a in v]
                                                               for k, v in subs.items()},
                        source_state=state, actor=actor, note=note, at=uow.clock())
    uow.session.add(row)
    return row


def result(row: IncidentMerge, source: Incident, target: Incident, notified: int
           ) -> dict[str, Any]:
    return {"audit_id": row.id, "kind": row.kind, "actor": row.actor, "at": row.at.isoformat(),
            "reports": row.report_ids, "source": incident_view(source),
            "target": incident_view(target), "notified": notified,
            "undone_at": row.undone_at.isoformat() if row.undone_at else None}


async def merge(uows: UnitOfWorkFactory, cmd: MergeIncidents) -> dict[str, Any]:
    async with uows() as uow:
        source = await open_incident_by_id(uow, cmd.incident_id)
        target = await open_incident_by_id(uow, cmd.into)
        if source.id == target.id or source.customer_code != target.customer_code:
            raise MergeRefused("only two different incidents of one customer can be merged")
        moved = await reports(uow, source.id)
        for report in moved:
            report.incident_id = target.id
        added: list[Address] = []
        for sub in await subscribers(uow, source.id):
            if await subscribe(uow, target.id, sub.channel, sub.address, sub.conversation_id):
                added.append((sub.channel, sub.address, sub.conversation_id))
        previous = source.state
        source.state = transition(State(previous), State.CANCELLED).value
        now = uow.clock()
        source.updated_at = target.updated_at = now
        event(uow, source.id, "merged_into", cmd.actor,
              from_state=previous, to_state=source.state, note=target.id)
        event(uow, target.id, "merged_from", cmd.actor, note=source.id)
        row = audit(uow, "merge", source, target, [r.id for r in moved], {"added": added},
                    previous, cmd.actor, cmd.note)
        return await _announce(uow, "incident_merged", source, row, source, target)


async def split(uows: UnitOfWorkFactory, cmd: SplitIncident) -> dict[str, Any]:
    async with uows() as uow:
        source = await open_incident_by_id(uow, cmd.incident_id)
        everything = await reports(uow, source.id)
        wanted = set(cmd.report_ids)
        moved = [r for r in everything if r.id in wanted]
        if not wanted or len(moved) != len(wanted) or len(moved) == len(everything):
            raise MergeRefused("split takes some (not all) of the incident's own reports",
                               reports=sorted(r.id for r in everything))
        target = await _new_from(uow, source, moved[0])
        for report in moved:
            report.incident_id = target.id
        kept = {(r.channel, r.address) for r in everything if r.id not in wanted}
        added: list[Address] = []
        removed: list[Address] = []
        for r in moved:
            who = (r.channel, r.address, r.conversation_id)
            if await subscribe(uow, target.id, *who):
                added.append(who)
            if (r.channel, r.address) not in kept and who not in removed:
                removed.append(who)
        await unsubscribe(uow, source.id, removed)
        source.updated_at = uow.clock()
        event(uow, source.id, "split_into", cmd.actor, note=target.id)
        row = audit(uow, "split", source, target, [r.id for r in moved],
                    {"added": added, "removed": removed}, source.state, cmd.actor, cmd.note)
        return await _announce(uow, "incident_split", target, row, source, target)


async def _announce(uow: UnitOfWork, kind: str, told: Incident, row: IncidentMerge,
                    source: Incident, target: Incident) -> dict[str, Any]:
    """Tell the followers of ``told`` (``kind``: incident_merged/incident_split), commit."""
    notified = await notify(uow, told.id, told.customer_code, kind, lambda lang: say(
        kind, lang, source=source.id, target=target.id))
    await uow.flush()
    await uow.commit()
    return result(row, source, target, notified)


async def _new_from(uow: UnitOfWork, source: Incident, first: IncidentReport) -> Incident:
    incident = await open_incident(uow, NewIncident(
        customer_code=source.customer_code, symptom=first.text, priority=source.priority,
        service_type=source.service_type, channel=first.channel, actor="split",
        equipment=source.equipment, conversation_id=first.conversation_id,
        note=f"split from {source.id}"))
    return incident
