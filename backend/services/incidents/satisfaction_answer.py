"""A customer's answer to the satisfaction question: a message in a conversation with a
question pending (asked within ANSWER_DAYS, not answered yet) that reads as a rating
(backend/domain/satisfaction.py) is recorded and thanked here, before the bot or an agent
sees it, whoever holds the conversation; anything else goes on as usual. A score ≤ 2 raises
a complaint and a call-back task in the agents' queue."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from backend.adapters.orm import Complaint, Conversation, Message
from backend.adapters.orm.agents import Handoff, HandoffLog
from backend.adapters.orm.satisfaction import SatisfactionSurvey
from backend.domain import satisfaction as d
from backend.domain.handoff import WAITING
from backend.domain.handoff_policy import HandoffPolicy
from backend.domain.language import pick
from backend.services.incidents.records import event
from backend.services.platform.uow import UnitOfWork


async def answer(uow: UnitOfWork, conversation: Conversation, message: Message) -> str | None:
    """The thanks to send when ``message`` answers a pending question; else None."""
    now = uow.clock()
    survey = await uow.session.scalar(
        select(SatisfactionSurvey)
        .where(SatisfactionSurvey.conversation_id == conversation.id,
               SatisfactionSurvey.answered_at.is_(None),
               SatisfactionSurvey.asked_at >= now - timedelta(days=d.ANSWER_DAYS))
        .order_by(SatisfactionSurvey.asked_at.desc(), SatisfactionSurvey.id.desc()).limit(1))
    rating = d.score_reply(message.text) if survey is not None else None
    if survey is None or rating is None:
        return None
    survey.score, survey.comment, survey.answered_at = rating.score, rating.comment or None, now
    event(uow, survey.incident_id, "satisfaction_rated", f"conversation:{conversation.id}",
          note=f"{rating.score}/5" + (f": {rating.comment}" if rating.comment else ""))
    language = conversation.language
    if not rating.low:
        return pick(d.TEXTS["thanks"], language).format(score=rating.score)
    await _follow_up(uow, survey, conversation, rating)
    return pick(d.TEXTS["thanks_low"], language)


async def _follow_up(uow: UnitOfWork, survey: SatisfactionSurvey, conversation: Conversation,
                     rating: d.Rating) -> None:
    """A complaint in the customer's words and a call-back task for the agents' queue."""
    now = uow.clock()
    words = f"{rating.score}/5" + (f" — {rating.comment}" if rating.comment else "")
    complaint = Complaint(customer_code=survey.customer_code, incident_id=survey.incident_id,
                          conversation_id=conversation.id, channel=conversation.channel,
                          text=f"satisfaction {words}", created_at=now)
    handoff = Handoff(conversation_id=conversation.id, kind="callback", reason="complain",
                      rule=None, queue=HandoffPolicy.default_queue, state=WAITING,
                      summary=f"{survey.incident_id} · {survey.service_order_id} · "
                              f"satisfaction {words}"[:200],
                      slots={"incident_id": survey.incident_id}, agent_slots={},
                      requested_at=now)
    uow.session.add_all([complaint, handoff])
    await uow.session.flush()
    complaint.handoff_id = survey.handoff_id = handoff.id
    survey.complaint_id = complaint.id
    uow.session.add(HandoffLog(handoff_id=handoff.id, kind="requested", actor="system",
                               text="satisfaction_low", at=now))
    event(uow, survey.incident_id, "complaint", f"conversation:{conversation.id}",
          note=complaint.text)
