"""Routes of the actions role, scoped to one conversation (the Rasa sender id)."""

from __future__ import annotations

from typing import Any

from backend.api import schemas as s
from backend.api.routes_attachments import ID, blobs
from backend.api.routing import Call, Reply, Route
from backend.api.schemas_incidents import REPORT_OR_ANSWER
from backend.api.validation import Schema, validate
from backend.domain.incident import Priority
from backend.services.conversations import factors, plates, verification
from backend.services.dedupe.commands import AnswerPendingReport
from backend.services.incidents import handlers as incidents
from backend.services.platform.commands import (
    CancelIncident,
    ChangeEquipment,
    CheckCode,
    ReportProblem,
    RequestCode,
)

ACTIONS = frozenset({"actions"})
CONV = "/api/conversations/{cid}"


async def identity(call: Call) -> Any:
    return await verification.identity(call.uows, call.param("cid"))


async def request_code(call: Call) -> Any:
    cmd = RequestCode(call.param("cid"), call.body["customer_code"], call.settings.otp_ttl_seconds)
    return await verification.request_code(call.uows, cmd, call.settings.otp_limits)


async def check_code(call: Call) -> Any:
    return await verification.check_code(call.uows, CheckCode(call.param("cid"), call.body["code"]),
                                         call.settings.otp_limits)


async def check_factor(call: Call) -> Any:
    b = call.body
    return await factors.check_factor(call.uows, call.param("cid"), b["customer_code"],
                                      b["factor"], call.settings.otp_limits)


async def equipment(call: Call) -> Any:
    return await incidents.list_equipment(call.uows, call.param("cid"))


# outcome of a report → HTTP status (docs/contract.md)
REPORT_STATUS = {"created": 201, "merged": 200, "ask": 200}


async def report_problem(call: Call) -> Any:
    """A new report (duplicate check first), or the answer to an ask."""
    b = call.body
    if b.get("pending_report"):
        answer = AnswerPendingReport(call.param("cid"), b["pending_report"], b.get("duplicate_of"))
        result = await incidents.answer_pending_report(call.uows, answer)
    else:
        validate(s.REPORT, b)
        cmd = ReportProblem(
            conversation_id=call.param("cid"),
            symptom=b["symptom"],
            priority=Priority(b["priority"]).value,
            service_type=b.get("service_type") or "corrective",
            equipment_id=b.get("equipment_id"),
            serial=b.get("serial"),
            equipment_ids=tuple(b.get("equipment_ids") or ()),
            error_codes=tuple(b.get("error_codes") or ()),
        )
        result = await incidents.report_problem(call.uows, cmd)
    return Reply(REPORT_STATUS[result["outcome"]], result)


async def open_incidents(call: Call) -> Any:
    return await incidents.open_incidents(call.uows, call.param("cid"))


async def own_incident(call: Call) -> Any:
    return await incidents.own_incident(call.uows, call.param("cid"), call.param("incident_id"))


async def cancel(call: Call) -> Any:
    cmd = CancelIncident(call.param("cid"), call.param("incident_id"), call.body.get("reason"))
    return await incidents.cancel_incident(call.uows, cmd)


async def change_equipment(call: Call) -> Any:
    cmd = ChangeEquipment(call.param("cid"), call.param("incident_id"),
                          call.body["equipment_id"])
    return await incidents.change_equipment(call.uows, cmd)


async def read_plate(call: Call) -> Any:
    return await plates.read_plate(call.uows, blobs(call), call.param("cid"),
                                   call.body.get("attachment_id"),
                                   into_incident=call.body.get("into_incident", True))


PLATE: Schema = {"type": "object", "properties": {"attachment_id": ID,
                                                  "into_incident": {"type": "boolean"}}}

ROUTES = [
    Route("GET", f"{CONV}/identity", identity, ACTIONS, "Who is on this conversation",
          "actions", errors=(404,)),
    Route("POST", f"{CONV}/verification", request_code, ACTIONS,
          "Send a one-time code to the customer's contact on file (the same answer for a "
          "customer code that is no customer's: nothing is sent then)", "actions",
          body=s.VERIFY, errors=(404, 423, 429)),
    Route("POST", f"{CONV}/verification/check", check_code, ACTIONS, "Check a one-time code",
          "actions", body=s.CHECK, errors=(404, 410, 423, 429)),
    Route("POST", f"{CONV}/verification/factor", check_factor, ACTIONS,
          "Verify with a customer code plus one of its machine serials or registered e-mail "
          "addresses (one wrong-attempt answer for any mismatch, unknown codes included)",
          "actions", body=s.FACTOR, errors=(400, 404, 423, 429)),
    Route("GET", f"{CONV}/equipment", equipment, ACTIONS, "The verified customer's equipment",
          "actions", errors=(404,)),
    Route("POST", f"{CONV}/incidents", report_problem, ACTIONS,
          "Report a problem: 201 created, 200 merged or 200 ask; or answer an ask",
          "actions", status=201, body=REPORT_OR_ANSWER, errors=(404, 409, 410)),
    Route("GET", f"{CONV}/incidents", open_incidents, ACTIONS, "The customer's open incidents",
          "actions", errors=(404,)),
    Route("GET", f"{CONV}/incidents/{{incident_id}}", own_incident, ACTIONS,
          "One of the customer's incidents", "actions", errors=(404,)),
    Route("POST", f"{CONV}/incidents/{{incident_id}}/cancel", cancel, ACTIONS,
          "Cancel one of the customer's incidents", "actions", body=s.CANCEL, errors=(404, 409)),
    Route("POST", f"{CONV}/incidents/{{incident_id}}/equipment", change_equipment, ACTIONS,
          "Move one of the customer's incidents, still new, to another of their machines "
          "(the customer's correction of which machine they meant)", "actions",
          body=s.EQUIPMENT_CHANGE, errors=(404, 409)),
    Route("POST", f"{CONV}/plate", read_plate, ACTIONS,
          "Read a photo the customer sent (the one named, else the latest): the machine whose "
          "serial its plate shows among the customer's own (to confirm, never assumed), the "
          "near ones when unclear, and the error codes a display shows", "actions",
          body=PLATE, errors=(400, 403, 404)),
]
