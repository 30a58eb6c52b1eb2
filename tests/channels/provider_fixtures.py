"""Pytest fixtures of the provider stack, shared by tests/channels/telegram and sms."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.channels.fakes import FakeRasa
from tests.channels.provider_stack import AiohttpServer, Stack, start_gateway, start_stack


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
