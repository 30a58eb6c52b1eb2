"""Handoff for the bot (actions role) and agent accounts for admins (bearer tokens)."""

from __future__ import annotations

from typing import Any

from backend.api.routing import Call, Route
from backend.api.validation import Schema
from backend.domain.handoff import REASONS
from backend.services.handoff import agents
from backend.services.handoff.request import RequestHandoff, request_handoff

ACTIONS = frozenset({"actions"})
ADMIN = frozenset({"admin"})
NAME: Schema = {"type": "string", "minLength": 2, "maxLength": 40}
QUEUES: Schema = {"type": "array", "items": NAME, "maxItems": 50}

HANDOFF: Schema = {
    "type": "object",
    "required": ["reason"],
    "properties": {
        "reason": {"type": "string", "enum": list(REASONS)},
        "slots": {"type": ["object", "null"]},
        "facts": {"type": ["object", "null"]},
        "choice": {"type": ["string", "null"], "enum": ["callback", "message", None]},
    },
}
NEW_AGENT: Schema = {
    "type": "object",
    "required": ["username", "password"],
    "properties": {
        "username": NAME, "name": {"type": "string", "maxLength": 120},
        "password": {"type": "string", "minLength": 1, "maxLength": 200},
        "role": {"type": "string", "enum": list(agents.ROLES)},
        "language": {"type": "string", "enum": ["es", "en"]}, "queues": QUEUES,
    },
}
PASSWORD: Schema = {"type": "object", "required": ["password"],
                    "properties": {"password": {"type": "string", "maxLength": 200}}}
AGENT_QUEUES: Schema = {
    "type": "object", "required": ["queues"],
    "properties": {"queues": QUEUES, "active": {"type": "boolean"},
                   "role": {"type": "string", "enum": list(agents.ROLES)}},
}


async def handoff(call: Call) -> Any:
    b = call.body
    cmd = RequestHandoff(call.param("cid"), b["reason"], dict(b.get("slots") or {}),
                         dict(b.get("facts") or {}), b.get("choice"))
    return await request_handoff(call.uows, call.settings.handoff, cmd)


async def list_agents(call: Call) -> Any:
    return await agents.list_agents(call.uows)


async def create_agent(call: Call) -> Any:
    b = call.body
    return await agents.create_agent(call.uows, b["username"], b.get("name") or b["username"],
                                     b["password"], b.get("role") or "agent",
                                     b.get("queues") or ["general"], b.get("language") or "es")


async def set_password(call: Call) -> Any:
    return await agents.set_password(call.uows, call.param("username"), call.body["password"])


async def set_queues(call: Call) -> Any:
    b = call.body
    return await agents.set_queues(call.uows, call.param("username"), b["queues"],
                                   b.get("active"), b.get("role"))


ROUTES = [
    Route("POST", "/api/conversations/{cid}/handoff", handoff, ACTIONS,
          "Hand the conversation to people (queued, assigned, out_of_hours, task, not_needed)",
          "actions", body=HANDOFF, errors=(400, 404)),
    Route("GET", "/api/agents", list_agents, ADMIN, "Agent accounts", "admin"),
    Route("POST", "/api/agents", create_agent, ADMIN, "Create an agent account", "admin",
          status=201, body=NEW_AGENT, errors=(400, 409)),
    Route("POST", "/api/agents/{username}/password", set_password, ADMIN,
          "Set an agent's password (ends their sessions)", "admin", body=PASSWORD,
          errors=(400, 404)),
    Route("PUT", "/api/agents/{username}/queues", set_queues, ADMIN,
          "Set an agent's queues (and role, active)", "admin", body=AGENT_QUEUES,
          errors=(400, 404)),
]
