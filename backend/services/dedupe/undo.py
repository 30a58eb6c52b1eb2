"""Undoing a merge or split made by hand, from its audit row (once; only if nothing
has moved those reports since)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend.adapters import repositories as repo
from backend.adapters.orm import Incident, IncidentMerge, IncidentReport
from backend.domain.errors import NotFound
from backend.domain.incident import State, transition
from backend.domain.texts import say
from backend.services.dedupe.commands import UndoMerge
from backend.services.dedupe.errors import UndoRefused
from backend.services.dedupe.manual import reports, result
from backend.services.dedupe.store import OPEN_STATES
from backend.services.incidents.records import event
from backend.services.incidents.subscriptions import Address, notify, subscribe, unsubscribe
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory


def _addresses(row: IncidentMerge, key: str) -> list[Address]:
    return [(a[0], a[1], a[2]) for a in row.subscriptions.get(key, [])]


async def _move_back(uow: UnitOfWork, row: IncidentMerge) -> None:
    result_ = await uow.session.execute(
        select(IncidentReport).where(IncidentReport.id.in_(row.report_ids))
    )
    moved = list(result_.scalars())
    if len(moved) != len(row.report_ids) or any(r.incident_id != row.target_id for r in moved):
        raise UndoRefused("those reports were moved again since; undo that first",
                          audit_id=row.id)
    for report in moved:
        report.incident_id = row.source_id


async def _undo_merge(uow: UnitOfWork, row: IncidentMerge, source: Incident, target: Incident,
                      actor: str) -> int:
    if source.state != State.CANCELLED or target.state not in OPEN_STATES:
        raise UndoRefused(f"{source.id} or {target.id} changed state since the merge",
                          audit_id=row.id)
    await _move_back(uow, row)
    await unsubscribe(uow, target.id, _addresses(row, "added"))
    source.state = row.source_state  # restoring, not a forward move of the state machine
    event(uow, source.id, "unmerged", actor,
          from_state=State.CANCELLED, to_state=source.state, note=target.id)
    event(uow, target.id, "unmerged", actor, note=source.id)
    return await notify(uow, source.id, source.customer_code, "incident_unmerged",
                        lambda lang: say("incident_unmerged", lang, source=source.id,
                                              target=target.id))


async def _undo_split(uow: UnitOfWork, row: IncidentMerge, source: Incident, target: Incident,
                      actor: str) -> int:
    if target.state not in OPEN_STATES or len(await reports(uow, target.id)) != len(
        row.report_ids
    ):
        raise UndoRefused(f"{target.id} changed since the split", audit_id=row.id)
    await _move_back(uow, row)
    await unsubscribe(uow, target.id, _addresses(row, "added"))
    for who in _addresses(row, "removed"):
        await subscribe(uow, source.id, *who)
    previous = target.state
    target.state = transition(State(previous), State.CANCELLED).value
    event(uow, target.id, "unsplit", actor,
          from_state=previous, to_state=target.state, note=source.id)
    event(uow, source.id, "unsplit", actor, note=target.id)
    return await notify(uow, source.id, source.customer_code, "incident_merged",
                        lambda lang: say("incident_merged", lang, source=target.id,
                                              target=source.id),
                        only=_addresses(row, "removed"))


async def undo(uows: UnitOfWorkFactory, cmd: UndoMerge) -> dict[str, Any]:
    async with uows() as uow:
        row = await uow.session.get(IncidentMerge, cmd.audit_id)
        if row is None:
            raise NotFound(f"merge/split {cmd.audit_id} not found", id=cmd.audit_id)
        if row.undone_at is not None:
            raise UndoRefused(f"merge/split {row.id} was undone already", audit_id=row.id)
        source = await repo.get_incident(uow.session, row.source_id)
        target = await repo.get_incident(uow.session, row.target_id)
        step = _undo_merge if row.kind == "merge" else _undo_split
        notified = await step(uow, row, source, target, cmd.actor)
        row.undone_at = source.updated_at = target.updated_at = uow.clock()
        row.undone_by = cmd.actor
        await uow.flush()
        await uow.commit()
        return result(row, source, target, notified)
