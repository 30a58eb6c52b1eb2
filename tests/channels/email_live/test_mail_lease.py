"""One IMAP poller among gateway replicas: only the holder of the mailbox's lease (granted
by the real backend) connects and fetches; a standby takes over when the holder stops,
or when a holder that vanished lets its lease run out."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import aiohttp

from tests.channels.backends import BackendHarness
from tests.channels.email_live.conftest import Db, imap_settings, poller_of, smtp_settings
from tests.channels.email_live.test_mail_restart import customer_mail
from tests.channels.helpers import eventually
from tests.mailservers.dovecot import Dovecot
from tests.mailservers.smtp import SmtpServer

# Seconds. Renewed every TTL/3; a stopping leader releases the lease, so the standby takes
# over within TTL/3. Long enough that a busy shared machine (the in-process backend's
# event loop stalling for seconds) does not hand the lease over by itself; the waits are
# long for the same reason (they end as soon as the condition holds).
TTL = 30.0  # 12 s was handed over on a loaded CI machine (a renewal stalled past it)
# The replicas' outbox loops at the product's pace (channels/config.py), not the tests' 0.05 s:
# two replicas claiming 40 times a second kept the in-process SQLite backend so busy on a
# loaded machine that the leader's renewals went unanswered past its lease. Replies are not
# what this test checks.
OUTBOX_POLL = 0.5


async def lease(backend: BackendHarness, holder: str, ttl: int) -> dict[str, Any]:
    async with aiohttp.ClientSession() as http, http.post(
        f"{backend.url}/api/mail/lease",
        json={"mailbox": "INBOX", "holder": holder, "ttl": ttl},
        headers={"Authorization": f"Bearer {backend.gateway_token}"},
    ) as response:
        assert response.status == 200, await response.text()
        body: dict[str, Any] = await response.json()
        return body


async def test_only_the_leader_polls_and_a_standby_takes_over_when_it_stops(
    make_gateway: Any, dovecot: Dovecot, smtp: SmtpServer, db: Db, tmp_path: Path
) -> None:
    settings = imap_settings(dovecot, tmp_path, lease_ttl=TTL)

    async def replica() -> Any:
        return await make_gateway(demo=False, imap=settings, smtp=smtp_settings(smtp),
                                  outbox_poll_interval=OUTBOX_POLL)

    first = await replica()

    async def leads() -> bool:
        return poller_of(first).sessions == 1

    await eventually(leads, timeout=60)
    second = await replica()
    await asyncio.to_thread(dovecot.append, [customer_mail(1), customer_mail(2)])

    async def stored(count: int) -> bool:
        return len(await db.inbound_email()) == count

    await eventually(lambda: stored(2), timeout=60)
    await asyncio.sleep(TTL / 3 + 1)  # the leader renewed at least once, the standby waited
    leader, standby = poller_of(first), poller_of(second)
    assert sum(leader.outcomes.values()) == 2
    assert standby.sessions == 0 and standby.outcomes == {}  # never connected, never fetched
    assert standby.lease is not None and not standby.lease.held

    await first.close()  # the leader stops and gives its lease up

    async def took_over() -> bool:
        return standby.sessions == 1

    await eventually(took_over, timeout=TTL / 3 + 60)  # the standby asks every TTL/3
    await asyncio.to_thread(dovecot.append, [customer_mail(3)])

    async def standby_handled_it() -> bool:
        return sum(standby.outcomes.values()) == 1

    await eventually(standby_handled_it, timeout=60)
    assert len(await db.inbound_email()) == 3  # only the new mail: the checkpoint is shared
    assert sum(leader.outcomes.values()) == 2


async def test_a_vanished_leader_is_replaced_when_its_lease_runs_out(
    make_gateway: Any, dovecot: Dovecot, smtp: SmtpServer, real_backend: BackendHarness,
    db: Db, tmp_path: Path,
) -> None:
    """A replica that died without giving the lease up (SIGKILL) holds it until it expires."""
    assert (await lease(real_backend, "ghost-replica", ttl=600))["granted"]
    gateway = await make_gateway(
        demo=False, imap=imap_settings(dovecot, tmp_path, lease_ttl=TTL), smtp=smtp_settings(smtp)
    )
    await asyncio.to_thread(dovecot.append, [customer_mail(1)])
    await asyncio.sleep(1.5)
    assert poller_of(gateway).sessions == 0 and await db.inbound_email() == []
    assert not (await lease(real_backend, "another-replica", ttl=5))["granted"]

    real_backend.clock.advance(601)  # the ghost's lease runs out

    async def stored() -> bool:
        return len(await db.inbound_email()) == 1

    await eventually(stored, timeout=TTL / 3 + 60)  # the gateway asks every TTL/3
    assert poller_of(gateway).sessions == 1
