"""What a report reads: the incidents and conversations the filters select, as SQL
conditions, and the few expressions that differ between SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, exists, func, literal_column, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlalchemy.sql.expression import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from backend.adapters.orm import Conversation, Incident
from backend.adapters.orm.agents import Handoff
from backend.adapters.orm.dispatch import RoutingDecision
from backend.services.platform.reports.filters import Filters


def scope(f: Filters, *, at: Any, customer: Any, channel: Any, queues: tuple[Any, str, Any],
          period: bool = True) -> list[ColumnElement[bool]]:
    """Rows written in the period (column ``at``; unless `period` is False), of the customer
    and channel asked for, and of the queue asked for: ``queues`` is the table of queue
    memberships, its column naming the owner, and the owner's id (in its own alias: a report
    that reads that table keeps its own rows)."""
    where = [at >= f.since, at < f.until] if period else []
    if f.customer:
        where.append(customer == f.customer)
    if f.channel:
        where.append(channel == f.channel)
    if f.queue:
        table, column, owner = queues
        member = aliased(table)
        where.append(exists(select(member.id).where(
            getattr(member, column) == owner, member.queue == f.queue)))
    return where


def incident_scope(f: Filters, period: bool = True) -> list[ColumnElement[bool]]:
    """Incidents opened in the period (unless `period` is False), of the customer, channel
    and queue asked for."""
    return scope(f, at=Incident.created_at, customer=Incident.customer_code,
                 channel=Incident.channel, queues=(RoutingDecision, "incident_id", Incident.id),
                 period=period)


def conversation_scope(f: Filters) -> list[ColumnElement[bool]]:
    """Conversations started in the period, of the customer, channel and queue asked for
    (a conversation is in a queue when it was handed to it)."""
    return scope(f, at=Conversation.created_at, customer=Conversation.customer_code,
                 channel=Conversation.channel,
                 queues=(Handoff, "conversation_id", Conversation.id))


def _membership(owner: Any, kind: str) -> tuple[Any, Any, Any]:
    """The table of queue memberships of `kind` ('incident': routing decisions,
    'conversation': handoffs), the condition joining each owner to the first row of each
    queue it was routed or handed to (an index lookup per owner), and that row's queue."""
    table: Any = RoutingDecision if kind == "incident" else Handoff
    column = "incident_id" if kind == "incident" else "conversation_id"
    first, earlier = aliased(table), aliased(table)
    condition = and_(getattr(first, column) == owner, ~exists(select(earlier.id).where(
        getattr(earlier, column) == owner, earlier.queue == first.queue,
        earlier.id < first.id)))
    return first, condition, first.queue


def pieces(query: Any, f: Filters, channel: Any, owner: Any, kind: str,
           grouped: bool = True) -> Any:
    """`query` with a `piece` column: '' unless `f.split` asks for the rows counted per
    channel ('' without one), or per channel and queue the owner (an incident or a
    conversation id, of `kind`) was routed or handed to ('channel|queue', once in each). The
    rollups build every scope of a day from two such passes instead of one per scope."""
    if f.split is None:
        return query.add_columns(literal_column("''").label("piece"))
    column: Any = func.coalesce(channel, literal_column("''"))
    if f.split == "pair":
        members, condition, queue = _membership(owner, kind)
        query = query.join(members, condition)
        column = column.concat(literal_column("'|'")).concat(queue)
    query = query.add_columns(column.label("piece"))
    return query.group_by(column) if grouped else query


def shared(query: Any, f: Filters) -> Any:
    """`query` with a `piece` column for rows no channel or queue narrows: '*' (every scope)
    when split."""
    return query.add_columns(literal_column("'*'" if f.split else "''").label("piece"))


def hour_bucket(session: AsyncSession, column: Any) -> Any:
    """The UTC hour of a timestamp as text 'YYYY-MM-DD HH' (grouped on, then turned into
    local days and hours in Python, so daylight-saving changes are exact)."""
    if session.bind.dialect.name == "sqlite":
        return func.strftime("%Y-%m-%d %H", column)
    return func.to_char(func.timezone("UTC", column), "YYYY-MM-DD HH24")


def month_bucket(session: AsyncSession, column: Any) -> Any:
    """The month of a date column as text 'YYYY-MM'."""
    if session.bind.dialect.name == "sqlite":
        return func.strftime("%Y-%m", column)
    return func.to_char(column, "YYYY-MM")


def kept_from_index(session: AsyncSession, f: Filters, column: Any) -> Any:
    """`column` as SQLite's planner may not look it up by index (unary +) when `f` names a
    customer: its statistics take `sla_timers.met_at IS NULL` for a rare value, and it would
    walk a year's unmet timers instead of the customer's few incidents."""
    if f.customer and session.bind.dialect.name == "sqlite":
        return UnaryExpression(column, operator=custom_op("+"), type_=column.type)
    return column


def code_order(session: AsyncSession, column: Any) -> Any:
    """`column` to order by as Python orders text (by code point; PostgreSQL's collation
    might not)."""
    return column if session.bind.dialect.name == "sqlite" else column.collate("C")


def bucket_instant(bucket: str) -> datetime:
    return datetime.strptime(bucket, "%Y-%m-%d %H").replace(tzinfo=UTC)


V = TypeVar("V", int, float)


def counted_percentile(counts: Mapping[V, int], share: float) -> V | None:
    """Nearest-rank percentile (share 0.5: the median, 0.9: p90) of a multiset given as
    value -> how many times (a grouped count); None without values."""
    n = sum(counts.values())
    if not n:
        return None
    rank, seen = max(1, -(-round(share * 1000) * n // 1000)), 0
    for value in sorted(counts):
        seen += counts[value]
        if seen >= rank:
            return value
    return None  # pragma: no cover - rank <= n


def ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)
