"""A fake HTTP service (an object with ``app()`` and a ``url`` to fill) served by
pytest-aiohttp's ``aiohttp_server`` fixture: its URL is set and the fake returned."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

from aiohttp import web


class Fake(Protocol):
    url: str

    def app(self) -> web.Application: ...


F = TypeVar("F", bound=Fake)


async def served(aiohttp_server: Callable[..., Awaitable[Any]], fake: F) -> F:
    server = await aiohttp_server(fake.app())
    fake.url = str(server.make_url("")).rstrip("/")
    return fake
