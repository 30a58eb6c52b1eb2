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
from backend.services.platform.reports.scope import (
    counted_percentile,
    incident_scope,
    minutes,
    pieces,
    ratio,
)
from backend.services.platform.reports.summary import Pieces, Summary, add, merge, piece, unkey
from backend.services.platform.uow import UnitOfWork

ACCEPTED = ("accepted", "on_the_way", "arrived", "finished", "follow_up")
RECURRENCE = timedelta(days=30)


def offer_scope(f: Filters) -> list[Any]:
    """Offers made in the period, for incidents of the customer, channel and queue."""
    where = [Dispatch.offered_at >= f.since, Dispatch.offered_at < f.until]
    return where + incident_scope(f, period=False)


def _state_sum(*states: str) -> Any:
    return func.sum(case((Dispatch.state.in_(states), 1), else_=0), type_=Integer)


OFFERS = ("offered", "accepted", "declined", "timed_out", "withdrawn")


def _figures(counts: list[int]) -> dict[str, Any]:
    c = dict(zip(OFFERS, counts, strict=True))
    return {**c, "acceptance": ratio(c["accepted"], c["offered"])}


def _split(query: Any, f: Filters, grouped: bool = True) -> Any:
    return pieces(query, f, Incident.channel, Incident.id, "incident", grouped)


async def _counts(uow: UnitOfWork, f: Filters, out: Pieces) -> None:
    """Offers per technician and state (their zone is looked up when the report is made)."""
    rows = (await uow.session.execute(_split(
        select(Dispatch.technician_id, func.count().label("offered"),
               _state_sum(*ACCEPTED).label("accepted"), _state_sum("declined").label("declined"),
               _state_sum("expired").label("timed_out"), _state_sum("withdrawn").label("withdrawn"))
        .select_from(Dispatch)
        .join(Incident, Incident.id == Dispatch.incident_id)
        .join(Technician, Technician.id == Dispatch.technician_id)
        .where(*offer_scope(f)).group_by(Dispatch.technician_id), f))).all()
    for r in rows:
        add(piece(out, r), ("offers", r.technician_id), [r.offered] + [getattr(r, n) or 0
                                                            for n in OFFERS[1:]])


async def _durations(uow: UnitOfWork, f: Filters, out: Pieces) -> None:
    """Seconds to accept and on site, counted per value (their percentiles are exact)."""
    rows = (await uow.session.execute(_split(
        select(Dispatch.state, Dispatch.offered_at, Dispatch.responded_at, Dispatch.arrived_at,
               Dispatch.finished_at)
        .join(Incident, Incident.id == Dispatch.incident_id)
        .where(*offer_scope(f), Dispatch.state.in_(ACCEPTED)), f, grouped=False))).all()
    for r in rows:
        if r.responded_at:
            add(piece(out, r), ("accept", repr((r.responded_at - r.offered_at).total_seconds())),
                1)
        if r.arrived_at and r.finished_at:
            add(piece(out, r), ("on_site", repr((r.finished_at - r.arrived_at).total_seconds())), 1)


def _spread(counts: dict[str, int]) -> dict[str, Any]:
    values = {float(v): n for v, n in counts.items()}
    return {"count": sum(values.values()),
            "median_minutes": minutes(counted_percentile(values, 0.5)),
            "p90_minutes": minutes(counted_percentile(values, 0.9))}


async def _first_time_fix(uow: UnitOfWork, f: Filters, out: Pieces) -> None:
    """Finished jobs per technician, and those whose machine had no other incident within
    RECURRENCE after the finish (whatever the period: a job's answer is its own)."""
    done = (await uow.session.execute(_split(
        select(Dispatch.technician_id, Incident.id, Incident.equipment_id, Dispatch.finished_at)
        .join(Incident, Incident.id == Dispatch.incident_id)
        .where(*offer_scope(f), Dispatch.state == "finished",
               Dispatch.finished_at.is_not(None)), f, grouped=False))).all()
    machines = {r.equipment_id for r in done if r.equipment_id}
    later: dict[str, list[Any]] = defaultdict(list)
    if machines:
        found = await uow.session.execute(
            select(Incident.equipment_id, Incident.id, Incident.created_at)
            .where(Incident.equipment_id.in_(machines),
                   Incident.created_at > min(r.finished_at for r in done),
                   Incident.created_at <= max(r.finished_at for r in done) + RECURRENCE))
        for eq, iid, at in found:
            later[eq].append((iid, at))
    for r in done:
        back = any(iid != r.id and r.finished_at < at <= r.finished_at + RECURRENCE
                   for iid, at in later.get(r.equipment_id or "", []))
        add(piece(out, r), ("fixed", r.technician_id), [1, 0 if back else 1])


async def collect(uow: UnitOfWork, f: Filters) -> Pieces:
    out: Pieces = {}
    for part in (_counts, _durations, _first_time_fix):
        await part(uow, f, out)
    return out


async def finish(uow: UnitOfWork, f: Filters, summary: Summary) -> dict[str, Any]:
    offers: dict[str, list[int]] = summary.get("offers", {})
    zone_of: dict[str, str | None] = {r.id: r.zone for r in (await uow.session.execute(
        select(Technician.id, Technician.zone).where(Technician.id.in_(offers)))).all()}
    zones: dict[str, list[int]] = {}
    for tech, counts in offers.items():
        merge(zones, {zone_of.get(tech) or "": counts})
    per: dict[str, list[int]] = summary.get("fixed", {})
    fixed, total = sum(v[1] for v in per.values()), sum(v[0] for v in per.values())
    return {"by_technician": [{"key": t, **_figures(c)} for t, c in sorted(offers.items())],
            "by_zone": [{"key": unkey(z), **_figures(c)} for z, c in sorted(zones.items())],
            "time_to_accept": _spread(summary.get("accept", {})),
            "on_site": _spread(summary.get("on_site", {})),
            "first_time_fix": {
                "finished": total, "fixed_first_time": fixed, "rate": ratio(fixed, total),
                "by_technician": [{"technician": t, "finished": n, "fixed_first_time": k,
                                   "rate": ratio(k, n)} for t, (n, k) in sorted(per.items())]}}

