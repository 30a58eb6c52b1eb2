"""Technicians: jobs offered, accepted, declined, timed out (and withdrawn) per technician
and zone; time to accept and on-site time (median, p90, real minutes); first-time fix rate:
finished jobs whose machine had no new incident within 30 days after the finish.

Offers count by when they were made (in the period); the incident filters (customer,
channel, queue) apply to the offer's incident."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Any

from sqlalchemy import Integer, case, func, select

from backend.adapters.orm import Incident, Technician
from backend.adapters.orm.dispatch import Dispatch
from backend.services.platform.reports.filters import Filters
from backend.services.platform.reports.scope import incident_scope, minutes, percentile, ratio
from backend.services.platform.uow import UnitOfWork

ACCEPTED = ("accepted", "on_the_way", "arrived", "finished", "follow_up")
RECURRENCE = timedelta(days=30)


def offer_scope(f: Filters) -> list[Any]:
    """Offers made in the period, for incidents of the customer, channel and queue."""
    where = [Dispatch.offered_at >= f.since, Dispatch.offered_at < f.until]
    return where + incident_scope(f, period=False)


def _state_sum(*states: str) -> Any:
    return func.sum(case((Dispatch.state.in_(states), 1), else_=0), type_=Integer)


def _figures(r: Any) -> dict[str, Any]:
    return {"offered": r.offered, "accepted": r.accepted or 0, "declined": r.declined or 0,
            "timed_out": r.timed_out or 0, "withdrawn": r.withdrawn or 0,
            "acceptance": ratio(r.accepted or 0, r.offered)}


async def _counts(uow: UnitOfWork, f: Filters, key: Any) -> list[dict[str, Any]]:
    rows = (await uow.session.execute(
        select(key.label("key"), func.count().label("offered"),
               _state_sum(*ACCEPTED).label("accepted"), _state_sum("declined").label("declined"),
               _state_sum("expired").label("timed_out"), _state_sum("withdrawn").label("withdrawn"))
        .select_from(Dispatch)
        .join(Incident, Incident.id == Dispatch.incident_id)
        .join(Technician, Technician.id == Dispatch.technician_id)
        .where(*offer_scope(f)).group_by(key).order_by(key))).all()
    return [{"key": r.key, **_figures(r)} for r in rows]


async def _durations(uow: UnitOfWork, f: Filters) -> dict[str, Any]:
    rows = (await uow.session.execute(
        select(Dispatch.state, Dispatch.offered_at, Dispatch.responded_at, Dispatch.arrived_at,
               Dispatch.finished_at)
        .join(Incident, Incident.id == Dispatch.incident_id)
        .where(*offer_scope(f), Dispatch.state.in_(ACCEPTED)))).all()
    accept = [(r.responded_at - r.offered_at).total_seconds() for r in rows if r.responded_at]
    onsite = [(r.finished_at - r.arrived_at).total_seconds() for r in rows
              if r.arrived_at and r.finished_at]
    return {"time_to_accept": {"count": len(accept),
                               "median_minutes": minutes(percentile(accept, 0.5)),
                               "p90_minutes": minutes(percentile(accept, 0.9))},
            "on_site": {"count": len(onsite), "median_minutes": minutes(percentile(onsite, 0.5)),
                        "p90_minutes": minutes(percentile(onsite, 0.9))}}


async def _first_time_fix(uow: UnitOfWork, f: Filters) -> dict[str, Any]:
    done = (await uow.session.execute(
        select(Dispatch.technician_id, Incident.id, Incident.equipment_id, Dispatch.finished_at)
        .join(Incident, Incident.id == Dispatch.incident_id)
        .where(*offer_scope(f), Dispatch.state == "finished",
               Dispatch.finished_at.is_not(None)))).all()
    machines = {r.equipment_id for r in done if r.equipment_id}
    later: dict[str, list[Any]] = defaultdict(list)
    if machines:
        found = await uow.session.execute(
            select(Incident.equipment_id, Incident.id, Incident.created_at)
            .where(Incident.equipment_id.in_(machines), Incident.created_at >= f.since,
                   Incident.created_at < f.until + RECURRENCE))
        for eq, iid, at in found:
            later[eq].append((iid, at))
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in done:
        back = any(iid != r.id and r.finished_at < at <= r.finished_at + RECURRENCE
                   for iid, at in later.get(r.equipment_id or "", []))
        per[r.technician_id][0] += 1
        per[r.technician_id][1] += 0 if back else 1
    fixed, total = sum(v[1] for v in per.values()), sum(v[0] for v in per.values())
    return {"finished": total, "fixed_first_time": fixed, "rate": ratio(fixed, total),
            "by_technician": [{"technician": t, "finished": n, "fixed_first_time": k,
                               "rate": ratio(k, n)} for t, (n, k) in sorted(per.items())]}


async def technicians_report(uow: UnitOfWork, f: Filters) -> dict[str, Any]:
    return {"by_technician": await _counts(uow, f, Dispatch.technician_id),
            "by_zone": await _counts(uow, f, Technician.zone),
            **await _durations(uow, f),
            "first_time_fix": await _first_time_fix(uow, f)}
