"""Contracts (admin) and coverage: conversation-scoped reads and consent (actions role), and
an incident's coverage for agents."""

from __future__ import annotations

from datetime import date
from typing import Any

from backend.api import schemas_billing as s
from backend.api.routing import Call, Route
from backend.domain.errors import InvalidRequest
from backend.services.contracts import commands as contracts
from backend.services.coverage import check as coverage_check
from backend.services.coverage import decision as coverage

ADMIN = frozenset({"admin"})
ACTIONS = frozenset({"actions"})
AGENTS = frozenset({"agents"})
CONV = "/api/conversations/{cid}"


def day(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidRequest(f"{name} must be a date YYYY-MM-DD", field=name) from exc


async def list_contracts(call: Call) -> Any:
    return await contracts.list_contracts(call.uows, call.query["customer"])


async def show_contract(call: Call) -> Any:
    return await contracts.show_contract(call.uows, call.param("id"))


async def create_contract(call: Call) -> Any:
    day(call.body["start"], "start")
    return await contracts.create_contract(call.uows, call.body)


async def amend_contract(call: Call) -> Any:
    b = call.body
    return await contracts.amend_contract(call.uows, call.param("id"),
                                          day(b["valid_from"], "valid_from"), b["changes"],
                                          b.get("note"))


async def renew_contract(call: Call) -> Any:
    until = call.body.get("until")
    return await contracts.renew_contract(call.uows, call.param("id"),
                                          day(until, "until") if until else None,
                                          call.body.get("price_change_pct"))


def _state(target: str) -> Any:
    async def change(call: Call) -> Any:
        return await contracts.change_state(call.uows, call.param("id"), target)

    change.__name__ = f"{target}_contract"
    return change


async def incident_coverage(call: Call) -> Any:
    return await coverage.incident_coverage(call.uows, call.param("cid"),
                                            call.param("incident_id"))


async def consent(call: Call) -> Any:
    return await coverage.consent(call.uows, call.param("cid"), call.param("incident_id"),
                                  call.body["accepted"])


async def check_coverage(call: Call) -> Any:
    return await coverage_check.check_coverage(call.uows, call.param("cid"),
                                               call.query["equipment_id"], call.query["serial"])


async def agent_coverage(call: Call) -> Any:
    return await coverage.coverage_for_agents(call.uows, call.param("id"))


async def agent_consent(call: Call) -> Any:
    return await coverage.consent_by_agent(call.uows, call.param("id"), call.body["accepted"],
                                           "agent")


TEXT = {"type": "string", "maxLength": 60}
ROUTES = [
    Route("GET", "/api/contracts", list_contracts, ADMIN, "Contracts", "contracts",
          query={"customer": TEXT}),
    Route("POST", "/api/contracts", create_contract, ADMIN, "Create a contract (version 1)",
          "contracts", status=201, body=s.CONTRACT, errors=(404,)),
    Route("GET", "/api/contracts/{id}", show_contract, ADMIN, "A contract with its versions",
          "contracts", errors=(404,)),
    Route("POST", "/api/contracts/{id}/amend", amend_contract, ADMIN,
          "Amend: a new version of the terms from valid_from", "contracts", body=s.AMEND,
          errors=(404,)),
    Route("POST", "/api/contracts/{id}/renew", renew_contract, ADMIN,
          "Renew: extend the end by one term, with the price change", "contracts",
          body=s.RENEW, errors=(404, 409)),
    *(Route("POST", f"/api/contracts/{{id}}/{verb}", _state(target), ADMIN,
            f"Contract → {target}", "contracts", errors=(404, 409))
      for verb, target in (("suspend", "suspended"), ("activate", "active"),
                           ("cancel", "cancelled"))),
    Route("GET", f"{CONV}/incidents/{{incident_id}}/coverage", incident_coverage, ACTIONS,
          "Coverage of one of the customer's incidents, with the price basis", "actions",
          errors=(404, 409)),
    Route("POST", f"{CONV}/incidents/{{incident_id}}/consent", consent, ACTIONS,
          "The customer accepts (or refuses: the incident is cancelled) a billable visit",
          "actions", body=s.CONSENT, errors=(404, 409)),
    Route("GET", f"{CONV}/coverage", check_coverage, ACTIONS,
          "Is this machine covered, and what is left of the allowance", "actions",
          query={"equipment_id": TEXT, "serial": TEXT}, errors=(404,)),
    Route("GET", "/api/incidents/{id}/coverage", agent_coverage, AGENTS,
          "An incident's latest coverage decision", "agents", errors=(404,)),
    Route("POST", "/api/incidents/{id}/consent", agent_consent, AGENTS,
          "Consent given to an agent (e.g. by phone)", "agents", body=s.CONSENT,
          errors=(404, 409)),
]
