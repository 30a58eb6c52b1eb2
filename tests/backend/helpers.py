"""Small request helpers for API tests."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from backend.adapters.db import create_engine, session_factory
from backend.domain.clock import Clock
from backend.services.platform.uow import UnitOfWorkFactory
from tests.conftest import TOKENS


def h(role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[role]}"}


async def call(client: Any, method: str, path: str, role: str = "admin",
               **kw: Any) -> tuple[int, Any]:
    resp = await client.request(method, path, headers=h(role), **kw)
    return resp.status, await resp.json()


async def inbound(client: Any, channel: str, address: str, text: str = "hola", **extra: Any) -> Any:
    status, body = await call(client, "POST", "/api/messages/inbound", "gateway",
                              json={"channel": channel, "address": address, "text": text, **extra})
    assert status == 200, body
    return body


async def verified_conversation(client: Any) -> str:
    """A conversation verified on creation (Marta's phone, customer C-1001)."""
    return str((await inbound(client, "sms", "+34976123456"))["conversation_id"])


async def report_incident(client: Any, cid: str, body: dict[str, Any]) -> dict[str, Any]:
    """The action server's report on conversation ``cid`` (POST …/incidents): the incident."""
    status, incident = await call(client, "POST", f"/api/conversations/{cid}/incidents",
                                  "actions", json=body)
    assert status == 201, incident
    return dict(incident)


async def claim_outbox(client: Any) -> list[dict[str, Any]]:
    """What the gateway would deliver now: up to 100 outbox items, claimed."""
    _, body = await call(client, "POST", "/api/outbox/claim", "gateway", json={"limit": 100})
    return list(body["items"])


def applied_revisions(versions: set[str]) -> set[str]:
    """Every migration a database at ``versions`` (its alembic_version rows) has applied:
    those heads and all below them (a revision that joins branches hides the ones below)."""
    from alembic.script import ScriptDirectory

    from backend.adapters.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    return {r.revision for v in versions for r in script.walk_revisions("base", v)}


@contextlib.asynccontextmanager
async def uows_over(db_url: str, clock: Clock) -> AsyncIterator[UnitOfWorkFactory]:
    """Units of work on ``db_url`` at ``clock``'s time; the engine is disposed afterwards."""
    engine = create_engine(db_url)
    try:
        yield UnitOfWorkFactory(session_factory(engine), clock)
    finally:
        await engine.dispose()
