"""An SMS longer than Twilio takes in one message (1,600 characters), retried after a
partial failure, sends only the parts Twilio has not accepted: the whole gateway, the real
backend (its clock moved past the backoff) and the local Twilio API, which refuses one
request (part 2) once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiohttp import web

from tests.channels.helpers import eventually
from tests.channels.provider_stack import AiohttpServer, Stack, start_gateway
from tests.channels.sms.helpers import JOHN, text_in
from tests.fakes.twilio_api import FakeTwilio

LONG_EN = ("Javier Royo is assigned to your incident INC-00457. He will arrive tomorrow "
           "between 9:00 and 11:00. If you need to change the appointment, reply to this "
           "message and we will call you back as soon as we can. Please keep the compressor "
           "switched off until he arrives, and make sure someone can open the plant room for "
           "him. Thank you for your patience.")
LONGER_THAN_TWILIO_TAKES = " ".join([LONG_EN] * 9)  # over 3,200 characters: three messages


@dataclass
class FlakyTwilio(FakeTwilio):
    """Twilio's Messages API answering 503 to one request (the ``fail_on``-th), once."""

    fail_on: int = 0
    calls: int = 0

    async def _create_message(self, request: web.Request) -> web.Response:
        self.calls += 1
        if self.calls == self.fail_on:
            return web.json_response({"code": 20500, "message": "Service Unavailable",
                                      "status": 503}, status=503)
        return await super()._create_message(request)


async def reply_row(stack: Stack, address: str) -> dict[str, Any] | None:
    status, body = await stack.api("GET", "/api/outbox?limit=100", role="gateway")
    assert status == 200, body
    rows = [r for r in body["items"] if r["channel"] == "sms" and r["address"] == address]
    return rows[0] if rows else None


async def test_a_retried_long_sms_sends_only_the_missing_parts(
    aiohttp_server: AiohttpServer, stack: Stack
) -> None:
    await stack.twilio.stop()
    flaky = FlakyTwilio(fail_on=2)  # part 1 accepted, part 2 refused once
    await flaky.start()
    stack.twilio = flaky
    try:
        live = await start_gateway(aiohttp_server, stack)
        live.rasa.script = lambda body: [{"recipient_id": body["sender"],
                                          "text": LONGER_THAN_TWILIO_TAKES}]
        await text_in(live, JOHN, "hello")

        async def failed_once() -> dict[str, Any] | None:
            row = await reply_row(live, JOHN)
            return row if row and row["attempts"] == 1 and row["status"] == "pending" else None

        row = await eventually(failed_once)
        assert "twilio refused (503" in row["last_error"]
        first_try = flaky.bodies_to(JOHN)
        assert len(first_try) == 1 and first_try[0].endswith(" (1/3)")

        live.clock.advance(60)  # past the backoff: the worker claims the row again

        async def delivered() -> dict[str, Any] | None:
            row = await reply_row(live, JOHN)
            return row if row and row["status"] == "delivered" else None

        row = await eventually(delivered)
        parts = flaky.bodies_to(JOHN)
        assert [p[-6:] for p in parts] == [" (1/3)", " (2/3)", " (3/3)"]  # each part once
        assert parts[0] == first_try[0]
        assert flaky.calls == 4  # part 1, part 2 refused; then part 2 and part 3 only
        assert row["via"] == "twilio" and row["attempts"] == 1
        status, recorded = await live.api("GET", f"/api/outbox/{row['id']}/parts", role="gateway")
        assert status == 200
        assert [p["provider_message_id"] for p in recorded["parts"]] == [
            m["sid"] for m in flaky.messages
        ]
        # a repeated report of a part changes nothing (a retry of the report itself)
        status, again = await live.api(
            "POST", f"/api/outbox/{row['id']}/parts", role="gateway",
            body={"part": 1, "provider_message_id": "SM-other"},
        )
        assert status == 200 and again["parts"] == recorded["parts"]
    finally:
        await flaky.stop()
