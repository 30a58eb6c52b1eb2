"""The satisfaction question (issue 20 §4): when a service order closes, each of the
incident's reporters is asked on their own channel and in their language for a 1–5 rating
(buttons on Telegram and the web widget, a number or words by SMS and e-mail); the answer is
read by backend/services/incidents/satisfaction_answer.py."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend.adapters.orm import Incident
from backend.adapters.orm.satisfaction import SatisfactionSurvey
from backend.domain import satisfaction as d
from backend.domain.language import pick
from backend.services.conversations.messages import proactive
from backend.services.incidents.records import event
from backend.services.incidents.subscriptions import subscriber_language, subscribers
from backend.services.platform.uow import UnitOfWork


def _buttons(channel: str) -> list[dict[str, Any]]:
    if channel not in d.BUTTON_CHANNELS:
        return []
    return [{"title": f"{n} {'⭐' * n}", "payload": str(n)} for n in range(5, 0, -1)]


async def ask(uow: UnitOfWork, incident: Incident, order_id: str,
              technician_id: str | None) -> int:
    """One question per reporter of ``incident``; none twice for one service order."""
    if await uow.session.scalar(select(SatisfactionSurvey.id).where(
            SatisfactionSurvey.service_order_id == order_id).limit(1)) is not None:
        return 0
    asked = 0
    for sub in await subscribers(uow, incident.id):
        language = await subscriber_language(uow, sub, incident.customer_code)
        how = "" if sub.channel in d.BUTTON_CHANNELS else pick(d.TEXTS["how_sms"], language)
        text = pick(d.TEXTS["question"], language).format(order=order_id, incident=incident.id,
                                                          how=how)
        message = await proactive(uow, "satisfaction", sub.channel, sub.address, text,
                                  _buttons(sub.channel))
        uow.session.add(SatisfactionSurvey(
            service_order_id=order_id, incident_id=incident.id,
            customer_code=incident.customer_code, technician_id=technician_id,
            conversation_id=message.conversation_id, channel=sub.channel,
            asked_at=uow.clock()))
        asked += 1
    if asked:
        event(uow, incident.id, "satisfaction_asked", "system", note=order_id)
    return asked
