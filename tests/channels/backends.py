"""The backend the gateway tests talk to, behind one small harness interface.

The real backend (``backend.bootstrap.create_app``) runs in-process on a local
port with a fresh, migrated SQLite database. ``AVISA_TEST_FAKE_BACKEND=1`` (or a
backend that cannot be imported) swaps in the contract-speaking ``FakeBackend``.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, Protocol

import aiohttp
from aiohttp.test_utils import TestServer

from tests.channels.fake_backend import AGENTS, GATEWAY, FakeBackend

AiohttpServer = Callable[..., Awaitable[TestServer]]


class BackendHarness(Protocol):
    url: str
    gateway_token: str
    agents_token: str

    async def add_outbox(self, channel: str, address: str, text: str) -> str: ...

    async def hand_to_agent(self, conversation_id: str) -> None: ...


async def _get(url: str, token: str) -> dict[str, Any]:
    async with aiohttp.ClientSession() as http:
        headers = {"Authorization": f"Bearer {token}"}
        async with http.get(url, headers=headers) as response:
            assert response.status == 200, await response.text()
            body: dict[str, Any] = await response.json()
            return body


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


class FakeBackendHarness:
    def __init__(self, fake: FakeBackend, url: str) -> None:
        self.fake = fake
        self.url = url
        self.gateway_token = GATEWAY
        self.agents_token = AGENTS

    async def add_outbox(self, channel: str, address: str, text: str) -> str:
        return self.fake.add_outbox(channel, address, text)

    async def hand_to_agent(self, conversation_id: str) -> None:
        self.fake.handled_by[conversation_id] = "agent"


class RealBackendHarness:
    """The real backend app; test-only writes go through its own unit of work."""

    def __init__(self, url: str, uows: Any) -> None:
        self.url = url
        self.gateway_token = GATEWAY
        self.agents_token = AGENTS
        self._uows = uows

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
    aiohttp_server: AiohttpServer, tmp_path: Path, template: Path | None
) -> BackendHarness:
    if template is None:
        fake = FakeBackend()
        server = await aiohttp_server(fake.app())
        return FakeBackendHarness(fake, str(server.make_url("")).rstrip("/"))
    from backend.api.keys import UOWS
    from backend.bootstrap import create_app
    from backend.config import Settings

    database = tmp_path / "avisa.db"
    shutil.copyfile(template, database)
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{database}",
        tokens={"gateway": GATEWAY, "agents": AGENTS},
    )
    server = await aiohttp_server(create_app(settings))
    return RealBackendHarness(str(server.make_url("")).rstrip("/"), server.app[UOWS])
