"""Outbox: claim with a lease, delivered, failed with backoff, listing."""

from datetime import datetime

from tests.backend.helpers import call, inbound


async def queue_codes(client, n):
    """Each verification request writes one outbox row."""
    for i in range(n):
        cid = (await inbound(client, "web", f"sess-{i}"))["conversation_id"]
        await call(client, "POST", f"/api/conversations/{cid}/verification", "actions",
                   json={"customer_code": "C-1002"})


async def claim(client, limit=20):
    status, body = await call(client, "POST", "/api/outbox/claim", "gateway", json={"limit": limit})
    assert status == 200
    return [i["id"] for i in body["items"]]


async def test_claim_respects_limit_and_locks_for_sixty_seconds(client, clock):
    await queue_codes(client, 3)
    assert await claim(client, 2) == ["OUT-00001", "OUT-00002"]
    assert await claim(client) == ["OUT-00003"]
    assert await claim(client) == []
    clock.advance(seconds=61)  # the worker died: the lease runs out
    assert await claim(client) == ["OUT-00001", "OUT-00002", "OUT-00003"]


async def test_delivered_rows_are_not_claimed_again_and_are_listed(client, clock):
    await queue_codes(client, 2)
    await claim(client)
    status, body = await call(client, "POST", "/api/outbox/OUT-00001/delivered", "gateway",
                              json={"via": "dev-outbox"})
    assert status == 200 and body["status"] == "delivered"
    status, _ = await call(client, "POST", "/api/outbox/OUT-00002/delivered", "gateway",
                           json={"via": "smtp", "provider_message_id": "<m1@x>"})
    status, again = await call(client, "POST", "/api/outbox/OUT-00001/delivered", "gateway",
                               json={"via": "smtp"})
    assert status == 200 and again["via"] == "dev-outbox"  # the first report stands
    clock.advance(minutes=5)
    assert await claim(client) == []
    _, listed = await call(client, "GET", "/api/outbox?via=dev-outbox&limit=100", "gateway")
    [item] = listed["items"]
    assert item["id"] == "OUT-00001" and item["via"] == "dev-outbox"
    assert item["delivered_at"] and item["text"].startswith("Avisa: your verification code")
    _, everything = await call(client, "GET", "/api/outbox", "gateway")
    assert [i["id"] for i in everything["items"]] == ["OUT-00002", "OUT-00001"]


async def test_failed_rows_come_back_after_backoff_then_give_up(client, clock):
    await queue_codes(client, 1)
    for attempt in range(1, 8):
        assert await claim(client) == ["OUT-00001"]
        status, body = await call(client, "POST", "/api/outbox/OUT-00001/failed", "gateway",
                                  json={"error": "timeout"})
        assert status == 200
        assert body["status"] == "pending" and body["attempts"] == attempt
        ceiling = min(30 * 2 ** (attempt - 1), 3600)  # jittered: within [half, all] of it
        delay = (datetime.fromisoformat(body["next_attempt_at"]) - clock()).total_seconds()
        assert ceiling / 2 <= delay <= ceiling
        clock.advance(seconds=delay - 1)
        assert await claim(client) == []
        clock.advance(seconds=1)
    assert await claim(client) == ["OUT-00001"]
    _, body = await call(client, "POST", "/api/outbox/OUT-00001/failed", "gateway",
                         json={"error": "still down"})
    assert body["status"] == "failed" and body["last_error"] == "still down"
    clock.advance(days=1)
    assert await claim(client) == []


async def test_outbox_errors(client):
    await queue_codes(client, 1)
    status, body = await call(client, "POST", "/api/outbox/OUT-09999/delivered", "gateway",
                              json={"via": "smtp"})
    assert status == 404 and body["error"]["code"] == "not_found"
    status, body = await call(client, "POST", "/api/outbox/OUT-00001/delivered", "gateway",
                              json={"via": "pigeon"})
    assert status == 400
    status, body = await call(client, "POST", "/api/outbox/claim", "gateway", json={"limit": 0})
    assert status == 400
    await call(client, "POST", "/api/outbox/OUT-00001/delivered", "gateway", json={"via": "smtp"})
    status, body = await call(client, "POST", "/api/outbox/OUT-00001/failed", "gateway",
                              json={"error": "late"})
    assert status == 409 and body["error"]["code"] == "invalid_transition"
    status, body = await call(client, "GET", "/api/outbox?limit=many", "gateway")
    assert status == 400
