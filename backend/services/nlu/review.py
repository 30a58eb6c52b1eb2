"""The review list: customer messages worth an admin's look (low confidence,
nlu_fallback, the last message before a handoff to a person, flagged by an agent), not
labelled yet, filterable by channel, language, intent and date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import or_, select

from backend.adapters.orm.agents import Handoff
from backend.adapters.orm.conversations import Conversation, Message
from backend.adapters.orm.nlu import NluFlag, NluLabel, NluPrediction
from backend.services.nlu.errors import NluNotFound
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

CONTEXT = 3


@dataclass(frozen=True)
class ReviewFilter:
    channel: str | None = None
    language: str | None = None
    intent: str | None = None
    since: date | None = None
    until: date | None = None
    limit: int = 200
    offset: int = 0


async def _before_handoff(uow: UnitOfWork) -> set[str]:
    ids: set[str] = set()
    for handoff in (await uow.session.scalars(select(Handoff))).all():
        last = await uow.session.scalar(
            select(Message.id).where(Message.conversation_id == handoff.conversation_id,
                                     Message.direction == "in",
                                     Message.created_at <= handoff.requested_at)
            .order_by(Message.seq.desc()).limit(1))
        if last is not None:
            ids.add(last)
    return ids


def _reasons(p: NluPrediction | None, flagged: bool, handoff: bool, low: float) -> list[str]:
    reasons = []
    if p is not None and p.intent == "nlu_fallback":
        reasons.append("fallback")
    elif p is not None and p.confidence < low:
        reasons.append("low_confidence")
    if handoff:
        reasons.append("before_handoff")
    if flagged:
        reasons.append("flagged")
    return reasons


def _flag(flag: NluFlag | None) -> dict[str, Any] | None:
    return None if flag is None else {"by": flag.flagged_by, "reason": flag.reason,
                                      "at": flag.flagged_at.isoformat()}


def _item(m: Message, c: Conversation, p: NluPrediction | None, reasons: list[str],
          flag: NluFlag | None) -> dict[str, Any]:
    return {"message_id": m.id, "conversation_id": m.conversation_id, "text": m.text,
            "channel": m.channel, "language": c.language, "at": m.created_at.isoformat(),
            "intent": p.intent if p else None, "confidence": p.confidence if p else None,
            "ranking": p.ranking if p else [], "entities": p.entities if p else [],
            "reasons": reasons, "flag": _flag(flag)}


async def review_list(uows: UnitOfWorkFactory, low: float, f: ReviewFilter) -> list[dict[str, Any]]:
    async with uows() as uow:
        handoff_ids = await _before_handoff(uow)
        labelled = select(NluLabel.message_id)
        query = (select(Message, Conversation, NluPrediction, NluFlag)
                 .join(Conversation, Conversation.id == Message.conversation_id)
                 .outerjoin(NluPrediction, NluPrediction.message_id == Message.id)
                 .outerjoin(NluFlag, NluFlag.message_id == Message.id)
                 .where(Message.direction == "in", Message.id.not_in(labelled)))
        if f.channel:
            query = query.where(Message.channel == f.channel)
        if f.language:
            query = query.where(Conversation.language == f.language)
        if f.intent:
            query = query.where(NluPrediction.intent == f.intent)
        if f.since:
            query = query.where(Message.created_at >= datetime.combine(f.since, time(), UTC))
        if f.until:
            end = datetime.combine(f.until + timedelta(days=1), time(), UTC)
            query = query.where(Message.created_at < end)
        # the reasons as SQL, so the page is cut by the database, not after loading every row
        query = query.where(or_(NluPrediction.intent == "nlu_fallback",
                                NluPrediction.confidence < low,
                                NluFlag.message_id.is_not(None),
                                Message.id.in_(handoff_ids)))
        page = query.order_by(Message.created_at.desc(), Message.id).offset(f.offset).limit(f.limit)
        rows = (await uow.session.execute(page)).all()
        items = []
        for m, c, p, flag in rows:
            reasons = _reasons(p, flag is not None, m.id in handoff_ids, low)
            if reasons:
                items.append(_item(m, c, p, reasons, flag))
        return items


async def detail(uows: UnitOfWorkFactory, low: float, message_id: str) -> dict[str, Any]:
    """One message with its prediction and the conversation around it."""
    async with uows() as uow:
        m = await uow.session.get(Message, message_id)
        if m is None:
            raise NluNotFound(f"no message {message_id}")
        c = await uow.session.get(Conversation, m.conversation_id)
        p = await uow.session.get(NluPrediction, message_id)
        flag = await uow.session.get(NluFlag, message_id)
        label = await uow.session.get(NluLabel, message_id)
        around = (await uow.session.scalars(
            select(Message).where(Message.conversation_id == m.conversation_id,
                                  Message.seq >= m.seq - CONTEXT, Message.seq <= m.seq + CONTEXT)
            .order_by(Message.seq))).all()
        assert c is not None
        reasons = _reasons(p, flag is not None, m.id in await _before_handoff(uow), low)
        return {**_item(m, c, p, reasons, flag),
                "label": None if label is None else {
                    "action": label.action, "intent": label.intent, "entities": label.entities,
                    "by": label.labelled_by, "at": label.labelled_at.isoformat()},
                "context": [{"id": x.id, "direction": x.direction, "text": x.text,
                             "at": x.created_at.isoformat()} for x in around]}
