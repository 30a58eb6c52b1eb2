"""Capturing what the bot understood: the user events of Rasa's tracker (intent,
confidence, ranking, entities) matched, in order and by text, to the stored inbound
messages that have no prediction yet."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from backend.adapters.orm.conversations import Message
from backend.adapters.orm.nlu import NluPrediction
from backend.adapters.rasa import RasaApi
from backend.domain.handoff_errors import RasaUnavailable
from backend.services.platform.uow import UnitOfWorkFactory


def user_events(tracker: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in tracker.get("events") or [] if e.get("event") == "user"]


def match(
    messages: list[Message], events: list[dict[str, Any]]
) -> list[tuple[Message, dict[str, Any]]]:
    """Pairs (message, user event) with the same text, both in order."""
    pairs, at = [], 0
    for message in messages:
        for index in range(at, len(events)):
            if (events[index].get("text") or "").strip() == message.text.strip():
                pairs.append((message, events[index]))
                at = index + 1
                break
    return pairs


def prediction(message: Message, event: dict[str, Any], now: datetime) -> NluPrediction:
    parse = event.get("parse_data") or {}
    intent = parse.get("intent") or {}
    ranking = [{"name": str(r.get("name")), "confidence": round(float(r.get("confidence") or 0), 4)}
               for r in (parse.get("intent_ranking") or [])[:5]]
    entities = [{k: e.get(k) for k in ("entity", "value", "start", "end")}
                for e in parse.get("entities") or []]
    return NluPrediction(message_id=message.id, conversation_id=message.conversation_id,
                         intent=str(intent.get("name") or "nlu_fallback"),
                         confidence=round(float(intent.get("confidence") or 0), 4),
                         ranking=ranking, entities=entities, captured_at=now)


async def capture(uows: UnitOfWorkFactory, rasa: RasaApi) -> int:
    """Predictions for every inbound message not captured yet; how many were added.
    Conversations Rasa does not answer for are skipped (tried again next time)."""
    async with uows() as uow:
        captured = select(NluPrediction.message_id)
        rows = (await uow.session.scalars(
            select(Message).where(Message.direction == "in", Message.id.not_in(captured))
            .order_by(Message.conversation_id, Message.seq))).all()
        by_conversation: dict[str, list[Message]] = {}
        for row in rows:
            by_conversation.setdefault(row.conversation_id, []).append(row)
        added = 0
        for conversation_id, messages in by_conversation.items():
            try:
                events = user_events(await rasa.tracker(conversation_id))
            except RasaUnavailable:
                continue
            for message, event in match(messages, events):
                uow.session.add(prediction(message, event, uow.clock()))
                added += 1
        await uow.commit()
        return added
