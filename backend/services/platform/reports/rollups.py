"""Daily rollups of the reports (issue 16 acceptance 3: a year in under half a second).

Each report's summary (summary.py) is stored for each filter *scope* (none, one channel,
one queue, a channel with a queue: rollup_scopes.py) per local day, per tenth of a month
(1-10, 11-20, 21-end: the merge of its days), per month (of its tenths), per quarter (of its
months) and per past year (of its months). A report over a period merges its whole years',
quarters', months', tenths' and edge days' summaries and finishes the report (the few
figures that depend on `now`, the SLA's timers fallen due since the last refresh, are read
live). A customer is not rolled up: those reports read the detail rows (a customer's rows
are few).

Freshness: triggers mark the UTC day of every changed row (migration 0017_report_rollups),
in the changing transaction; each scheduler tick (`refresh_rollups`) rebuilds the local days
those marks touch and what holds them. `rebuild` builds every day (`avisa reports rebuild`,
after an import); until a first build the reports read the detail rows."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, delete, func, or_, select

from backend.adapters.orm import (
    BillingDocumentRow,
    Conversation,
    Incident,
    Message,
    ReportDirtyDay,
    ReportRollup,
    ReportRollupState,
)
from backend.adapters.orm.dispatch import Dispatch, SlaTimerRow
from backend.adapters.orm.satisfaction import SatisfactionSurvey
from backend.services.platform.reports.catalog import REPORTS
from backend.services.platform.reports.filters import COMPANY_TZ, Filters
from backend.services.platform.reports.periods import (
    month_of,
    next_month,
    quarter_of,
    split_period,
    tenth_of,
    whole_quarters,
)
from backend.services.platform.reports.rollup_scopes import SPLITS, known_queues, scope_of, scoped
from backend.services.platform.reports.scope import bucket_instant, hour_bucket
from backend.services.platform.reports.summary import Summary, is_empty, merged
from backend.services.platform.reports.technicians import RECURRENCE
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

BUILT = "built"
MARKS = 20_000  # marks read per tick


async def cutoff(uow: UnitOfWork) -> datetime | None:
    """When the rollups were last refreshed (their SLA summaries count the timers overdue by
    then); None: never built."""
    state = await uow.session.get(ReportRollupState, BUILT)
    return None if state is None else state.at


async def built(uow: UnitOfWork) -> bool:
    return await cutoff(uow) is not None


async def read(uow: UnitOfWork, name: str, f: Filters) -> Summary | None:
    """The summary of report `name` over `f`'s period from the rollups, or None when they do
    not answer it (a scope not rolled up, or never built)."""
    scope = scope_of(f)
    if scope is None or not await built(uow):
        return None
    years, months, tenths, ranges = split_period(f.start, f.end)
    r = ReportRollup
    if years:  # a year not rolled up (the current one) is read as its months
        rolled = set((await uow.session.execute(select(r.day).where(
            r.report == name, r.scope == scope, r.unit == "year", r.day.in_(years))
        )).scalars())
        months += [date(y.year, m, 1) for y in years if y not in rolled for m in range(1, 13)]
        years = [y for y in years if y in rolled]
    quarters, months = whole_quarters(months)
    which = [and_(r.unit == "day", r.day >= a, r.day <= b) for a, b in ranges]
    if months:
        which.append(and_(r.unit == "month", r.day.in_(months)))
    if quarters:
        which.append(and_(r.unit == "qtr", r.day.in_(quarters)))
    if tenths:
        which.append(and_(r.unit == "tenth", r.day.in_(tenths)))
    if years:
        which.append(and_(r.unit == "year", r.day.in_(years)))
    bodies = (await uow.session.execute(
        select(r.body).where(r.report == name, r.scope == scope, or_(*which)))).scalars()
    # the largest first: it becomes the sum, the others add fewer new keys to it
    texts = sorted(bodies, key=len, reverse=True)
    return REPORTS[name].trim(merged((json.loads(b) for b in texts), owned=True))


def _row(name: str, scope: str, unit: str, day: date, summary: Summary) -> ReportRollup:
    return ReportRollup(report=name, scope=scope, unit=unit, day=day,
                        body=json.dumps(summary, separators=(",", ":"), sort_keys=True))


async def _build_day(uow: UnitOfWork, day: date, queues: set[str], at: datetime) -> None:
    """A day's summaries of every report and scope, from two passes of each report: rows
    split per channel, and per channel and queue (rollup_scopes.py)."""
    r = ReportRollup
    await uow.session.execute(delete(r).where(r.unit == "day", r.day == day))
    for name, part in REPORTS.items():
        channels, pairs = [await part.collect(uow, Filters(day, day, split=split, cutoff=at))
                           for split in SPLITS]
        for scope, summary in scoped(channels, pairs, queues):
            if not is_empty(summary):
                uow.session.add(_row(name, scope, "day", day, part.trim(summary)))
    await uow.session.flush()


async def _roll_up(uow: UnitOfWork, unit: str, first: date, part: str, end: date) -> None:
    """The `unit` row starting at `first` as the merge of its `part` rows (days of a month,
    months of a year) before `end`."""
    r = ReportRollup
    await uow.session.execute(delete(r).where(r.unit == unit, r.day == first))
    rows = (await uow.session.execute(
        select(r.report, r.scope, r.body).where(r.unit == part, r.day >= first, r.day < end))
    ).all()
    groups: dict[tuple[str, str], list[Summary]] = defaultdict(list)
    for row in rows:
        groups[(row.report, row.scope)].append(json.loads(row.body))
    for (name, scope), bodies in groups.items():
        if name in REPORTS:
            uow.session.add(_row(name, scope, unit, first,
                                 REPORTS[name].trim(merged(bodies, owned=True))))
    await uow.session.flush()


async def _build(uow: UnitOfWork, days: Iterable[date], at: datetime) -> int:
    """`days` built again as of `at` (the new cutoff), with their months and years."""
    days = sorted(set(days))
    queues = await known_queues(uow)
    for day in days:
        await _build_day(uow, day, queues, at)
    for first, last in sorted({tenth_of(d) for d in days}):
        await _roll_up(uow, "tenth", first, "day", last + timedelta(days=1))
    for first in sorted({month_of(d) for d in days}):
        await _roll_up(uow, "month", first, "tenth", next_month(first))
    for first in sorted({quarter_of(d) for d in days}):
        await _roll_up(uow, "qtr", first, "month", next_month(next_month(next_month(first))))
    # past years are rolled up (a year of months takes seconds: not on every tick for the
    # current one, which reports read as months)
    current = uow.clock().astimezone(COMPANY_TZ).year
    for year in sorted({d.year for d in days}):
        first = date(year, 1, 1)
        if year < current:
            await _roll_up(uow, "year", first, "month", date(year + 1, 1, 1))
        else:
            await uow.session.execute(delete(ReportRollup).where(
                ReportRollup.unit == "year", ReportRollup.day == first))
    return len(days)


def _local(instant: datetime | date) -> date:
    if isinstance(instant, datetime):
        return instant.astimezone(COMPANY_TZ).date()
    return instant


async def _days(uow: UnitOfWork) -> list[date]:
    """Every local day some report files a row under (grouped by UTC hour in SQL)."""
    found: set[date] = set()
    for column in (Incident.created_at, Conversation.created_at, Message.created_at,
                   Dispatch.offered_at, SatisfactionSurvey.asked_at,
                   SatisfactionSurvey.answered_at):
        hour = hour_bucket(uow.session, column)
        found.update(_local(bucket_instant(b)) for b in (await uow.session.execute(
            select(hour).where(column.is_not(None)).group_by(hour))).scalars())
    found.update((await uow.session.execute(
        select(BillingDocumentRow.issue_date).group_by(BillingDocumentRow.issue_date)
    )).scalars())
    return sorted(found)


async def rebuild(uows: UnitOfWorkFactory) -> int:
    """Every day's and month's rollups built again from the detail rows (a transaction per
    month); how many days. The marks written before it started are dropped."""
    async with uows() as uow:
        last_mark = await uow.session.scalar(select(func.max(ReportDirtyDay.id)))
        at = uow.clock()
        days = await _days(uow)
        await uow.session.execute(delete(ReportRollup))
        await uow.commit()
    months: dict[date, list[date]] = defaultdict(list)
    for day in days:
        months[month_of(day)].append(day)
    for month in months.values():
        async with uows() as uow:
            await _build(uow, month, at)
            await uow.commit()
    async with uows() as uow:
        if last_mark is not None:
            await uow.session.execute(delete(ReportDirtyDay).where(ReportDirtyDay.id <= last_mark))
        await _set_cutoff(uow, at)
        await uow.commit()
    return len(days)


async def _set_cutoff(uow: UnitOfWork, at: datetime) -> None:
    state = await uow.session.get(ReportRollupState, BUILT)
    if state is None:
        uow.session.add(ReportRollupState(name=BUILT, at=at))
    else:
        state.at = at


async def _fallen_due(uow: UnitOfWork, since: datetime, at: datetime) -> set[date]:
    """The days of incidents whose unmet timers fell due in (since, at]: their summaries
    count them as overdue from the new cutoff on."""
    t = SlaTimerRow
    created = (await uow.session.execute(
        select(Incident.created_at).join(t, t.incident_id == Incident.id)
        .where(t.met_at.is_(None), t.due_at > since, t.due_at <= at))).scalars()
    return {_local(c) for c in created}


async def _recurrences(uow: UnitOfWork, days: set[date]) -> set[date]:
    """The days of finished jobs whose first-time fix a new incident on those `days` may
    undo (the same machine within RECURRENCE after the finish)."""
    lower = datetime.combine(min(days), time(0), tzinfo=COMPANY_TZ).astimezone(UTC)
    upper = datetime.combine(max(days) + timedelta(days=1), time(0),
                             tzinfo=COMPANY_TZ).astimezone(UTC)
    new = [(eq, at) for eq, at in (await uow.session.execute(
        select(Incident.equipment_id, Incident.created_at)
        .where(Incident.created_at >= lower, Incident.created_at < upper,
               Incident.equipment_id.is_not(None)))).all() if _local(at) in days]
    if not new:
        return set()
    jobs = (await uow.session.execute(
        select(Incident.equipment_id, Dispatch.offered_at, Dispatch.finished_at)
        .join(Incident, Incident.id == Dispatch.incident_id)
        .where(Incident.equipment_id.in_({eq for eq, _ in new}),
               Dispatch.finished_at >= lower - RECURRENCE, Dispatch.finished_at < upper))).all()
    return {_local(j.offered_at) for j in jobs for eq, at in new
            if j.equipment_id == eq and at - RECURRENCE <= j.finished_at < at}


async def _refresh_marked(uow: UnitOfWork) -> int:
    since, at = await cutoff(uow), uow.clock()
    marks = (await uow.session.execute(
        select(ReportDirtyDay.id, ReportDirtyDay.day)
        .order_by(ReportDirtyDay.id).limit(MARKS))).all()
    # a UTC day touches its local day and the next (Madrid is ahead of UTC)
    days = {d + timedelta(days=k) for _, d in marks for k in (0, 1)}
    if days:
        days |= await _recurrences(uow, days)
    if since is not None:
        days |= await _fallen_due(uow, since, at)
    count = await _build(uow, days, at) if days else 0
    await _set_cutoff(uow, at)
    ids = [i for i, _ in marks]
    for k in range(0, len(ids), 1000):
        await uow.session.execute(
            delete(ReportDirtyDay).where(ReportDirtyDay.id.in_(ids[k:k + 1000])))
    await uow.commit()
    return count


async def refresh_rollups(uows: UnitOfWorkFactory) -> int:
    """The scheduler's part: the days marked changed since the last tick built again (every
    day when never built); how many days."""
    async with uows() as uow:
        if await built(uow):
            return await _refresh_marked(uow)
    return await rebuild(uows)
