"""An unanswered consent question is asked again once on the customer's channel (with the
yes/no buttons the bot's consent rules take, recorded in the incident's history) and, for a
high-priority incident, raised to a person as a call-back task that leaves the bot answering;
a covered incident, one asked too recently and one already reminded are left alone. A status
answer says the incident waits on the customer's answer (next step ``consent``)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from backend.adapters.orm import Conversation, IncidentEvent, Message, OutboxItem
from backend.adapters.orm.agents import Handoff
from backend.services.coverage.reminders import REMIND_AFTER, remind_consent
from tests.backend.billing.conftest import REFERENCE, conversation, report
from tests.backend.helpers import call


async def test_unanswered_consent_is_asked_again_and_urgent_ones_go_to_a_person(
        api: Any, uows: Any) -> None:
    cid = await conversation(api)
    urgent = (await report(api, cid, "FL-3391-B", priority="high"))["id"]
    covered = (await report(api, cid, "CMP-2291-X", priority="high"))["id"]
    path = f"/api/conversations/{cid}/incidents/{urgent}"
    _, waiting = await call(api, "GET", path, "actions")
    assert waiting["status"]["next_step"] == "consent"  # it waits on the customer, said so
    _, other = await call(api, "GET", f"/api/conversations/{cid}/incidents/{covered}", "actions")
    assert other["status"]["next_step"] != "consent"
    early = REFERENCE + REMIND_AFTER - timedelta(minutes=1)
    assert await remind_consent(uows, early) == {"reminded": 0, "raised": 0}
    late = REFERENCE + REMIND_AFTER + timedelta(minutes=1)
    assert await remind_consent(uows, late) == {"reminded": 1, "raised": 1}
    assert await remind_consent(uows, late + timedelta(hours=1)) == {"reminded": 0, "raised": 0}
    status, _ = await call(api, "POST", f"/api/conversations/{cid}/incidents/{urgent}/consent",
                           "actions", json={"accepted": True})
    assert status == 200  # the reminder's buttons still answer the question
    _, accepted = await call(api, "GET", path, "actions")
    assert accepted["status"]["next_step"] != "consent"
    async with uows() as uow:
        [sent] = (await uow.session.scalars(
            select(OutboxItem).where(OutboxItem.kind == "consent_reminder"))).all()
        assert (sent.channel, sent.address) == ("sms", "+34976123456")
        assert urgent in sent.text and "sí o no" in sent.text  # Marta writes in Spanish
        last = await uow.session.scalar(select(Message).where(
            Message.conversation_id == cid, Message.direction == "out")
            .order_by(Message.seq.desc()).limit(1))
        assert last is not None
        assert [b["payload"] for b in (last.payload or {})["buttons"]] == ["/affirm", "/deny"]
        kinds = {(e.incident_id, e.kind) for e in await uow.session.scalars(
            select(IncidentEvent).where(IncidentEvent.kind == "consent_reminded"))}
        assert kinds == {(urgent, "consent_reminded")}
        [handoff] = (await uow.session.scalars(select(Handoff))).all()
        assert (handoff.conversation_id, handoff.kind, handoff.reason, handoff.state) == (
            cid, "callback", "consent_unanswered", "waiting")
        assert urgent in handoff.summary and covered not in handoff.summary
        talking = await uow.session.get(Conversation, cid)
        assert talking is not None and talking.handled_by == "bot"  # the bot still answers
