"""Human handoff: reasons, states, which queue, how long the wait is (pure rules).

A handoff moves one conversation from the bot to a person. ``live`` handoffs wait in a
queue until an agent takes them; out of agents' hours the customer may instead ask for a
``callback`` or leave a ``message``, which become tasks in the console.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

REASONS = ("request_human", "nlu_fallback", "complain", "verification_locked", "rule", "agent")
KINDS = ("live", "callback", "message")
WAITING, ASSIGNED, CLOSED = "waiting", "assigned", "closed"
OPEN_STATES = (WAITING, ASSIGNED)
# slots an agent may set before handing the conversation back to the bot
AGENT_SLOTS = ("language", "customer_code", "serial_number", "incident_id", "symptom",
               "priority", "equipment_id")


@dataclass(frozen=True)
class Rule:
    """``when`` facts all equal → this queue; ``escalates`` rules hand over by themselves."""

    name: str
    when: Mapping[str, str]
    queue: str
    escalates: bool = True

    def matches(self, facts: Mapping[str, Any]) -> bool:
        return all(str(facts.get(key, "")).lower() == value.lower()
                   for key, value in self.when.items())


DEFAULT_RULES: tuple[Rule, ...] = (
    Rule("critical_priority", {"priority": "critical"}, "urgent"),
    Rule("locked_verification", {"reason": "verification_locked"}, "verification", False),
)


def parse_rules(text: str) -> tuple[Rule, ...]:
    """``name:key=value,key=value->queue[!]; …`` (``!`` marks a queue-only rule)."""
    rules = []
    for chunk in filter(None, (c.strip() for c in text.split(";"))):
        head, arrow, queue = chunk.partition("->")
        name, colon, conditions = head.partition(":")
        if not (arrow and colon and queue.strip()):
            raise ValueError(f"handoff rule {chunk!r}: expected name:key=value->queue")
        when = dict(_pair(p) for p in conditions.split(",") if p.strip())
        queue = queue.strip()
        rules.append(Rule(name.strip(), when, queue.rstrip("!"), not queue.endswith("!")))
    return tuple(rules)


def _pair(text: str) -> tuple[str, str]:
    key, eq, value = text.partition("=")
    if not eq:
        raise ValueError(f"handoff rule condition {text!r}: expected key=value")
    return key.strip(), value.strip()


def route(facts: Mapping[str, Any], rules: Sequence[Rule], default_queue: str
          ) -> tuple[str, Rule | None]:
    """The queue of a handoff: the first matching rule's, else the default."""
    for rule in rules:
        if rule.matches(facts):
            return rule.queue, rule
    return default_queue, None


def escalating_rule(facts: Mapping[str, Any], rules: Sequence[Rule]) -> Rule | None:
    """The rule that hands these facts to a person by itself, if any."""
    return next((r for r in rules if r.escalates and r.matches(facts)), None)


def complaint_escalates(customer_turns: int, threshold: int) -> bool:
    """A complaint goes to a person once the customer has written ``threshold`` times."""
    return customer_turns >= threshold


def estimate_wait_minutes(position: int, available_agents: int, minutes_each: int) -> int:
    """Rough wait: conversations ahead shared among available agents (one when none)."""
    agents = max(available_agents, 1)
    rounds = math.ceil(max(position, 1) / agents)
    return max(1, rounds * minutes_each)


def summary_line(slots: Mapping[str, Any]) -> str:
    """One line of what the bot collected, for the queue."""
    parts = []
    for key, label in (("symptom", ""), ("serial_number", "SN "), ("priority", "prio "),
                       ("incident_id", ""), ("customer_code", "")):
        value = slots.get(key)
        if value not in (None, "", [], False):
            parts.append(f"{label}{value}")
    return " · ".join(parts)[:200]


def agent_slots(values: Mapping[str, Any]) -> dict[str, Any]:
    """Only the slots agents may set; unknown names are refused by the caller."""
    return {k: v for k, v in values.items() if k in AGENT_SLOTS}
