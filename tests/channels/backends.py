"""The backend the gateway tests talk to: the real one, and nothing else.

The real backend (``backend.bootstrap.create_app``) runs in-process on a local port with
a fresh, migrated SQLite database and a clock the test can move forward (outbox backoff,
leases). There is no fake backend: what the gateway is tested against is the code it
talks to in production.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp.test_utils import TestServer
from sqlalchemy import update

from tests.helpers.clock import RunningClock

AiohttpServer = Callable[..., Awaitable[TestServer]]
GATEWAY, AGENTS = "gateway-token", "agents-token"


async def _get(url: str, token: str) -> dict[str, Any]:
    async with aiohttp.ClientSession() as http:
        headers = {"Authorization": f"Bearer {token}"}
        async with http.get(url, headers=headers) as response:
            assert response.status == 200, await response.text()
            body: dict[str, Any] = await response.json()
            return body


class RealBackendHarness:
    """The real backend app; test-only writes go through its own unit of work."""

    def __init__(self, url: str, uows: Any, clock: RunningClock) -> None:
        self.url = url
        self.gateway_token = GATEWAY
        self.agents_token = AGENTS
        self.clock = clock
        self._uows = uows

    @property
    def uows(self) -> Any:
        """The backend's unit-of-work factory, for a test's own setup."""
        return self._uows

    async def add_outbox(self, channel: str, address: str, text: str) -> str:
        async with self._uows() as uow:
            item = await uow.outbox.add(kind="notice", channel=channel, address=address, text=text)
            await uow.commit()
            return str(item.id)

    async def hand_to_agent(self, conversation_id: str) -> None:
        from backend.adapters.orm import Conversation

        async with self._uows() as uow:
            conversation = await uow.session.get(Conversation, conversation_id)
            assert conversation is not None
            conversation.handled_by = "agent"
            await uow.commit()

    async def retry_outbox_now(self) -> None:
        """Rows waiting for their backoff are due now (the backoff has passed)."""
        from backend.adapters.orm import OutboxItem

        async with self._uows() as uow:
            await uow.session.execute(
                update(OutboxItem)
                .where(OutboxItem.status == "pending")
                .values(next_attempt_at=uow.clock())
            )
            await uow.commit()


BackendHarness = RealBackendHarness


async def transcript(backend: BackendHarness, conversation_id: str) -> list[dict[str, Any]]:
    """Every stored message of a conversation, read back over the backend's API."""
    body = await _get(
        f"{backend.url}/api/conversations/{conversation_id}/messages", backend.agents_token
    )
    messages: list[dict[str, Any]] = body["messages"]
    return messages


async def outbox_row(backend: BackendHarness, item_id: str) -> dict[str, Any] | None:
    body = await _get(f"{backend.url}/api/outbox?limit=100", backend.gateway_token)
    rows = [row for row in body["items"] if row["id"] == item_id]
    return rows[0] if rows else None


def real_backend_available() -> bool:
    try:
        import backend.bootstrap  # noqa: F401
    except ImportError:
        return False
    return True


def migrated_template(directory: Path) -> Path:
    """A migrated SQLite file, built once per test session and copied per test."""
    from backend.adapters.migrate import upgrade

    path = directory / "template.db"
    upgrade(f"sqlite+aiosqlite:///{path}")
    return path


async def start_backend(
    aiohttp_server: AiohttpServer, tmp_path: Path, template: Path, port: int | None = None
) -> BackendHarness:
    """The real backend on a copy of ``template`` (on ``port`` when given)."""
    from backend.api.keys import UOWS
    from backend.bootstrap import create_app
    from backend.config import Settings

    database = tmp_path / "avisa.db"
    if not database.exists():
        shutil.copyfile(template, database)
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{database}",
        tokens={"gateway": GATEWAY, "agents": AGENTS},
        attachments_dir=tmp_path / "files",
    )
    clock = RunningClock(datetime.now(UTC))  # real time, that a test can move forward
    extra = {"port": port} if port is not None else {}
    server = await aiohttp_server(create_app(settings, clock=clock), **extra)
    return RealBackendHarness(str(server.make_url("")).rstrip("/"), server.app[UOWS], clock)
