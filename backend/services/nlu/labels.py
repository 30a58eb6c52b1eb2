"""Admins' labels (the right intent, entity spans, or discard) and agents' flags, each
stored with who and when."""

from __future__ import annotations

import re
from typing import Any

from backend.adapters.orm.conversations import Message
from backend.adapters.orm.nlu import NluFlag, NluLabel
from backend.services.nlu.errors import NluInvalid, NluNotFound
from backend.services.platform.uow import UnitOfWorkFactory

NAME = re.compile(r"^[a-z][a-z0-9_]{0,79}$")


def _entities(text: str, raw: list[Any]) -> list[dict[str, Any]]:
    out = []
    for e in raw:
        try:
            start, end, entity = int(e["start"]), int(e["end"]), str(e["entity"])
        except (KeyError, TypeError, ValueError) as exc:
            raise NluInvalid("each entity needs start, end and entity") from exc
        if not (0 <= start < end <= len(text)) or not NAME.match(entity):
            raise NluInvalid(f"bad entity span {start}-{end} {entity!r}")
        out.append({"start": start, "end": end, "entity": entity, "value": text[start:end]})
    return sorted(out, key=lambda x: x["start"])


async def label(uows: UnitOfWorkFactory, who: str, message_id: str, intent: str | None,
                entities: list[Any], discard: bool = False) -> dict[str, Any]:
    if not discard and (not intent or not NAME.match(intent)):
        raise NluInvalid("intent must be lower_snake_case (or discard the message)")
    async with uows() as uow:
        message = await uow.session.get(Message, message_id)
        if message is None or message.direction != "in":
            raise NluNotFound(f"no customer message {message_id}")
        spans = [] if discard else _entities(message.text, entities)
        row = await uow.session.get(NluLabel, message_id)
        if row is None:
            row = NluLabel(message_id=message_id)
            uow.session.add(row)
        row.action, row.intent = ("discard", None) if discard else ("label", intent)
        row.entities, row.labelled_by, row.labelled_at = spans, who, uow.clock()
        row.exported_at = None
        await uow.commit()
        return {"message_id": message_id, "action": row.action, "intent": row.intent,
                "entities": spans, "by": who, "at": row.labelled_at.isoformat()}


async def flag(uows: UnitOfWorkFactory, who: str, message_id: str, reason: str) -> dict[str, Any]:
    async with uows() as uow:
        message = await uow.session.get(Message, message_id)
        if message is None or message.direction != "in":
            raise NluNotFound(f"no customer message {message_id}")
        row = await uow.session.get(NluFlag, message_id)
        if row is None:
            row = NluFlag(message_id=message_id)
            uow.session.add(row)
        row.flagged_by, row.reason, row.flagged_at = who, reason[:500], uow.clock()
        await uow.commit()
        return {"message_id": message_id, "flagged_by": who, "reason": row.reason}
