"""Fixtures for the gateway tests: a fake Rasa, the real backend, and the gateway itself."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from channels.app import create_app
from channels.config import Settings
from tests.channels.backends import BackendHarness, start_backend
from tests.channels.fakes import FakeRasa
from tests.channels.provider_fixtures import backend_template, rasa
from tools.stack_launch import free_port

REST_TOKEN = "rest-token-for-tests"
SECRET = "a-test-secret-that-is-long-enough"

AiohttpServer = Callable[..., Awaitable[TestServer]]
AiohttpClient = Callable[..., Awaitable[TestClient[Any, Any]]]
GatewayFactory = Callable[..., Awaitable[TestClient[Any, Any]]]
__all__ = ["backend_template", "rasa"]  # fixtures shared with tests/technicians


def closed_port_url() -> str:
    """A URL nobody listens on (connection refused)."""
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture
async def backend(
    aiohttp_server: AiohttpServer, tmp_path: Path, backend_template: Path | None
) -> BackendHarness:
    if backend_template is None:
        pytest.skip("the gateway is tested against the real backend, which is not installed")
    return await start_backend(aiohttp_server, tmp_path, backend_template)


@pytest.fixture
def settings(backend: BackendHarness, rasa: FakeRasa) -> Settings:
    return Settings(
        backend_url=backend.url,
        rasa_url=rasa.url,
        token_gateway=backend.gateway_token,
        token_rest=REST_TOKEN,
        secret=SECRET,
        demo=True,
        outbox_poll_interval=0.05,
        backend_timeout=5.0,
        rasa_timeout=5.0,
    )


@pytest.fixture
def make_gateway(aiohttp_client: AiohttpClient, settings: Settings) -> GatewayFactory:
    async def make(**overrides: Any) -> TestClient[Any, Any]:
        return await aiohttp_client(create_app(replace(settings, **overrides)))

    return make


@pytest.fixture
async def gateway(make_gateway: GatewayFactory) -> TestClient[Any, Any]:
    return await make_gateway()
