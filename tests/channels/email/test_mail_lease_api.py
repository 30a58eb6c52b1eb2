"""The backend's mail lease (``POST /api/mail/lease``) on SQLite and PostgreSQL: among
replicas asking at the same moment exactly one wins; the holder renews; others get it
when it expires or is released."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.conftest import FakeClock


async def test_one_replica_among_concurrent_askers_holds_the_lease(
    backend_client: Any, tokens: dict[str, str], clock: FakeClock
) -> None:
    headers = {"Authorization": f"Bearer {tokens['gateway']}"}

    async def ask(holder: str, ttl: int = 30) -> dict[str, Any]:
        response = await backend_client.post(
            "/api/mail/lease", json={"mailbox": "INBOX", "holder": holder, "ttl": ttl},
            headers=headers,
        )
        assert response.status == 200, await response.text()
        body: dict[str, Any] = await response.json()
        return body

    async def release(holder: str) -> dict[str, Any]:
        response = await backend_client.post(
            "/api/mail/lease/release", json={"mailbox": "INBOX", "holder": holder},
            headers=headers,
        )
        assert response.status == 200, await response.text()
        body: dict[str, Any] = await response.json()
        return body

    answers = await asyncio.gather(*(ask(f"replica-{n}") for n in range(8)))
    winners = [a["holder"] for a in answers if a["granted"]]
    assert len(winners) == 1
    leader = winners[0]
    assert {a["holder"] for a in answers} == {leader}  # the others are told who holds it

    clock.advance(seconds=20)
    assert (await ask(leader))["granted"]  # renewed: 30 s from now
    clock.advance(seconds=20)
    assert not (await ask("replica-x"))["granted"]  # would have expired without the renewal
    assert not (await release("replica-x"))["granted"]  # only the holder can release
    assert (await ask(leader))["granted"]

    clock.advance(seconds=31)  # the leader vanished: its lease runs out
    assert (await ask("replica-x"))["granted"]
    assert not (await ask(leader))["granted"]

    await release("replica-x")  # shutting down: the next asker gets it at once
    assert (await ask("replica-y"))["granted"]

    other_box = await backend_client.post(
        "/api/mail/lease", json={"mailbox": "Support", "holder": leader}, headers=headers
    )
    assert (await other_box.json())["granted"]  # one lease per mailbox
