"""The end state a scenario expects, checked through the product's API (routing view of
the offers, the incident, the service order) and what the customer and technician read.
Each check is (name, passed, detail)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Awaitable, Callable
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from tests.technicians.harness import Run

LOCAL = ZoneInfo("Europe/Madrid")
ACTIVE = ("offered", "accepted", "on_the_way", "arrived")
OUTCOMES = {"finished": "finished", "delay": "delay", "follow_up": "follow_up",
            "not_fixed": "not_fixed", "customer_absent": "absent"}
ASKED = {"address": ("calle mayor", "riverside way"), "contact": ("marta", "john smith"),
         "job_list": ("inc-",), "next_job": ("inc-", "no tiene", "no open", "no jobs"),
         "help": ("/jobs",)}
WAY_FORWARD = re.compile(r"(?m)^\d+\. |\?|/jobs|/help")
Check = tuple[str, bool, str]


def plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c)).lower()


async def state(run: Run) -> dict[str, Any]:
    _, routing = await run.stack.api("GET", f"/api/incidents/{run.incident}/routing")
    mine = [d for d in routing["dispatches"] if d["technician_id"] == run.tech]
    _, incident = await run.stack.api("GET", f"/api/incidents/{run.incident}")
    order = None
    if mine and mine[-1].get("service_order_id"):
        _, order = await run.stack.api("GET",
                                       f"/api/service-orders/{mine[-1]['service_order_id']}")
    return {"dispatch": mine[-1] if mine else {}, "incident": incident, "order": order}


def _outcome(want: str, d: dict[str, Any], incident: dict[str, Any]) -> Check:
    if want == "declined":
        return ("outcome", d.get("state") == "declined", f"offer {d.get('state')}")
    if want == "still_open":
        ok = d.get("state") in ACTIVE and incident.get("state") not in ("resolved", "closed")
        return ("outcome", ok, f"offer {d.get('state')}, incident {incident.get('state')}")
    got = d.get("outcome")
    ok = got == OUTCOMES[want] and (want != "finished" or d.get("state") == "finished")
    return ("outcome", ok, f"outcome {got}, offer {d.get('state')}")


async def check(run: Run) -> list[Check]:
    expect: dict[str, Any] = run.scenario.get("expect") or {}
    now = await state(run)
    d, incident, order = now["dispatch"], now["incident"], now["order"] or {}
    found: list[Check] = []
    if "outcome" in expect:
        found.append(_outcome(str(expect["outcome"]), d, incident))
    if "incident_open" in expect:
        is_open = incident.get("state") not in ("resolved", "closed", "cancelled")
        found.append(("incident_open", is_open == bool(expect["incident_open"]),
                      f"incident {incident.get('state')}"))
    if "hours" in expect:
        got = order.get("labour_hours")
        found.append(("hours", got is not None and Decimal(got) == Decimal(str(expect["hours"])),
                      f"labour_hours {got}"))
    if "km" in expect:
        got = order.get("travel_km")
        found.append(("km", got is not None and Decimal(got) == Decimal(str(expect["km"])),
                      f"travel_km {got}"))
    if "parts" in expect:
        text = plain(" ".join(str(p.get("description") or "") + " " + str(p.get("part_number")
                                                                          or "")
                              for p in order.get("parts") or []))
        missing = [w for w in expect["parts"] if plain(w) not in text]
        found.append(("parts", not missing, f"recorded: {text or '-'}; missing {missing}"))
    if "new_arrival" in expect:
        eta = d.get("eta")
        shown = datetime.fromisoformat(eta).astimezone(LOCAL).strftime("%H:%M") if eta else None
        found.append(("new_arrival", shown == expect["new_arrival"], f"eta {shown}"))
    if "follow_up_day" in expect:
        day = d.get("follow_up_on")
        name = datetime.fromisoformat(day).strftime("%A").lower() if day else None
        found.append(("follow_up_day", name == str(expect["follow_up_day"]).lower(),
                      f"follow_up_on {day} ({name})"))
    if "decline_reason" in expect:
        reason = plain(d.get("reason") or "")
        found.append(("decline_reason", plain(str(expect["decline_reason"])) in reason,
                      f"reason {d.get('reason')!r}"))
    if expect.get("customer_told"):
        told = run.stack.twilio.bodies_to(run.customer_phone)[run.customer_before:]
        found.append(("customer_told", bool(told), f"{len(told)} message(s): {told[-1:]}"))
    if "asked_for" in expect:
        words = ASKED[str(expect["asked_for"])]
        said = plain(" ".join(r for turn in run.replies for r in turn))
        found.append(("asked_for", any(w in said for w in words), f"expected one of {words}"))
    if expect.get("never_stuck"):
        stuck = [i + 1 for i, turn in enumerate(run.replies)
                 if not turn or not WAY_FORWARD.search("\n".join(turn))]
        found.append(("never_stuck", not stuck, f"turns without a way forward: {stuck}"))
    return found


Runner = Callable[[Run], Awaitable[list[Check]]]
