"""The gateway's /metrics: counters move with a REST round trip; a metrics token, when set,
is required."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from channels.core.metrics import TOKEN_ENV
from tests.channels.conftest import REST_TOKEN
from tests.channels.fakes import FakeRasa

Client = TestClient[Any, Any]


def sample(text: str, line_start: str) -> float:
    for line in text.splitlines():
        if line.startswith(line_start):
            return float(line.rpartition(" ")[2])
    return 0.0


async def test_rest_round_trip_moves_the_counters(gateway: Client, rasa: FakeRasa) -> None:
    before = await (await gateway.get("/metrics")).text()
    body = {"sender": "ana", "message": "hola"}
    response = await gateway.post("/webhooks/rest/webhook", json=body,
                                  headers={"Authorization": f"Bearer {REST_TOKEN}"})
    assert response.status == 200
    scraped = await gateway.get("/metrics")
    assert scraped.status == 200 and scraped.content_type == "text/plain"
    after = await scraped.text()
    for key in ('avisa_gateway_messages_total{channel="rest",direction="in"}',
                'avisa_gateway_messages_total{channel="rest",direction="out"}',
                'avisa_gateway_rasa_seconds_count{channel="rest"}'):
        assert sample(after, key) == sample(before, key) + 1, key
    route = 'route="/webhooks/rest/webhook"'
    assert any(route in line for line in after.splitlines())


async def test_metrics_token_when_set(gateway: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, "scrape-me")
    assert (await gateway.get("/metrics")).status == 403
    ok = await gateway.get("/metrics", headers={"Authorization": "Bearer scrape-me"})
    assert ok.status == 200
