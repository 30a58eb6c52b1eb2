"""Fixtures of the handoff tests: the backend (resuming a fake Rasa's HTTP API) with agents
ana (general), bea (general, urgent), carl (billing) and root (admin)."""

from __future__ import annotations

from typing import Any

import pytest

from backend.api.keys import UOWS
from backend.config import Settings
from tests.backend.handoff.fake_rasa import TOKEN, FakeRasaApi
from tests.backend.handoff.helpers import add_agent
from tests.fakes.served import served


@pytest.fixture
async def fake_rasa(aiohttp_server: Any) -> FakeRasaApi:
    return await served(aiohttp_server, FakeRasaApi())


@pytest.fixture
def backend_settings(db_url: str, tokens: dict[str, str], fake_rasa: FakeRasaApi) -> Settings:
    return Settings(database_url=db_url, tokens=tokens, rasa_url=fake_rasa.url, rasa_token=TOKEN)


@pytest.fixture
async def desk(client: Any) -> Any:
    uows = client.server.app[UOWS]
    await add_agent(uows, "ana", ("general",))
    await add_agent(uows, "bea", ("general", "urgent"))
    await add_agent(uows, "carl", ("billing",))
    await add_agent(uows, "root", ("general",), role="admin")
    return client
