"""Satisfaction end to end over SMS (issue 20 §4), through the gateway, the real backend and
the Twilio fake: a closed job's question reaches the customer's phone; the answer in words
is recorded with its score and thanked by the backend (Rasa never sees it); a low score
raises a task for the agents' queue; the next message goes to the bot as usual."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend.adapters.orm import Incident, IncidentSubscription, ServiceOrder
from backend.adapters.orm.agents import Handoff
from backend.adapters.orm.satisfaction import SatisfactionSurvey
from backend.services.incidents import satisfaction
from tests.channels.provider_stack import Stack
from tests.channels.sms.helpers import MARTA, bodies, text_in


async def job_closed(stack: Stack, conversation_id: str, channel: str = "sms",
                     address: str = MARTA) -> None:
    """C-1001's incident on the compressor, its service order just closed: asked."""
    async with stack.uows() as uow:
        now = uow.clock()
        incident = Incident(id="INC-00001", customer_code="C-1001", equipment_id="EQ-0001",
                            symptom="no arranca", priority="high", service_type="corrective",
                            state="resolved", channel=channel, conversation_id=conversation_id,
                            created_at=now, updated_at=now)
        uow.session.add(incident)
        await uow.session.flush()
        uow.session.add_all([
            IncidentSubscription(incident_id=incident.id, conversation_id=conversation_id,
                                 channel=channel, address=address, created_at=now),
            ServiceOrder(id="SO-00001", incident_id=incident.id, state="closed",
                         created_at=now)])
        await uow.session.flush()
        assert await satisfaction.ask(uow, incident, "SO-00001", "T-01") == 1
        await uow.commit()


async def survey_of(stack: Stack) -> dict[str, Any]:
    async with stack.uows() as uow:
        row = (await uow.session.scalars(select(SatisfactionSurvey))).one()
        return {"score": row.score, "comment": row.comment, "handoff_id": row.handoff_id}


async def test_a_low_rating_by_sms_is_recorded_thanked_and_followed_up(live: Stack) -> None:
    await text_in(live, MARTA, "hola")
    assert await bodies(live, MARTA) == ["echo: hola"]
    conversation = await live.conversation("sms", MARTA)
    assert conversation is not None
    await job_closed(live, conversation.id)
    question = (await bodies(live, MARTA, count=2))[-1]
    assert "SO-00001" in question and "respondiendo con un numero" in question  # GSM-7

    await text_in(live, MARTA, "terrible, they left a mess")
    thanks = (await bodies(live, MARTA, count=3))[-1]
    assert "revisar" in thanks and "su caso" in thanks
    assert live.rasa.messages == ["hola"]  # the answer never reached the bot
    survey = await survey_of(live)
    assert survey["score"] == 1 and survey["comment"] == "terrible, they left a mess"
    async with live.uows() as uow:
        handoff = await uow.session.get(Handoff, survey["handoff_id"])
        assert handoff is not None and handoff.state == "waiting"
        assert handoff.kind == "callback" and "satisfaction 1/5" in handoff.summary

    await text_in(live, MARTA, "gracias")  # answered already: the bot takes it
    assert (await bodies(live, MARTA, count=4))[-1] == "echo: gracias"


async def test_a_number_by_sms_is_the_score(live: Stack) -> None:
    await text_in(live, MARTA, "hola")
    await bodies(live, MARTA)
    conversation = await live.conversation("sms", MARTA)
    assert conversation is not None
    await job_closed(live, conversation.id)
    await bodies(live, MARTA, count=2)
    await text_in(live, MARTA, "4")
    assert "Hemos anotado un 4 de 5" in (await bodies(live, MARTA, count=3))[-1]
    assert (await survey_of(live))["score"] == 4 and live.rasa.messages == ["hola"]
