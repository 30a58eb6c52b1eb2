"""Open widget sockets, grouped by session id (the web channel's address)."""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from aiohttp import web

log = logging.getLogger(__name__)


class WebHub:
    """Keeps the connected sockets of each address and sends to all of them."""

    def __init__(self) -> None:
        self._sockets: defaultdict[str, set[web.WebSocketResponse]] = defaultdict(set)

    def add(self, address: str, ws: web.WebSocketResponse) -> None:
        self._sockets[address].add(ws)

    def remove(self, address: str, ws: web.WebSocketResponse) -> None:
        sockets = self._sockets.get(address)
        if sockets is None:
            return
        sockets.discard(ws)
        if not sockets:
            del self._sockets[address]

    def connected(self, address: str) -> bool:
        return bool(self._sockets.get(address))

    async def send(self, address: str, event: dict[str, Any]) -> int:
        """Send ``event`` to every open socket of ``address``; return how many got it."""
        delivered = 0
        for ws in list(self._sockets.get(address, ())):
            if ws.closed:
                self.remove(address, ws)
                continue
            try:
                await ws.send_json(event)
            except (ConnectionError, RuntimeError) as exc:
                log.info("dropping widget socket of %s: %s", address, exc)
                self.remove(address, ws)
                continue
            delivered += 1
        return delivered

    async def close_all(self) -> None:
        for address, sockets in list(self._sockets.items()):
            for ws in list(sockets):
                await ws.close(code=1001, message=b"server shutdown")
            self._sockets.pop(address, None)


HUB = web.AppKey("hub", WebHub)
