"""Routing rules, routing decisions, dispatch, technicians' linking and messages, SLA."""

from __future__ import annotations

from typing import Any

from backend.api.auth import REQUEST_ROLE
from backend.api.keys import CLOCK
from backend.api.routing import Call, Route
from backend.api.validation import Schema
from backend.services.coverage import sla
from backend.services.dispatch import inbound as dispatch_inbound
from backend.services.dispatch import maintenance_slots, routing, technicians
from backend.services.dispatch import offers as dispatch
from backend.services.platform import scheduler

ACTIONS = frozenset({"actions"})
AGENTS = frozenset({"agents"})
ADMIN = frozenset({"admin"})
GATEWAY = frozenset({"gateway"})
TEXT: Schema = {"type": "string", "minLength": 1, "maxLength": 4000}
OPT: Schema = {"type": ["string", "null"], "maxLength": 200}

RULES: Schema = {"type": "object", "required": ["text"],
                 "properties": {"text": {"type": "string", "minLength": 1, "maxLength": 200_000}}}
DISPATCH: Schema = {"type": "object", "properties": {"technician_id": OPT, "agent": OPT}}
PROFILE: Schema = {"type": "object", "properties": {
    "language": {"type": "string", "enum": ["es", "en"]},
    "absences": {"type": "array", "items": {"type": "object", "required": ["from", "to"]}}}}
INBOUND: Schema = {"type": "object", "required": ["channel", "address", "text"], "properties": {
    "channel": {"type": "string", "enum": ["telegram", "sms"]},
    "address": {"type": "string", "minLength": 1, "maxLength": 200}, "text": TEXT, "data": OPT}}
SLOT: Schema = {"type": "object", "required": ["slot"], "properties": {
    "slot": {"type": "string", "minLength": 1, "maxLength": 40}}}


def actor(call: Call) -> str:
    role = call.request[REQUEST_ROLE]
    agent = (call.body.get("agent") or "").strip()
    return f"{role}:{agent}"[:60] if agent else role


async def get_rules(call: Call) -> Any:
    return await routing.get_rules(call.uows)


async def put_rules(call: Call) -> Any:
    return await routing.put_rules(call.uows, call.body["text"], actor(call))


async def incident_routing(call: Call) -> Any:
    return await routing.incident_routing(call.uows, call.param("id"))


async def start_dispatch(call: Call) -> Any:
    return await dispatch.dispatch_incident(call.uows, call.param("id"), actor(call),
                                            call.body.get("technician_id"))


async def link_code(call: Call) -> Any:
    return await technicians.issue_link_code(call.uows, call.param("id"))


async def profile(call: Call) -> Any:
    return await technicians.set_profile(call.uows, call.param("id"), call.body)


async def inbound(call: Call) -> Any:
    b = call.body
    return await dispatch_inbound.technician_message(call.uows, b["channel"], b["address"],
                                                     b["text"], b.get("data"))


async def breaches(call: Call) -> Any:
    return await sla.breaches(call.uows)


async def incident_sla(call: Call) -> Any:
    return await sla.incident_timers(call.uows, call.param("id"))


async def choose_slot(call: Call) -> Any:
    return await maintenance_slots.choose_slot(call.uows, call.param("cid"),
                                               call.param("incident_id"), call.body["slot"])


async def run_tick(call: Call) -> Any:
    return await scheduler.tick(call.uows, call.request.app[CLOCK]())


ROUTES = [
    Route("GET", "/api/routing/rules", get_rules, ADMIN, "Routing rules (text and parsed)",
          "dispatch"),
    Route("PUT", "/api/routing/rules", put_rules, ADMIN,
          "Replace the routing rules (validated; errors name the line)", "dispatch", body=RULES,
          errors=(400,)),
    Route("GET", "/api/incidents/{id}/routing", incident_routing, AGENTS,
          "Routing decisions (choice, runners-up, reasons) and dispatch offers", "dispatch",
          errors=(404,)),
    Route("POST", "/api/incidents/{id}/dispatch", start_dispatch, AGENTS,
          "Route and offer the job (optionally to a named technician)", "dispatch",
          body=DISPATCH, errors=(404, 409)),
    Route("POST", "/api/technicians/{id}/link-code", link_code, ADMIN,
          "One-time code for /start CODE on Telegram", "dispatch", status=201, errors=(404,)),
    Route("PUT", "/api/technicians/{id}/profile", profile, ADMIN,
          "Technician's language and absences", "dispatch", body=PROFILE, errors=(404,)),
    Route("POST", "/api/technicians/inbound", inbound, GATEWAY,
          "A message from a technician (handled: false → a customer's, for the bot)",
          "dispatch", body=INBOUND),
    Route("GET", "/api/sla/breaches", breaches, AGENTS, "Recorded SLA breaches", "dispatch"),
    Route("GET", "/api/incidents/{id}/sla", incident_sla, AGENTS, "SLA timers of an incident",
          "dispatch"),
    Route("POST", "/api/conversations/{cid}/incidents/{incident_id}/slot", choose_slot, ACTIONS,
          "Book a slot offered for the verified customer's maintenance visit "
          "(outcome booked | already_booked)", "actions", body=SLOT, errors=(403, 404, 409)),
    Route("POST", "/api/scheduler/tick", run_tick, ADMIN, "Run one scheduler tick now",
          "dispatch"),
]
