"""Work a channel does after answering its provider (Telegram, Twilio want a quick 200).

Tasks with the same key (a conversation id) run one after another, in the order they
were spawned, so Rasa sees a customer's messages in order. ``drain`` waits for all
(shutdown, tests); ``close`` cancels what is left.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

from aiohttp import web

from channels.core.tasks import stop

log = logging.getLogger(__name__)

Work = Callable[[], Awaitable[object]]


class Background:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()
        self._locks: dict[str, asyncio.Lock] = {}
        self._users: dict[str, int] = {}

    def spawn(self, key: str, work: Work) -> None:
        self._users[key] = self._users.get(key, 0) + 1
        lock = self._locks.setdefault(key, asyncio.Lock())
        task = asyncio.create_task(self._run(key, lock, work), name=f"background:{key}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, key: str, lock: asyncio.Lock, work: Work) -> None:
        try:
            async with lock:
                await work()
        except Exception:  # one failed reply must not hide the others
            log.exception("background work for %s failed", key)
        finally:
            self._users[key] -= 1
            if self._users[key] == 0:
                del self._users[key], self._locks[key]

    async def drain(self) -> None:
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def close(self) -> None:
        await asyncio.gather(*(stop(task) for task in list(self._tasks)))


BACKGROUND = web.AppKey("background", Background)


async def background_ctx(app: web.Application) -> AsyncIterator[None]:
    app[BACKGROUND] = Background()
    yield
    await app[BACKGROUND].close()
