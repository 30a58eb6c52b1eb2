"""Channels: customer messages and conversations by channel, customer messages by local
day of week and hour (the heat map: 7 rows Monday..Sunday of 24 hours), and the share of
customers who wrote on more than one channel in the period."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, case, distinct, exists, func, select

from backend.adapters.orm import Conversation, Message
from backend.adapters.orm.agents import Handoff
from backend.services.platform.reports.filters import Filters
from backend.services.platform.reports.scope import (
    bucket_instant,
    conversation_scope,
    hour_bucket,
    ratio,
)
from backend.services.platform.uow import UnitOfWork


def _message_scope(f: Filters) -> list[Any]:
    """Customer messages written in the period (joined to their conversation)."""
    where = [Message.direction == "in", Message.created_at >= f.since,
             Message.created_at < f.until]
    if f.channel:
        where.append(Message.channel == f.channel)
    if f.customer:
        where.append(Conversation.customer_code == f.customer)
    if f.queue:
        where.append(exists(select(Handoff.id).where(
            Handoff.conversation_id == Message.conversation_id, Handoff.queue == f.queue)))
    return where


def _messages(f: Filters) -> Any:
    """Joined to conversations only when a customer is asked for (2 million rows)."""
    query = select(Message.channel).select_from(Message)
    if f.customer:
        query = query.join(Conversation, Conversation.id == Message.conversation_id)
    return query.where(*_message_scope(f))


async def channels_report(uow: UnitOfWork, f: Filters) -> dict[str, Any]:
    by_channel = (await uow.session.execute(
        _messages(f).add_columns(func.count().label("n")).group_by(Message.channel)
        .order_by(Message.channel))).all()
    bucket = hour_bucket(uow.session, Message.created_at)
    hours = (await uow.session.execute(
        _messages(f).with_only_columns(bucket.label("b"), func.count().label("n"))
        .group_by(bucket))).all()
    heat = [[0] * 24 for _ in range(7)]
    for r in hours:
        local = bucket_instant(r.b).astimezone(f.tz)
        heat[local.weekday()][local.hour] += r.n
    conv_where = conversation_scope(f)
    conversations = (await uow.session.execute(
        select(Conversation.channel, func.count().label("n")).where(*conv_where)
        .group_by(Conversation.channel).order_by(Conversation.channel))).all()
    per_customer = (select(Conversation.customer_code,
                           func.count(distinct(Conversation.channel)).label("k"))
                    .where(*conv_where, Conversation.customer_code.is_not(None))
                    .group_by(Conversation.customer_code).subquery())
    customers, multi = (await uow.session.execute(select(
        func.count(), func.coalesce(func.sum(case((per_customer.c.k > 1, 1), else_=0),
                                             type_=Integer), 0)).select_from(per_customer))).one()
    return {
        "messages_by_channel": [{"channel": r.channel, "messages": r.n} for r in by_channel],
        "conversations_by_channel": [{"channel": r.channel, "conversations": r.n}
                                     for r in conversations],
        "heat_map": {"rows": "monday..sunday", "columns": "hour 0..23 (local)",
                     "cells": heat},
        "customers": {"with_conversations": customers, "multi_channel": int(multi),
                      "multi_channel_share": ratio(int(multi), customers)},
    }
