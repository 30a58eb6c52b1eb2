"""Incident handling by agents and admins: merge, split, undo, assign, and the reports."""

from __future__ import annotations

from typing import Any

from backend.api.auth import REQUEST_ROLE
from backend.api.routing import Call, Route
from backend.api.schemas_incidents import ASSIGN, MERGE, SPLIT, UNDO
from backend.api.validation import row_id
from backend.domain.errors import InvalidRequest
from backend.services.dedupe import manual as dedupe_manual
from backend.services.dedupe import undo as dedupe_undo
from backend.services.dedupe.commands import (
    AssignTechnician,
    MergeIncidents,
    SplitIncident,
    UndoMerge,
)
from backend.services.dedupe.views import incident_reports
from backend.services.incidents import handlers as incidents

AGENTS = frozenset({"agents"})


def actor(call: Call) -> str:
    """Who did it: the role, and the agent's name when the console sends it."""
    role = call.request[REQUEST_ROLE]
    agent = (call.body.get("agent") or "").strip()
    return f"{role}:{agent}"[:60] if agent else role


async def merge(call: Call) -> Any:
    cmd = MergeIncidents(call.param("id"), call.body["into"], actor(call), call.body.get("note"))
    return await dedupe_manual.merge(call.uows, cmd)


async def split(call: Call) -> Any:
    cmd = SplitIncident(call.param("id"), tuple(call.body["reports"]), actor(call),
                        call.body.get("note"))
    return await dedupe_manual.split(call.uows, cmd)


async def undo(call: Call) -> Any:
    audit_id = row_id(call.param("audit_id"))
    if audit_id is None:
        raise InvalidRequest("not a merge/split audit id", field="audit_id")
    return await dedupe_undo.undo(call.uows, UndoMerge(audit_id, actor(call)))


async def assign(call: Call) -> Any:
    cmd = AssignTechnician(call.param("id"), call.body["technician_id"], actor(call))
    return await incidents.assign_technician(call.uows, cmd)


async def reports(call: Call) -> Any:
    return await incident_reports(call.uows, call.param("id"))


ROUTES = [
    Route("GET", "/api/incidents/{id}/reports", reports, AGENTS,
          "An incident's reports, subscribers and merge/split audit", "agents", errors=(404,)),
    Route("POST", "/api/incidents/{id}/merge", merge, AGENTS,
          "Merge this incident into another one (audited, reversible)", "agents", body=MERGE,
          errors=(404, 409)),
    Route("POST", "/api/incidents/{id}/split", split, AGENTS,
          "Move some reports to a new incident (audited, reversible)", "agents", body=SPLIT,
          errors=(404, 409)),
    Route("POST", "/api/incidents/merges/{audit_id}/undo", undo, AGENTS,
          "Undo a merge or split", "agents", body=UNDO, errors=(404, 409)),
    Route("POST", "/api/incidents/{id}/assign", assign, AGENTS,
          "Assign a technician; every subscriber is told on their channel", "agents",
          body=ASSIGN, errors=(404, 409)),
]
