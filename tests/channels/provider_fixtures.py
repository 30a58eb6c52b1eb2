"""Pytest fixtures shared by the gateway tests (tests/channels) and the technician
scenarios (tests/technicians): the fake Rasa, a migrated database for the real backend,
and the provider stack (real backend, fake Telegram and Twilio) with the gateway."""

from __future__ import annotations

from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.channels.backends import migrated_template, real_backend_available
from tests.channels.fakes import FakeRasa
from tests.channels.provider_stack import AiohttpServer, Stack, start_gateway, start_stack
from tests.fakes.served import served


@pytest.fixture
async def rasa(aiohttp_server: AiohttpServer) -> FakeRasa:
    return await served(aiohttp_server, FakeRasa())


@pytest.fixture(scope="session")
def backend_template(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """A migrated database for the real backend (None: the backend cannot be imported)."""
    if not real_backend_available():
        return None
    directory = tmp_path_factory.mktemp("gateway-backend")
    with ThreadPoolExecutor(1) as pool:  # migrations may run their own event loop
        return pool.submit(migrated_template, directory).result()


@pytest.fixture
async def stack(aiohttp_server: AiohttpServer, tmp_path: Path, backend_template: Path | None,
                rasa: FakeRasa) -> AsyncIterator[Stack]:
    if backend_template is None:
        pytest.skip("the provider channels are tested against the real backend only")
    started = await start_stack(aiohttp_server, tmp_path, backend_template, rasa)
    yield started
    await started.telegram.stop()
    await started.twilio.stop()


@pytest.fixture
async def live(aiohttp_server: AiohttpServer, stack: Stack) -> Stack:
    """The stack with the gateway serving, its public URL being its own address."""
    return await start_gateway(aiohttp_server, stack)
