"""The provider stack for the technician scenarios (real backend, gateway, fake Telegram
and Twilio), and `--scenarios PATH` (or AVISA_TECH_SCENARIOS) to run another file, e.g.
the sealed one."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer

from tests.channels.backends import migrated_template, real_backend_available
from tests.channels.fakes import FakeRasa
from tests.channels.provider_stack import Stack, start_gateway, start_stack

AiohttpServer = Callable[..., Awaitable[TestServer]]


@pytest.fixture
async def rasa(aiohttp_server: AiohttpServer) -> FakeRasa:
    fake = FakeRasa()
    server = await aiohttp_server(fake.app())
    fake.url = str(server.make_url("")).rstrip("/")
    return fake


@pytest.fixture(scope="session")
def backend_template(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    if not real_backend_available():
        return None
    directory = tmp_path_factory.mktemp("technicians-backend")
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(migrated_template, directory).result()


@pytest.fixture
async def live(aiohttp_server: AiohttpServer, tmp_path: Path, backend_template: Path | None,
               rasa: FakeRasa) -> AsyncIterator[Stack]:
    if backend_template is None:
        pytest.skip("the technician scenarios run against the real backend only")
    stack = await start_stack(aiohttp_server, tmp_path, backend_template, rasa)
    yield await start_gateway(aiohttp_server, stack)
    await stack.telegram.stop()
    await stack.twilio.stop()
