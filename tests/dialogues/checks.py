"""The end-state checks of one conversation, read through the backend API.

Each ``expect`` item gives one or more named checks (an expected incident gives one per
property). ``incidents_created`` counts every incident the conversation opened, but in a
conversation that expects a ``maintenance_request`` it counts the faults reported only: a
maintenance request is not an incident in the conversations' words (every one that books
maintenance expects 0 incidents beside ``maintenance_request``), so there the preventive
bookings are counted by that check alone; a preventive booking nobody asked for counts.
Words are compared without accents or case. What the API does not expose (complaints,
call-backs, notes) fails with a detail saying so rather than being guessed.
"""

from __future__ import annotations

import unicodedata
import urllib.error
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tests.dialogues.people import (
    Played,
    address_of,
    answered_conversations,
    conversation_ids,
    customer,
)
from tests.dialogues.script import Conversation
from tests.e2e.clients import api, api_status, http
from tests.e2e.conftest import Stack

MAINTENANCE = frozenset({"preventive"})


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str = ""


@dataclass
class World:
    """What the conversation left behind, read once."""

    stack: Stack
    conv: Conversation
    played: Played
    since: datetime
    until: datetime
    before: set[str]
    setup_id: str | None

    def __post_init__(self) -> None:
        code = self.conv.sender.customer
        listed = api(self.stack, "GET", f"/api/incidents?customer={code}", role="AGENTS")
        self.new = [i for i in listed["incidents"] if i["id"] not in self.before]
        self.reports = {i["id"]: self._reports(i["id"]) for i in self.new}
        if self.setup_id:
            self.setup = api(self.stack, "GET", f"/api/incidents/{self.setup_id}", role="AGENTS")
            self.reports[self.setup_id] = self._reports(self.setup_id)
        channel, address = address_of(self.played.person)
        self.cids = conversation_ids(self.stack, code, channel, address)
        self.heard = fold("\n".join(self.played.person.heard))

    def _reports(self, incident_id: str) -> dict[str, Any]:
        found: dict[str, Any] = api(self.stack, "GET", f"/api/incidents/{incident_id}/reports",
                                    role="AGENTS")
        return found

    def record(self, incident: dict[str, Any]) -> str:
        """Everything readable about an incident: symptom, reports, subscribers, the notes
        of its history (a cancellation's reason)."""
        found = self.reports.get(incident["id"], {})
        parts = [str(incident.get("symptom") or "")]
        parts += [f"{r.get('text') or ''} {r.get('address') or ''}"
                  for r in found.get("reports", [])]
        parts += [str(e.get("note") or "") for e in found.get("events", [])]
        parts += [str(s.get("address") or "") for s in found.get("subscriptions", [])]
        return fold(" ".join(parts))


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def same_priority(got: str | None, wanted: str) -> bool:
    return got == wanted


def evaluate(world: World) -> list[Check]:
    checks: list[Check] = []
    exp = world.conv.expect
    if "incidents_created" in exp:
        booked = MAINTENANCE if "maintenance_request" in exp else frozenset()
        got = len([i for i in world.new if i.get("service_type") not in booked])
        checks.append(Check("incidents_created", got == exp["incidents_created"],
                            f"expected {exp['incidents_created']}, got {got}"))
    checks += incident_checks(world, list(exp.get("incidents") or []))
    for key, rule in RULES.items():
        if key in exp:
            checks.append(rule(world, exp[key]))
    unanswered = world.played.unanswered
    checks.append(Check("answered", not unanswered and not world.played.errors,
                        "; ".join([f"no reply to turn(s) {unanswered}" if unanswered else "",
                                   *world.played.errors]).strip("; ")))
    return checks


def incident_checks(world: World, wanted: list[dict[str, Any]]) -> list[Check]:
    checks: list[Check] = []
    free = list(world.new)
    for n, spec in enumerate(wanted, start=1):
        eq = spec.get("equipment")
        label = f"incident {eq or n}"
        match = next((i for i in free if eq is None or (i.get("equipment") or {}).get("id") == eq),
                     None)
        checks.append(Check(f"{label} opened", match is not None,
                            "" if match else f"none of {[_eq(i) for i in free]}"))
        if match is None:
            checks += [Check(f"{label} {k}", False, "no such incident")
                       for k in ("priority", "text_contains", "reporter_contains") if k in spec]
            continue
        free.remove(match)
        record = world.record(match)
        if "priority" in spec:
            checks.append(Check(f"{label} priority", same_priority(match["priority"],
                                                                   spec["priority"]),
                                f"expected {spec['priority']}, got {match['priority']}"))
        if "text_contains" in spec:
            missing = [w for w in spec["text_contains"] if fold(w) not in record]
            checks.append(Check(f"{label} text_contains", not missing, f"missing {missing}"))
        if "reporter_contains" in spec:
            who = spec["reporter_contains"]
            checks.append(Check(f"{label} reporter_contains", fold(who) in record,
                                f"{who!r} not on the incident"))
    return checks


def _eq(incident: dict[str, Any]) -> str:
    return str((incident.get("equipment") or {}).get("id"))


def merged(world: World, wanted: bool) -> Check:
    if not world.setup_id:
        return Check("merged_into_setup", False, "no setup incident")
    since = world.since.isoformat()
    later = [r for r in world.reports[world.setup_id].get("reports", []) if r["at"] >= since]
    same_eq = [i for i in world.new if _eq(i) == _eq(world.setup)]
    got = bool(later) and not same_eq
    return Check("merged_into_setup", got == wanted,
                 f"{len(later)} new report(s) on {world.setup_id}, "
                 f"{len(same_eq)} new incident(s) on its machine")


def raised(world: World, wanted: str) -> Check:
    if not world.setup_id:
        return Check("priority_raised_to", False, "no setup incident")
    got = world.setup["priority"]
    return Check("priority_raised_to", same_priority(got, wanted), f"expected {wanted}, got {got}")


def cancelled(world: World, wanted: dict[str, Any]) -> Check:
    touched = world.new + ([world.setup] if world.setup_id else [])
    done = [i for i in touched if i["state"] == "cancelled"]
    if not done:
        return Check("cancelled", False, f"states {[i['state'] for i in touched]}")
    reason = wanted.get("reason_contains") if isinstance(wanted, dict) else None
    if reason and not any(fold(reason) in world.record(i) for i in done):
        return Check("cancelled", False, f"cancelled, reason {reason!r} not on the incident")
    return Check("cancelled", True)


def listed(world: World, path: str, name: str) -> list[dict[str, Any]] | None:
    """Records at ``path`` (a list endpoint that may not exist yet)."""
    status, body = api_status(world.stack, "GET", path, role="AGENTS")
    if status != 200 or not isinstance(body, dict):
        return None
    items = body.get(name)
    return items if isinstance(items, list) else None


def complaint(world: World, wanted: bool) -> Check:
    found = listed(world, f"/api/complaints?customer={world.conv.sender.customer}", "complaints")
    if found is None:
        return Check("complaint_recorded", not wanted, "no complaint records in the backend API")
    mine = [c for c in found if str(c.get("created_at", "")) >= world.since.isoformat()]
    return Check("complaint_recorded", bool(mine) == wanted, f"{len(mine)} complaint(s)")


def callback(world: World, wanted: dict[str, Any]) -> Check:
    found = listed(world, f"/api/callbacks?customer={world.conv.sender.customer}", "callbacks")
    if found is None:
        return Check("callback", False, "no call-back records in the backend API")
    text = fold(" ".join(f"{c.get('number', '')} | {c.get('window', '')}" for c in found
                         if str(c.get("created_at", "")) >= world.since.isoformat()))
    number = fold(str(wanted.get("number_contains", "")))
    window = fold(str(wanted.get("window_contains", "")))
    digits = "".join(ch for ch in text if ch.isdigit() or ch == "|")
    ok = bool(text) and number.replace(" ", "") in digits and window in text
    return Check("callback", ok, f"recorded: {text[:80]!r}")


def handoff(world: World, wanted: bool) -> Check:
    handled = []
    channel, address = address_of(world.played.person)
    cids = set(world.cids) | set(answered_conversations(world.stack, channel, address))
    for cid in sorted(cids):
        found = http("GET", f"{world.stack.backend}/api/conversations/{cid}/messages",
                     world.stack.tokens["AVISA_TOKEN_AGENTS"])
        handled.append(found["conversation"]["handled_by"])
    got = any(h not in (None, "bot") for h in handled)
    detail = f"handled_by {handled}" if cids else "no conversation of the customer found"
    return Check("handoff", got == wanted, detail)


def maintenance(world: World, wanted: dict[str, Any]) -> Check:
    machines: set[str] = set()
    for inc in world.new:
        if inc.get("service_type") in MAINTENANCE:
            machines.add(_eq(inc))
            for r in world.reports.get(inc["id"], {}).get("reports", []):
                machines.update(str(e) for e in r.get("equipment_ids") or [])
    machines.discard("None")
    want = int(wanted.get("machines", 0))
    return Check("maintenance_request", len(machines) == want,
                 f"expected {want} machines, got {sorted(machines)}")


def verified(world: World, wanted: bool) -> Check:
    got = bool(world.cids)
    return Check("verified", got == wanted, f"verified conversation: {got}")


def codes(world: World, most: int) -> Check:
    try:
        rows = api(world.stack, "GET", "/api/outbox?limit=500", role="GATEWAY")["items"]
    except urllib.error.HTTPError as exc:
        return Check("codes_sent_at_most", False, f"outbox not readable: {exc}")
    sent = [r for r in rows if r.get("kind") == "otp"
            and world.since.isoformat() <= str(r["created_at"]) <= world.until.isoformat()]
    return Check("codes_sent_at_most", len(sent) <= most, f"{len(sent)} code(s) sent")


def replies(world: World, groups: list[list[str]]) -> Check:
    missing = [g for g in groups if not any(fold(w) in world.heard for w in g)]
    return Check("reply_contains_any", not missing, f"no reply says any of {missing}")


def secret_name(world: World, wanted: bool) -> Check:
    name = fold(str(customer(world.stack, world.conv.sender.customer)["name"]))
    leaked = name in world.heard
    return Check("never_reveals_customer_name", (not leaked) == wanted,
                 "the customer's name was said" if leaked else "")


RULES: dict[str, Any] = {
    "merged_into_setup": merged, "priority_raised_to": raised, "cancelled": cancelled,
    "complaint_recorded": complaint, "handoff": handoff, "callback": callback,
    "maintenance_request": maintenance, "verified": verified,
    "codes_sent_at_most": codes, "reply_contains_any": replies,
    "never_reveals_customer_name": secret_name,
}
