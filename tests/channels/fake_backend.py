"""A minimal in-memory backend speaking the Gateway role of docs/contract.md.

Used only when the real backend (``backend.bootstrap``) cannot be started.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

GATEWAY, AGENTS = "gateway-token", "agents-token"


@dataclass
class FakeBackend:
    conversations: dict[tuple[str, str], str] = field(default_factory=dict)
    handled_by: dict[str, str] = field(default_factory=dict)
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    by_provider_id: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    outbox: dict[str, dict[str, Any]] = field(default_factory=dict)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    down: bool = False  # answer 503 to everything, as a backend in trouble would
    calls: int = 0

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self.auth])
        app.router.add_post("/api/messages/inbound", self.inbound)
        app.router.add_post("/api/messages/outbound", self.outbound)
        app.router.add_post("/api/outbox/claim", self.claim)
        app.router.add_post("/api/outbox/{id}/delivered", self.delivered)
        app.router.add_post("/api/outbox/{id}/failed", self.failed)
        app.router.add_get("/api/outbox", self.recent)
        app.router.add_get("/api/conversations/{cid}/messages", self.transcript)
        return app

    def add_outbox(self, channel: str, address: str, text: str) -> str:
        item_id = f"OUT-{next(self.ids)}"
        self.outbox[item_id] = {
            "id": item_id,
            "channel": channel,
            "address": address,
            "text": text,
            "buttons": None,
            "conversation_id": None,
            "kind": "notice",
            "created_at": "2026-01-01T00:00:00+00:00",
            "status": "pending",
            "via": None,
            "delivered_at": None,
        }
        return item_id

    @web.middleware
    async def auth(self, request: web.Request, handler: Any) -> web.StreamResponse:
        self.calls += 1
        if self.down:
            return _error(503, "unavailable")
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        allowed = {AGENTS} if request.path.endswith("/messages") else {GATEWAY}
        if token not in allowed:
            return _error(401, "unauthorized")
        response: web.StreamResponse = await handler(request)
        return response

    async def inbound(self, request: web.Request) -> web.Response:
        body = await request.json()
        channel, address, pid = body["channel"], body["address"], body.get("provider_message_id")
        if pid and (channel, pid) in self.by_provider_id:
            cid, mid = self.by_provider_id[(channel, pid)]
            return web.json_response(self._answer(cid, mid, duplicate=True))
        cid = self.conversations.setdefault((channel, address), f"CONV-{next(self.ids):05d}")
        self.handled_by.setdefault(cid, "bot")
        mid = self._add(cid, "in", body["text"], body.get("payload"), None)
        if pid:
            self.by_provider_id[(channel, pid)] = (cid, mid)
        return web.json_response(self._answer(cid, mid, duplicate=False))

    async def outbound(self, request: web.Request) -> web.Response:
        body = await request.json()
        if body["conversation_id"] not in self.messages:
            return _error(404, "not_found")
        mid = self._add(body["conversation_id"], "out", body["text"], None, body.get("buttons"))
        return web.json_response({"message_id": mid}, status=201)

    async def claim(self, request: web.Request) -> web.Response:
        limit = (await request.json())["limit"]
        due = [row for row in self.outbox.values() if row["status"] == "pending"][:limit]
        for row in due:
            row["status"] = "sending"
        return web.json_response({"items": due})

    async def delivered(self, request: web.Request) -> web.Response:
        row = self.outbox[request.match_info["id"]]
        row.update(status="delivered", via=(await request.json())["via"], delivered_at="now")
        return web.json_response(row)

    async def failed(self, request: web.Request) -> web.Response:
        row = self.outbox[request.match_info["id"]]
        row.update(status="failed", last_error=(await request.json())["error"])
        return web.json_response(row)

    async def recent(self, request: web.Request) -> web.Response:
        via = request.query.get("via")
        rows = [r for r in reversed(self.outbox.values()) if not via or r["via"] == via]
        return web.json_response({"items": rows})

    async def transcript(self, request: web.Request) -> web.Response:
        return web.json_response({"messages": self.messages.get(request.match_info["cid"], [])})

    def _add(self, cid: str, direction: str, text: str, payload: Any, buttons: Any) -> str:
        mid = f"MSG-{next(self.ids)}"
        extra = {"buttons": buttons} if buttons else {}
        self.messages.setdefault(cid, []).append(
            {"id": mid, "direction": direction, "text": text, "payload": payload, **extra}
        )
        return mid

    def _answer(self, cid: str, mid: str, *, duplicate: bool) -> dict[str, Any]:
        outs = [m for m in self.messages.get(cid, []) if m["direction"] == "out"]
        offered = [b["payload"] for b in (outs[-1].get("buttons") or [])] if outs else []
        return {
            "conversation_id": cid,
            "message_id": mid,
            "duplicate": duplicate,
            "handled_by": self.handled_by.get(cid, "bot"),
            "customer_code": None,
            "verified": False,
            "offered_payloads": offered,
        }


def _error(status: int, code: str) -> web.Response:
    return web.json_response({"error": {"code": code, "message": code}}, status=status)
