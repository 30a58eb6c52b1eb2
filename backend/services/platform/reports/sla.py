"""SLA: response and resolution compliance by month, contract, customer, priority and
queue; the breaches with their incidents; time to first response and to resolution
(median, p90) in the business time of the contract (its covered hours and holidays).

A timer is *on time* when met by its deadline, *late* when met after it, *overdue* when
unmet and past it at the report's `now`, *running* otherwise. Compliance is on time over
(on time + late + overdue): a running timer is not yet decided."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, and_, case, func, select

from backend.adapters.orm import Incident
from backend.adapters.orm.dispatch import RoutingDecision, SlaTimerRow
from backend.services.platform.reports.filters import Filters
from backend.services.platform.reports.scope import (
    bucket_instant,
    counted_percentile,
    hour_bucket,
    incident_scope,
    ratio,
)
from backend.services.platform.reports.spans import business_seconds
from backend.services.platform.uow import UnitOfWork

KINDS = ("response", "resolution")
BREACH_LIST = 50


def queue_of() -> Any:
    """The queue an incident was last routed to (a correlated subquery)."""
    return (select(RoutingDecision.queue).where(RoutingDecision.incident_id == Incident.id)
            .order_by(RoutingDecision.id.desc()).limit(1).scalar_subquery())


def _counts(now: datetime) -> list[Any]:
    t = SlaTimerRow
    on_time = and_(t.met_at.is_not(None), t.met_at <= t.due_at)
    late = and_(t.met_at.is_not(None), t.met_at > t.due_at)
    overdue = and_(t.met_at.is_(None), t.due_at <= now)
    return [func.count().label("total"),
            func.sum(case((on_time, 1), else_=0), type_=Integer).label("on_time"),
            func.sum(case((late, 1), else_=0), type_=Integer).label("late"),
            func.sum(case((overdue, 1), else_=0), type_=Integer).label("overdue")]


def _figures(total: int, on_time: int, late: int, overdue: int) -> dict[str, Any]:
    decided = on_time + late + overdue
    return {"total": total, "on_time": on_time, "late": late, "overdue": overdue,
            "running": total - decided, "compliance": ratio(on_time, decided)}


Counts = dict[str, int]
NAMES = ("total", "on_time", "late", "overdue")
DIMENSIONS = ("by_contract", "by_customer", "by_priority", "by_queue")


def _dimensions() -> list[Any]:
    return [SlaTimerRow.contract_id, Incident.customer_code, Incident.priority, queue_of()]


async def _grouped(uow: UnitOfWork, f: Filters, keys: list[Any], now: datetime
                   ) -> list[Any]:
    """Counts per timer kind and `keys`, one row per combination, in one pass."""
    labelled = [k.label(f"k{i}") for i, k in enumerate(keys)]
    query = (select(SlaTimerRow.kind, *labelled, *_counts(now))
             .join(Incident, Incident.id == SlaTimerRow.incident_id)
             .where(*incident_scope(f)).group_by(SlaTimerRow.kind, *labelled))
    return list((await uow.session.execute(query)).all())


def _fold(rows: list[Any], key: Any) -> list[tuple[str, str, Counts]]:
    """The grouped rows summed per kind and `key(row)` (every grouping partitions the same
    timers, so each dimension's table and the totals come from one grouped pass)."""
    out: dict[tuple[str, str], Counts] = defaultdict(lambda: dict.fromkeys(NAMES, 0))
    for r in rows:
        cell = out[(r.kind, key(r))]
        for name in NAMES:
            cell[name] += getattr(r, name) or 0
    return [(kind, k, c) for (kind, k), c in out.items()]


def _table(rows: list[tuple[str, str, dict[str, int]]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in KINDS}
    for kind, key, c in sorted(rows, key=lambda r: (r[0], r[1])):
        out.setdefault(kind, []).append({"key": key, **_figures(**c)})
    return out


async def _by_month(uow: UnitOfWork, f: Filters, now: datetime
                    ) -> dict[str, list[dict[str, Any]]]:
    """Grouped by the UTC hour of the incident, folded into local months here."""
    rows = await _grouped(uow, f, [hour_bucket(uow.session, Incident.created_at)], now)
    return _table(_fold(rows, lambda r: bucket_instant(r.k0).astimezone(f.tz)
                        .strftime("%Y-%m")))


async def _business_times(uow: UnitOfWork, f: Filters) -> dict[str, dict[str, Any]]:
    """Median and p90 of the covered time from the incident to each met timer, in minutes
    (to the minute, floored), on the calendar of the timer's contract (24x7 without one):
    counted per minute in SQL where the scheduler stored it (spans.py), computed here for
    the timers it has not reached yet."""
    t = SlaTimerRow
    minute = (t.business_seconds // 60).label("minute")
    done = (await uow.session.execute(
        select(t.kind, minute, func.count().label("n"))
        .join(Incident, Incident.id == t.incident_id)
        .where(*incident_scope(f), t.met_at.is_not(None))
        .group_by(t.kind, minute))).all()
    counts: dict[str, Counter[int]] = {k: Counter() for k in KINDS}
    for r in done:
        if r.minute is not None:
            counts.setdefault(r.kind, Counter())[int(r.minute)] += r.n
    if all(r.minute is not None for r in done):
        return _percentiles(counts)
    pending = (await uow.session.execute(
        select(t.kind, t.contract_id, t.start, t.met_at)
        .join(Incident, Incident.id == t.incident_id)
        .where(*incident_scope(f), t.met_at.is_not(None), t.business_seconds.is_(None)))).all()
    for p, seconds in zip(pending, await business_seconds(uow, list(pending)), strict=True):
        counts.setdefault(p.kind, Counter())[seconds // 60] += 1
    return _percentiles(counts)


def _percentiles(counts: dict[str, Counter[int]]) -> dict[str, dict[str, Any]]:
    out = {}
    for kind, c in counts.items():
        median, p90 = counted_percentile(c, 0.5), counted_percentile(c, 0.9)
        out[kind] = {"count": c.total(),
                     "median_minutes": None if median is None else float(median),
                     "p90_minutes": None if p90 is None else float(p90)}
    return out


async def _breaches(uow: UnitOfWork, f: Filters, now: datetime, total: int
                    ) -> dict[str, Any]:
    """The latest breaches; `total` is every late and overdue timer (from the counts)."""
    t = SlaTimerRow
    breached = (t.met_at > t.due_at) | (t.met_at.is_(None) & (t.due_at <= now))
    base = (select(t.incident_id, t.kind, t.due_at, t.met_at, Incident.customer_code,
                   Incident.priority, t.contract_id)
            .join(Incident, Incident.id == t.incident_id).where(*incident_scope(f), breached))
    rows = (await uow.session.execute(
        base.order_by(t.due_at.desc(), t.incident_id).limit(BREACH_LIST))).all()
    return {"total": total, "items": [
        {"incident_id": r.incident_id, "kind": r.kind, "due_at": r.due_at.isoformat(),
         "met_at": r.met_at.isoformat() if r.met_at else None, "customer": r.customer_code,
         "priority": r.priority, "contract": r.contract_id} for r in rows]}


async def sla_report(uow: UnitOfWork, f: Filters) -> dict[str, Any]:
    now = uow.clock()
    rows = await _grouped(uow, f, _dimensions(), now)
    totals = {k: c for k, _, c in _fold(rows, lambda r: "")}
    tables = {name: _table(_fold(rows, lambda r, i=i: getattr(r, f"k{i}") or "-"))
              for i, name in enumerate(DIMENSIONS)}
    breached = sum(c["late"] + c["overdue"] for c in totals.values())
    return {
        "totals": {k: _figures(**totals.get(k, dict.fromkeys(NAMES, 0)))
                   for k in (*KINDS, *totals)},
        "by_month": await _by_month(uow, f, now),
        **tables,
        "business_time": await _business_times(uow, f),
        "breaches": await _breaches(uow, f, now, breached),
    }
