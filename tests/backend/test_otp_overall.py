"""One-time codes bounded overall (issue 19): many customer codes, known or not, tried from
many new sessions stop causing codes once the overall limit of the window is reached."""

from __future__ import annotations

from typing import Any

import pytest

from backend.config import Settings
from backend.domain.otp_limits import OtpLimits
from tests.backend.helpers import claim_outbox, inbound
from tests.backend.test_otp_limits import ask
from tests.conftest import FakeClock


@pytest.fixture
def backend_settings(db_url: str, tokens: dict[str, str]) -> Settings:
    return Settings(database_url=db_url, tokens=tokens, otp_limits=OtpLimits(overall=3))


async def test_codes_stop_overall_whatever_the_customer_code(
        client: Any, clock: FakeClock) -> None:
    statuses = []
    for n, code in enumerate(["C-1001", "C-9001", "C-1002", "C-9002", "C-1001", "C-9003"]):
        cid = (await inbound(client, "web", f"spray-{n}"))["conversation_id"]
        status, body = await ask(client, cid, code)
        statuses.append(status)
        if status == 429:
            assert body["error"]["code"] == "too_many_codes" and body["error"]["retry_after"] > 0
        clock.advance(minutes=1)
    assert statuses == [200, 200, 200, 429, 429, 429]
    assert len([i for i in await claim_outbox(client) if i["kind"] == "otp"]) <= 3
    clock.advance(hours=1)  # the window moves on: codes go again
    cid = (await inbound(client, "web", "later"))["conversation_id"]
    assert (await ask(client, cid))[0] == 200
