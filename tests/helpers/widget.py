"""The widget's WebSocket handshake as the widget does it (channels/web/socket.py): the
session token goes in the first frame, never in the URL."""

from __future__ import annotations

from aiohttp import ClientWebSocketResponse


async def authenticate(ws: ClientWebSocketResponse, token: str) -> None:
    await ws.send_json({"type": "auth", "token": token})
