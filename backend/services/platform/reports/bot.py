"""The bot: containment (conversations that ended without a person), handoffs by reason,
the misunderstood-message rate, verification success and lock-outs, by channel and
language, and the daily trend of containment.

A conversation is *contained* when it was never handed to people (no handoff row).
A customer message is *misunderstood* when the prediction captured for it has a confidence
under the review threshold, or an agent flagged it; the rate is over the messages with a
captured prediction (captured by the admin review list: `services/nlu/capture.py`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import Integer, case, exists, func, or_, select

from backend.adapters.orm import Conversation, Verification
from backend.adapters.orm.agents import Handoff
from backend.adapters.orm.nlu import NluFlag, NluPrediction
from backend.services.nlu.config import LOW_CONFIDENCE
from backend.services.platform.reports.filters import Filters
from backend.services.platform.reports.scope import (
    bucket_instant,
    conversation_scope,
    hour_bucket,
    ratio,
)
from backend.services.platform.uow import UnitOfWork

HANDED = exists(select(Handoff.id).where(Handoff.conversation_id == Conversation.id))


def _contained_sum() -> Any:
    return func.sum(case((HANDED, 0), else_=1), type_=Integer)


async def _contained(uow: UnitOfWork, f: Filters) -> list[Any]:
    """Conversations and contained ones per channel and language, in one pass."""
    return list((await uow.session.execute(
        select(Conversation.channel, Conversation.language, func.count().label("total"),
               _contained_sum().label("kept"))
        .where(*conversation_scope(f))
        .group_by(Conversation.channel, Conversation.language))).all())


def _by(rows: list[Any], key: Callable[[Any], str]) -> list[dict[str, Any]]:
    """Containment summed per `key(row)`, ordered by it."""
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        cell = sums[key(r)]
        cell[0] += r.total
        cell[1] += r.kept or 0
    return [{"key": k, "conversations": t, "contained": c, "containment": ratio(c, t)}
            for k, (t, c) in sorted(sums.items())]


async def _trend(uow: UnitOfWork, f: Filters) -> list[dict[str, Any]]:
    bucket = hour_bucket(uow.session, Conversation.created_at)
    rows = (await uow.session.execute(
        select(bucket.label("b"), func.count().label("total"), _contained_sum().label("kept"))
        .where(*conversation_scope(f)).group_by(bucket))).all()
    days: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        day = bucket_instant(r.b).astimezone(f.tz).date().isoformat()
        days[day][0] += r.total
        days[day][1] += r.kept or 0
    return [{"day": d, "conversations": t, "contained": k, "containment": ratio(k, t)}
            for d, (t, k) in sorted(days.items())]


async def _handoffs(uow: UnitOfWork, f: Filters) -> list[dict[str, Any]]:
    rows = (await uow.session.execute(
        select(Handoff.reason, Conversation.channel, func.count().label("n"))
        .join(Conversation, Conversation.id == Handoff.conversation_id)
        .where(*conversation_scope(f))
        .group_by(Handoff.reason, Conversation.channel)
        .order_by(Handoff.reason, Conversation.channel))).all()
    return [{"reason": r.reason, "channel": r.channel, "handoffs": r.n} for r in rows]


async def _misunderstood(uow: UnitOfWork, f: Filters) -> list[dict[str, Any]]:
    """Predictions are captured with their message's conversation (services/nlu/capture.py),
    so they join conversations directly."""
    flagged = exists(select(NluFlag.message_id).where(
        NluFlag.message_id == NluPrediction.message_id))
    bad = or_(NluPrediction.confidence < LOW_CONFIDENCE, flagged)
    rows = (await uow.session.execute(
        select(Conversation.channel, Conversation.language, func.count().label("n"),
               func.sum(case((bad, 1), else_=0), type_=Integer).label("bad"))
        .select_from(NluPrediction)
        .join(Conversation, Conversation.id == NluPrediction.conversation_id)
        .where(*conversation_scope(f))
        .group_by(Conversation.channel, Conversation.language)
        .order_by(Conversation.channel, Conversation.language))).all()
    return [{"channel": r.channel, "language": r.language or "-", "predicted": r.n,
             "misunderstood": r.bad or 0, "rate": ratio(r.bad or 0, r.n)} for r in rows]


async def _verification(uow: UnitOfWork, f: Filters) -> list[dict[str, Any]]:
    rows = (await uow.session.execute(
        select(Conversation.channel, func.count().label("n"),
               func.sum(case((Conversation.verified, 1), else_=0), type_=Integer).label("ok"),
               func.sum(case((Verification.locked, 1), else_=0), type_=Integer).label("locked"))
        .select_from(Verification)
        .join(Conversation, Conversation.id == Verification.conversation_id)
        .where(*conversation_scope(f))
        .group_by(Conversation.channel).order_by(Conversation.channel))).all()
    return [{"channel": r.channel, "attempted": r.n, "verified": r.ok or 0,
             "locked": r.locked or 0, "success": ratio(r.ok or 0, r.n)} for r in rows]


async def bot_report(uow: UnitOfWork, f: Filters) -> dict[str, Any]:
    rows = await _contained(uow, f)
    (total,) = _by(rows, lambda r: "") or [{"key": "", "conversations": 0, "contained": 0,
                                            "containment": None}]
    del total["key"]
    return {
        "totals": total,
        "by_channel": _by(rows, lambda r: r.channel or "-"),
        "by_language": _by(rows, lambda r: r.language or "-"),
        "handoffs_by_reason": await _handoffs(uow, f),
        "misunderstood": await _misunderstood(uow, f),
        "verification": await _verification(uow, f),
        "trend": await _trend(uow, f),
    }
