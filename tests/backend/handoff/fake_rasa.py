"""A fake Rasa: the REST channel (like tests/channels/fakes.FakeRasa) plus the HTTP API's
``POST /conversations/{id}/tracker/events`` guarded by ``?token=`` as ``--auth-token`` does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.channels.fakes import FakeRasa, Reply

TOKEN = "rasa-api-token"


@dataclass
class FakeRasaApi(FakeRasa):
    token: str = TOKEN
    events: list[tuple[str, list[dict[str, Any]]]] = field(default_factory=list)
    before: Callable[[dict[str, Any]], Any] | None = None  # async hook run before answering
    down: bool = False

    async def tracker_events(self, request: web.Request) -> web.Response:
        if request.query.get("token") != self.token:
            return web.json_response({"message": "unauthorized"}, status=401)
        if self.down:
            return web.json_response({"message": "boom"}, status=500)
        self.events.append((request.match_info["cid"], await request.json()))
        return web.json_response({"sender_id": request.match_info["cid"], "events": []})

    async def webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        if self.before is not None:
            self.requests.append(body)
            replies: Reply = await self.before(body)
            return web.json_response(replies)
        return await super().webhook(request)

    def app(self) -> web.Application:
        app = super().app()
        app.router.add_post("/conversations/{cid}/tracker/events", self.tracker_events)
        return app
