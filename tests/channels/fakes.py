"""A fake Rasa server speaking Rasa's REST channel (``POST /webhooks/rest/webhook``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

Reply = list[dict[str, Any]]


def echo(body: dict[str, Any]) -> Reply:
    return [{"recipient_id": body["sender"], "text": f"echo: {body['message']}"}]


@dataclass
class FakeRasa:
    """Records every request; answers with ``script`` (echo by default)."""

    script: Callable[[dict[str, Any]], Reply] = echo
    url: str = ""
    fail_status: int | None = None  # answer this status instead, as a Rasa in trouble would
    requests: list[dict[str, Any]] = field(default_factory=list)

    @property
    def messages(self) -> list[str]:
        return [str(body["message"]) for body in self.requests]

    async def webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        if not isinstance(body.get("sender"), str) or not isinstance(body.get("message"), str):
            return web.json_response({"error": "sender and message required"}, status=400)
        self.requests.append(body)
        if self.fail_status is not None:
            return web.json_response({"error": "boom"}, status=self.fail_status)
        return web.json_response(self.script(body))

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", self.webhook)
        return app


def buttons_reply(*payloads: str) -> Callable[[dict[str, Any]], Reply]:
    """A script offering one button per payload."""

    def script(body: dict[str, Any]) -> Reply:
        buttons = [{"title": p.strip("/").title(), "payload": p} for p in payloads]
        return [{"recipient_id": body["sender"], "text": "Choose", "buttons": buttons}]

    return script
