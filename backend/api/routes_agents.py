"""Read routes for agents and admins."""

from __future__ import annotations

from typing import Any

from backend.api import schemas as s
from backend.api.routing import Call, Route
from backend.services.platform import queries

AGENTS = frozenset({"agents"})


async def incidents(call: Call) -> Any:
    return await queries.incidents(call.uows, call.query["customer"], call.query["state"])


async def incident(call: Call) -> Any:
    return await queries.incident(call.uows, call.param("id"))


async def customers(call: Call) -> Any:
    return await queries.customers(call.uows)


async def customer(call: Call) -> Any:
    return await queries.customer(call.uows, call.param("code"))


async def customer_equipment(call: Call) -> Any:
    return await queries.customer_equipment(call.uows, call.param("code"))


async def messages(call: Call) -> Any:
    return await queries.conversation_messages(call.uows, call.param("cid"))


async def technicians(call: Call) -> Any:
    return await queries.technicians(call.uows)


ROUTES = [
    Route("GET", "/api/incidents", incidents, AGENTS, "Incidents, filtered", "agents",
          query={"customer": {"type": "string"}, "state": s.STATE_QUERY}),
    Route("GET", "/api/incidents/{id}", incident, AGENTS, "One incident", "agents", errors=(404,)),
    Route("GET", "/api/customers", customers, AGENTS, "Customers with contacts and sites",
          "agents"),
    Route("GET", "/api/customers/{code}", customer, AGENTS, "One customer", "agents",
          errors=(404,)),
    Route("GET", "/api/customers/{code}/equipment", customer_equipment, AGENTS,
          "A customer's equipment", "agents", errors=(404,)),
    Route("GET", "/api/conversations/{cid}/messages", messages, AGENTS,
          "Every message of a conversation", "agents", errors=(404,)),
    Route("GET", "/api/technicians", technicians, AGENTS, "Technicians", "agents"),
]
