"""Channels: customer messages and conversations by channel, customer messages by local
day of week and hour (the heat map: 7 rows Monday..Sunday of 24 hours), and the share of
customers who wrote on more than one channel in the period."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from backend.adapters.orm import Conversation, Message
from backend.adapters.orm.agents import Handoff
from backend.services.platform.reports.filters import Filters
from backend.services.platform.reports.scope import (
    bucket_instant,
    conversation_scope,
    hour_bucket,
    pieces,
    ratio,
    scope,
)
from backend.services.platform.reports.summary import Pieces, Summary, add, key, piece, unkey
from backend.services.platform.uow import UnitOfWork


def _message_scope(f: Filters) -> list[Any]:
    """Customer messages written in the period (joined to their conversation)."""
    return [Message.direction == "in", *scope(
        f, at=Message.created_at, customer=Conversation.customer_code, channel=Message.channel,
        queues=(Handoff, "conversation_id", Message.conversation_id))]


def _messages(f: Filters) -> Any:
    """Joined to conversations only when a customer is asked for (2 million rows)."""
    query = select(Message.channel).select_from(Message)
    if f.customer:
        query = query.join(Conversation, Conversation.id == Message.conversation_id)
    return query.where(*_message_scope(f))


async def collect(uow: UnitOfWork, f: Filters) -> Pieces:
    """Customer messages per channel and UTC hour (turned into local weekday and hour here),
    conversations per channel, and each customer's conversations per channel."""
    out: Pieces = {}
    bucket = hour_bucket(uow.session, Message.created_at)
    hours = (await uow.session.execute(pieces(
        _messages(f).add_columns(bucket.label("b"), func.count().label("n"))
        .group_by(Message.channel, bucket),
        f, Message.channel, Message.conversation_id, "conversation"))).all()
    for r in hours:
        add(piece(out, r), ("messages", key(r.channel)), r.n)
        local = bucket_instant(r.b).astimezone(f.tz)
        cells = [0] * 24
        cells[local.hour] = r.n
        add(piece(out, r), ("heat", str(local.weekday())), cells)
    rows = (await uow.session.execute(pieces(
        select(Conversation.channel, Conversation.customer_code, func.count().label("n"))
        .where(*conversation_scope(f))
        .group_by(Conversation.channel, Conversation.customer_code),
        f, Conversation.channel, Conversation.id, "conversation"))).all()
    for r in rows:
        add(piece(out, r), ("conversations", key(r.channel)), r.n)
        if r.customer_code is not None:
            add(piece(out, r), ("customers", r.customer_code, key(r.channel)), r.n)
    return out


async def finish(uow: UnitOfWork, f: Filters, summary: Summary) -> dict[str, Any]:
    heat = [summary.get("heat", {}).get(str(day), [0] * 24) for day in range(7)]
    customers = summary.get("customers", {})
    multi = sum(1 for channels in customers.values() if len(channels) > 1)
    return {
        "messages_by_channel": [{"channel": unkey(c), "messages": n}
                                for c, n in sorted(summary.get("messages", {}).items())],
        "conversations_by_channel": [{"channel": unkey(c), "conversations": n}
                                     for c, n in sorted(summary.get("conversations", {}).items())],
        "heat_map": {"rows": "monday..sunday", "columns": "hour 0..23 (local)",
                     "cells": heat},
        "customers": {"with_conversations": len(customers), "multi_channel": multi,
                      "multi_channel_share": ratio(multi, len(customers))},
    }

