"""Small helpers shared by the gateway tests."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import ClientWebSocketResponse


async def eventually(check: Callable[[], Awaitable[Any]], timeout: float = 5.0) -> Any:
    """Poll ``check`` until it returns something truthy, or fail after ``timeout``."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = await check()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)


async def next_event(ws: ClientWebSocketResponse, kind: str, timeout: float = 5.0) -> Any:
    """Read events until one of type ``kind`` arrives."""
    async with asyncio.timeout(timeout):
        while True:
            event = await ws.receive_json()
            if event["type"] == kind:
                return event
