"""The gateway's JSON entry points answer 400 with a JSON error for bodies that are not
UTF-8, not JSON or 10,000 levels deep; nothing reaches Rasa (issue 19 §4)."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from tests.channels.conftest import REST_TOKEN
from tests.channels.fakes import FakeRasa

Client = TestClient[Any, Any]
BAD = {
    "latin1": "{\"sender\": \"ana\", \"message\": \"caf\xe9\"}".encode("latin-1"),
    "not_json": b"{\"sender\": ",
    "deep": b"[" * 10_000 + b"]" * 10_000,
    "deep_object": b"{\"a\":" * 10_000 + b"1" + b"}" * 10_000,
}
JSON = {"Content-Type": "application/json"}


@pytest.mark.parametrize("kind", sorted(BAD))
async def test_rest_webhook_refuses_bad_bytes(gateway: Client, rasa: FakeRasa, kind: str) -> None:
    headers = {**JSON, "Authorization": f"Bearer {REST_TOKEN}"}
    response = await gateway.post("/webhooks/rest/webhook", data=BAD[kind], headers=headers)
    assert response.status == 400
    assert (await response.json())["error"]["code"] == "invalid_request"
    assert rasa.requests == []


@pytest.mark.parametrize("kind", sorted(BAD))
async def test_widget_session_refuses_bad_bytes(gateway: Client, kind: str) -> None:
    response = await gateway.post("/session", data=BAD[kind], headers=JSON)
    assert response.status == 400
    assert (await response.json())["error"]["code"] == "invalid_request"


async def test_widget_session_without_body_is_still_issued(gateway: Client) -> None:
    response = await gateway.post("/session")
    assert response.status == 201
    assert (await response.json())["token"]
