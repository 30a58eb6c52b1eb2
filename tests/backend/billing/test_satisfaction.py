"""Satisfaction after every job (issue 20 §4): closing a service order asks the reporter on
their channel; the reply is read before the bot sees it, recorded with its score, thanked;
a score ≤ 2 raises a complaint and a task for the agents' queue. SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from backend.adapters.orm import Complaint, OutboxItem
from backend.adapters.orm.agents import Handoff
from backend.adapters.orm.satisfaction import SatisfactionSurvey
from tests.backend.billing.test_service_orders import JOB, booked
from tests.backend.helpers import call, h, inbound

MARTA = "+34976123456"  # C-1001's contact, by SMS (tests/backend/billing/conftest.py)


async def _closed(api: Any) -> dict[str, Any]:
    incident, status, order = await booked(api, "FL-3391-B")
    assert status == 201
    status, closed = await call(api, "POST", f"/api/service-orders/{order['id']}/close",
                                "agents", json=JOB)
    assert status == 200, closed
    return dict(incident)


async def _surveys(uows: Any) -> list[dict[str, Any]]:
    async with uows() as uow:
        return [{c: getattr(row, c) for c in ("incident_id", "score", "comment", "handoff_id",
                                              "complaint_id", "channel")}
                for row in await uow.session.scalars(select(SatisfactionSurvey))]


async def test_a_closed_job_asks_on_the_customers_channel(api: Any, uows: Any) -> None:
    incident = await _closed(api)
    async with uows() as uow:
        asked = [(o.channel, o.address, o.text, o.buttons) for o in await uow.session.scalars(
            select(OutboxItem).where(OutboxItem.kind == "satisfaction"))]
    ((channel, address, text, buttons),) = asked
    assert (channel, address) == ("sms", MARTA) and not buttons
    assert "SO-00001" in text and "del 1" in text and "al 5" in text
    assert "respondiendo con un número" in text  # SMS: a number or words
    (survey,) = await _surveys(uows)
    assert survey["incident_id"] == incident["id"] and survey["score"] is None


@pytest.mark.parametrize(("reply", "score"), [("muy bien, gracias", 5), ("4", 4), ("👍", 5)])
async def test_the_reply_is_recorded_and_thanked(api: Any, uows: Any, reply: str,
                                                 score: int) -> None:
    await _closed(api)
    answer = await inbound(api, "sms", MARTA, reply)
    assert answer["answered"] is True and f"{score} de 5" in answer["notice"]
    (survey,) = await _surveys(uows)
    assert survey["score"] == score and survey["handoff_id"] is None
    again = await inbound(api, "sms", MARTA, "otra cosa: la carretilla pita")
    assert again["answered"] is False  # answered once; the next message goes to the bot


async def test_a_low_score_opens_a_follow_up_for_the_queue(api: Any, uows: Any) -> None:
    incident = await _closed(api)
    answer = await inbound(api, "sms", MARTA, "terrible, they left a mess")
    assert answer["answered"] is True and "contactará" in answer["notice"]
    (survey,) = await _surveys(uows)
    assert survey["score"] == 1 and survey["comment"] == "terrible, they left a mess"
    async with uows() as uow:
        handoff = await uow.session.get(Handoff, survey["handoff_id"])
        complaint = await uow.session.get(Complaint, survey["complaint_id"])
        assert handoff is not None and complaint is not None
        assert handoff.state == "waiting" and handoff.queue == "general"
        assert "satisfaction 1/5" in handoff.summary
        assert complaint.incident_id == incident["id"]
    status, body = await call(api, "GET", "/api/complaints?customer=C-1001", "agents")
    assert status == 200 and any("they left a mess" in c["text"] for c in body["complaints"])


async def test_a_message_that_is_no_rating_goes_on_to_the_bot(api: Any, uows: Any) -> None:
    await _closed(api)
    answer = await inbound(api, "sms", MARTA, "¿cuándo vienen a revisar el compresor?")
    assert answer["answered"] is False and answer["notice"] is None
    (survey,) = await _surveys(uows)
    assert survey["score"] is None


async def test_ratings_feed_the_reports(api: Any, uows: Any) -> None:
    await _closed(api)
    await inbound(api, "sms", MARTA, "terrible, they left a mess")
    status, body = await call(api, "GET", "/api/reports/satisfaction", "manager")
    assert status == 200, body
    assert body["overall"] == {"ratings": 1, "csat": 0.0, "average": 1.0, "low": 1,
                               "asked": 1, "response_rate": 1.0}
    assert [r["technician"] for r in body["by_technician"]] == ["T-01"]
    assert body["by_customer"] == [{"customer": "C-1001", "ratings": 1, "csat": 0.0,
                                    "average": 1.0, "low": 1}]
    assert [r["channel"] for r in body["by_channel"]] == ["sms"]
    assert [r["month"] for r in body["by_month"]] == ["2026-11"]
    status, other = await call(api, "GET", "/api/reports/satisfaction?customer=C-1002",
                               "manager")
    assert status == 200 and other["overall"]["ratings"] == 0 and other["by_month"] == []
    resp = await api.get("/api/reports/satisfaction?format=csv", headers=h("manager"))
    text = await resp.text()
    assert resp.status == 200 and "by_technician" in text and "T-01" in text
