"""Helpers of the handoff tests: agents, console sign-in, escalations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from backend.services.handoff.agents import create_agent
from tests.backend.helpers import call, inbound

PASSWORD = "correct horse battery"


async def add_agent(uows: Any, username: str, queues: tuple[str, ...] = ("general",),
                    role: str = "agent") -> None:
    await create_agent(uows, username, username.title(), PASSWORD, role, queues)


@dataclass
class Console:
    """A signed-in console client (cookie in the client's jar, CSRF header kept)."""

    client: Any
    csrf: str = ""
    cookie: str = ""

    async def get(self, path: str) -> tuple[int, Any]:
        resp = await self.client.get("/console/api" + path,
                                     headers={"Cookie": f"avisa_console={self.cookie}"})
        return resp.status, await resp.json()

    async def post(self, path: str, body: dict[str, Any] | None = None,
                   method: str = "POST") -> tuple[int, Any]:
        headers = {"X-CSRF-Token": self.csrf, "Cookie": f"avisa_console={self.cookie}"}
        resp = await self.client.request(method, "/console/api" + path, json=body or {},
                                         headers=headers)
        return resp.status, await resp.json()


async def sign_in(client: Any, username: str, password: str = PASSWORD) -> Console:
    resp = await client.post("/console/api/login",
                             json={"username": username, "password": password})
    body = await resp.json()
    assert resp.status == 200, body
    cookie = resp.cookies["avisa_console"].value
    client.session.cookie_jar.clear()  # each Console sends its own cookie: several agents
    return Console(client, body["csrf"], cookie)


async def escalate(client: Any, address: str = "+34976123456", channel: str = "sms",
                   reason: str = "request_human", **body: Any) -> tuple[str, Any]:
    """A customer message, then the bot's handoff request; (conversation id, answer)."""
    cid = str((await inbound(client, channel, address, "quiero hablar con una persona"))
              ["conversation_id"])
    status, answer = await call(client, "POST", f"/api/conversations/{cid}/handoff", "actions",
                                json={"reason": reason, **body})
    assert status == 200, answer
    return cid, answer
