"""SLA: response and resolution compliance by month, contract, customer, priority and
queue; the breaches with their incidents; time to first response and to resolution
(median, p90) in the business time of the contract (its covered hours and holidays).

A timer is *on time* when met by its deadline, *late* when met after it, *overdue* when
unmet and past it at the report's `now`, *running* otherwise. Compliance is on time over
(on time + late + overdue): a running timer is not yet decided. The summary counts as overdue
the unmet timers due by `Filters.cutoff` (the rollups' last refresh: they stay overdue until
met, which marks their day for the next one); the report adds those due since, read live."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, and_, case, false, func, or_, select

from backend.adapters.orm import Incident
from backend.adapters.orm.dispatch import RoutingDecision, SlaTimerRow
from backend.services.platform.reports.filters import Filters
from backend.services.platform.reports.scope import (
    bucket_instant,
    counted_percentile,
    hour_bucket,
    incident_scope,
    kept_from_index,
    pieces,
    ratio,
)
from backend.services.platform.reports.spans import business_seconds
from backend.services.platform.reports.summary import Pieces, Summary, add, piece
from backend.services.platform.uow import UnitOfWork

KINDS = ("response", "resolution")
BREACH_LIST = 50


def queue_of() -> Any:
    """The queue an incident was last routed to (a correlated subquery)."""
    return (select(RoutingDecision.queue).where(RoutingDecision.incident_id == Incident.id)
            .order_by(RoutingDecision.id.desc()).limit(1).scalar_subquery())


def _overdue_by(cutoff: datetime | None) -> Any:
    """Unmet and due by `cutoff` (nothing without one)."""
    t = SlaTimerRow
    return and_(t.met_at.is_(None), t.due_at <= cutoff) if cutoff else false()


def _settled(f: Filters) -> list[Any]:
    """Every timer, the met ones on time or late, the unmet ones due by the cutoff (an unmet
    timer is overdue or running depending on `now`: the rest is read live, `_unmet`)."""
    t = SlaTimerRow
    on_time = and_(t.met_at.is_not(None), t.met_at <= t.due_at)
    late = and_(t.met_at.is_not(None), t.met_at > t.due_at)
    return [func.count().label("total"),
            func.sum(case((on_time, 1), else_=0), type_=Integer).label("on_time"),
            func.sum(case((late, 1), else_=0), type_=Integer).label("late"),
            func.sum(case((_overdue_by(f.cutoff), 1), else_=0), type_=Integer).label("overdue")]


def _figures(total: int, on_time: int, late: int, overdue: int) -> dict[str, Any]:
    decided = on_time + late + overdue
    return {"total": total, "on_time": on_time, "late": late, "overdue": overdue,
            "running": total - decided, "compliance": ratio(on_time, decided)}


NAMES = ("total", "on_time", "late", "overdue")
DIMENSIONS = ("by_contract", "by_customer", "by_priority", "by_queue")
# summary["counts"][kind][dimension][key] = [total, on_time, late, overdue]
GROUPS = ("all", "month", *DIMENSIONS)


def _key_list(f: Filters, created: datetime, contract: Any, customer: Any, priority: Any,
              queue: Any) -> tuple[str, ...]:
    """The key of a timer in each grouping, in GROUPS order (a missing value is '-')."""
    return ("", created.astimezone(f.tz).strftime("%Y-%m"), contract or "-", customer or "-",
            priority or "-", queue or "-")


def _keys(f: Filters, created: datetime, contract: Any, customer: Any, priority: Any,
          queue: Any) -> dict[str, str]:
    return dict(zip(GROUPS, _key_list(f, created, contract, customer, priority, queue),
                    strict=True))


def _count(out: Summary, kind: str, keys: dict[str, str], counts: list[int]) -> None:
    for group, k in keys.items():
        add(out, ("counts", kind, group, k), counts)


def _split(query: Any, f: Filters, grouped: bool = True) -> Any:
    return pieces(query, f, Incident.channel, Incident.id, "incident", grouped)


async def _collect_counts(uow: UnitOfWork, f: Filters, out: Pieces) -> None:
    """Every timer and the met ones, per kind and grouping, in one grouped pass (by the
    UTC hour of the incident, folded into local months here)."""
    hour = hour_bucket(uow.session, Incident.created_at).label("hour")
    keys = [SlaTimerRow.contract_id, Incident.customer_code, Incident.priority,
            queue_of().label("queue")]
    rows = (await uow.session.execute(_split(
        select(SlaTimerRow.kind, hour, *keys, *_settled(f))
        .join(Incident, Incident.id == SlaTimerRow.incident_id)
        .where(*incident_scope(f)).group_by(SlaTimerRow.kind, hour, *keys), f))).all()
    for r in rows:
        keyed = _keys(f, bucket_instant(r.hour), r.contract_id, r.customer_code, r.priority,
                      r.queue)
        counts = [r.total, r.on_time or 0, r.late or 0, r.overdue or 0]
        _count(piece(out, r), r.kind, keyed, counts)


async def _collect_minutes(uow: UnitOfWork, f: Filters, out: Pieces) -> None:
    """The covered time from the incident to each met timer, in whole minutes (floored), on
    the calendar of the timer's contract (24x7 without one): counted per minute in SQL where
    the scheduler stored it (spans.py), computed here for the timers it has not reached."""
    t = SlaTimerRow
    minute = (t.business_seconds // 60).label("minute")
    done = (await uow.session.execute(_split(
        select(t.kind, minute, func.count().label("n"))
        .join(Incident, Incident.id == t.incident_id)
        .where(*incident_scope(f), t.met_at.is_not(None))
        .group_by(t.kind, minute), f))).all()
    for r in done:
        if r.minute is not None:
            add(piece(out, r), ("minutes", r.kind, str(int(r.minute))), r.n)
    if all(r.minute is not None for r in done):
        return
    pending = (await uow.session.execute(_split(
        select(t.kind, t.contract_id, t.start, t.met_at)
        .join(Incident, Incident.id == t.incident_id)
        .where(*incident_scope(f), t.met_at.is_not(None), t.business_seconds.is_(None)),
        f, grouped=False))).all()
    for p, seconds in zip(pending, await business_seconds(uow, list(pending)), strict=True):
        add(piece(out, p), ("minutes", p.kind, str(seconds // 60)), 1)


def _breach(r: Any) -> dict[str, Any]:
    return {"incident_id": r.incident_id, "kind": r.kind, "due_at": r.due_at.isoformat(),
            "met_at": r.met_at.isoformat() if r.met_at else None, "customer": r.customer_code,
            "priority": r.priority, "contract": r.contract_id}


def _breach_columns() -> list[Any]:
    t = SlaTimerRow
    return [t.incident_id, t.kind, t.due_at, t.met_at, Incident.customer_code,
            Incident.priority, t.contract_id]


def _latest(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The latest breaches first (by due time, then incident), at most BREACH_LIST."""
    items = sorted(items, key=lambda i: i["incident_id"])
    items.sort(key=lambda i: datetime.fromisoformat(i["due_at"]), reverse=True)
    return items[:BREACH_LIST]


def _keyed(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {f"{i['incident_id']} {i['kind']}": i for i in items}


async def _collect_late(uow: UnitOfWork, f: Filters, out: Pieces) -> None:
    """The latest breaches: timers met after their deadline (a met timer stays late) and
    unmet ones due by the cutoff; all of them when split (a day's, each piece trimmed later)."""
    t = SlaTimerRow
    query = _split(select(*_breach_columns()).join(Incident, Incident.id == t.incident_id)
                   .where(*incident_scope(f), or_(t.met_at > t.due_at, _overdue_by(f.cutoff))),
                   f, grouped=False)
    if f.split is None:
        query = query.order_by(t.due_at.desc(), t.incident_id).limit(BREACH_LIST)
    late: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in (await uow.session.execute(query)).all():
        late[r.piece].append(_breach(r))
    for name, items in late.items():
        out.setdefault(name, {})["late"] = _keyed(_latest(items))


async def collect(uow: UnitOfWork, f: Filters) -> Pieces:
    out: Pieces = {}
    await _collect_counts(uow, f, out)
    await _collect_minutes(uow, f, out)
    await _collect_late(uow, f, out)
    return out


def trim(summary: Summary) -> Summary:
    """Only the latest breaches matter once merged."""
    if "late" in summary:
        summary["late"] = _keyed(_latest(list(summary["late"].values())))
    return summary


Overdue = dict[tuple[str, str, str], int]  # (kind, grouping, key) -> timers overdue


async def _unmet(uow: UnitOfWork, f: Filters, now: datetime
                 ) -> tuple[Overdue, list[dict[str, Any]]]:
    """The timers overdue at `now` (unmet and past due; after the cutoff if any), counted per
    grouping, and the latest of them as breaches: read from the detail rows on each report
    (with rollups, only those that fell due since their last refresh)."""
    t = SlaTimerRow
    overdue = [kept_from_index(uow.session, f, t.met_at).is_(None), t.due_at <= now,
               *incident_scope(f)]
    if f.cutoff:
        overdue.append(t.due_at > f.cutoff)
    rows = (await uow.session.execute(
        select(t.kind, Incident.created_at, t.contract_id, Incident.customer_code,
               Incident.priority, queue_of().label("queue"))
        .join(Incident, Incident.id == t.incident_id).where(*overdue))).all()
    counts: Overdue = defaultdict(int)
    for r in rows:  # plain counting: a year's generated data has 16,000 of them
        keys = _key_list(f, r.created_at, r.contract_id, r.customer_code, r.priority, r.queue)
        for group, k in zip(GROUPS, keys, strict=True):
            counts[(r.kind, group, k)] += 1
    latest = (await uow.session.execute(
        select(*_breach_columns()).join(Incident, Incident.id == t.incident_id)
        .where(*overdue).order_by(t.due_at.desc(), t.incident_id).limit(BREACH_LIST))).all()
    return counts, [_breach(r) for r in latest]


def _table(counts: dict[str, dict[str, dict[str, list[int]]]], overdue: Overdue, group: str
           ) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in KINDS}
    for kind in sorted(counts):
        for k, (total, on_time, late, due) in sorted(counts[kind].get(group, {}).items()):
            out.setdefault(kind, []).append(
                {"key": k, **_figures(total, on_time, late,
                                      due + overdue.get((kind, group, k), 0))})
    return out


def _percentiles(minutes: dict[str, dict[str, int]]) -> dict[str, dict[str, Any]]:
    out = {}
    for kind in (*KINDS, *sorted(set(minutes) - set(KINDS))):
        c = {int(m): n for m, n in minutes.get(kind, {}).items()}
        median, p90 = counted_percentile(c, 0.5), counted_percentile(c, 0.9)
        out[kind] = {"count": sum(c.values()),
                     "median_minutes": None if median is None else float(median),
                     "p90_minutes": None if p90 is None else float(p90)}
    return out


async def finish(uow: UnitOfWork, f: Filters, summary: Summary) -> dict[str, Any]:
    """The report from its summary, with the timers overdue at the report's `now`."""
    overdue, latest = await _unmet(uow, f, uow.clock())
    counts = summary.get("counts", {})
    totals = {kind: _table(counts, overdue, "all")[kind][0] for kind in counts}
    for figures in totals.values():
        del figures["key"]
    empty = _figures(0, 0, 0, 0)
    late = list(summary.get("late", {}).values())
    return {
        "totals": {k: totals.get(k, empty) for k in (*KINDS, *totals)},
        "by_month": _table(counts, overdue, "month"),
        **{name: _table(counts, overdue, name) for name in DIMENSIONS},
        "business_time": _percentiles(summary.get("minutes", {})),
        "breaches": {"total": sum(c["late"] + c["overdue"] for c in totals.values()),
                     "items": _latest(late + latest)},
    }
