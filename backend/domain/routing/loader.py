"""Reads a routing-rules YAML document, validating every field and naming the file and
line of the first problem (`RulesError`). Pure: text in, `RoutingRules` out."""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml

from backend.domain.coverage.calendars import CALENDARS
from backend.domain.coverage.holidays import HolidayCalendar
from backend.domain.routing.errors import RulesError
from backend.domain.routing.rules import MATCH_FIELDS, Queue, RoutingRules, Rule, Supervisor

TOP = {"ack_minutes", "max_open_jobs", "holidays", "queues", "rules", "default_queue"}
QUEUE = {"id", "name", "supervisors", "technicians", "ack_minutes"}
SUPERVISOR = {"name", "language", "telegram_id", "phone", "email"}
RULE = {"name", "when", "queue"}


class _Doc:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, node: yaml.Node, problem: str) -> RulesError:
        return RulesError(self.source, node.start_mark.line + 1, problem)

    def mapping(self, node: yaml.Node, allowed: set[str], what: str) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping")
        out: dict[str, yaml.Node] = {}
        for key, value in node.value:
            name = str(key.value)
            if name not in allowed:
                raise self.fail(key, f"unknown field {name!r} in {what} "
                                     f"(allowed: {', '.join(sorted(allowed))})")
            out[name] = value
        return out

    def items(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a list")
        return list(node.value)

    def text(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            raise self.fail(node, f"{what} must be a non-empty text")
        return str(node.value).strip()

    def number(self, node: yaml.Node, what: str) -> int:
        raw = self.text(node, what)
        if not raw.isdigit() or int(raw) < 1:
            raise self.fail(node, f"{what} must be a whole number >= 1, got {raw!r}")
        return int(raw)

    def texts(self, node: yaml.Node, what: str) -> tuple[str, ...]:
        if isinstance(node, yaml.ScalarNode):
            return (self.text(node, what),)
        return tuple(self.text(item, what) for item in self.items(node, what))


def parse_rules(text: str, source: str = "routing_rules.yml") -> RoutingRules:
    doc = _Doc(source)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        raise RulesError(source, line, f"not valid YAML: {exc.problem}") from exc
    except yaml.YAMLError as exc:  # the reader's errors (control characters) carry no mark
        line = text.count("\n", 0, getattr(exc, "position", 0)) + 1
        raise RulesError(source, line, f"not valid YAML: {getattr(exc, 'reason', exc)}") from exc
    if root is None:
        raise RulesError(source, 1, "empty document")
    top = doc.mapping(root, TOP, "the document")
    for required in ("queues", "default_queue"):
        if required not in top:
            raise doc.fail(root, f"missing {required!r}")
    ack = doc.number(top["ack_minutes"], "ack_minutes") if "ack_minutes" in top else 15
    queues: dict[str, Queue] = {}
    for node in doc.items(top["queues"], "queues"):
        queue = _queue(doc, node, ack)
        if queue.id in queues:
            raise doc.fail(node, f"queue {queue.id!r} defined twice")
        queues[queue.id] = queue
    rules = tuple(
        _rule(doc, node, queues) for node in doc.items(top.get("rules", _empty()), "rules")
    )
    default = doc.text(top["default_queue"], "default_queue")
    if default not in queues:
        raise doc.fail(top["default_queue"], f"default_queue {default!r} is no queue")
    return RoutingRules(queues, rules, default, ack, _holidays(doc, top.get("holidays")),
                        doc.number(top["max_open_jobs"], "max_open_jobs")
                        if "max_open_jobs" in top else 4)


def _empty() -> yaml.Node:
    return yaml.SequenceNode("tag:yaml.org,2002:seq", [])


def _queue(doc: _Doc, node: yaml.Node, ack: int) -> Queue:
    q = doc.mapping(node, QUEUE, "a queue")
    if "id" not in q or "name" not in q:
        raise doc.fail(node, "a queue needs id and name")
    name_node = q["name"]
    if isinstance(name_node, yaml.ScalarNode):
        names = {"es": doc.text(name_node, "name"), "en": doc.text(name_node, "name")}
    else:
        parts = doc.mapping(name_node, {"es", "en"}, "a queue name")
        names = {k: doc.text(v, f"name.{k}") for k, v in parts.items()}
        if set(names) != {"es", "en"}:
            raise doc.fail(name_node, "a queue name needs both es and en")
    sups = tuple(_supervisor(doc, s) for s in doc.items(q.get("supervisors", _empty()),
                                                        "supervisors"))
    techs = doc.texts(q["technicians"], "technicians") if "technicians" in q else ()
    minutes = doc.number(q["ack_minutes"], "ack_minutes") if "ack_minutes" in q else ack
    return Queue(doc.text(q["id"], "id"), names, sups, techs, minutes)


def _supervisor(doc: _Doc, node: yaml.Node) -> Supervisor:
    s = {k: doc.text(v, k) for k, v in doc.mapping(node, SUPERVISOR, "a supervisor").items()}
    if "name" not in s:
        raise doc.fail(node, "a supervisor needs a name")
    if s.get("language", "es") not in ("es", "en"):
        raise doc.fail(node, "a supervisor's language is es or en")
    if not (s.get("telegram_id") or s.get("phone") or s.get("email")):
        raise doc.fail(node, f"supervisor {s['name']!r} needs telegram_id, phone or email")
    return Supervisor(s["name"], s.get("language", "es"), s.get("telegram_id"), s.get("phone"),
                      s.get("email"))


def _rule(doc: _Doc, node: yaml.Node, queues: dict[str, Queue]) -> Rule:
    r = doc.mapping(node, RULE, "a rule")
    if "name" not in r or "queue" not in r:
        raise doc.fail(node, "a rule needs name and queue")
    queue = doc.text(r["queue"], "queue")
    if queue not in queues:
        raise doc.fail(r["queue"], f"rule sends to unknown queue {queue!r}")
    when: dict[str, frozenset[str]] = {}
    if "when" in r:
        for key, values in doc.mapping(r["when"], set(MATCH_FIELDS), "a rule's when").items():
            when[key] = frozenset(doc.texts(values, key))
    return Rule(doc.text(r["name"], "name"), node.start_mark.line + 1, queue, when)


def _holidays(doc: _Doc, node: yaml.Node | None) -> dict[str, HolidayCalendar]:
    """zone → the merge of its named calendars (data/calendars.yml) and its own closing days."""
    if node is None:
        return {}
    out: dict[str, HolidayCalendar] = {}
    if not isinstance(node, yaml.MappingNode):
        raise doc.fail(node, "holidays must map zones to a calendar name or dates")
    for key, value in node.value:
        zone = str(key.value)
        calendar = HolidayCalendar(zone)
        for item in doc.texts(value, f"holidays.{key.value}"):
            calendar = calendar.merged(_day_or_calendar(doc, value, item), name=zone)
        out[zone] = calendar
    return out


def _day_or_calendar(doc: _Doc, node: yaml.Node, item: str) -> HolidayCalendar:
    if item in CALENDARS:
        return CALENDARS[item]
    try:
        return HolidayCalendar.of("closing", (date.fromisoformat(item),))
    except ValueError as exc:
        raise doc.fail(node, f"{item!r} is neither a calendar ({', '.join(CALENDARS)}) "
                             "nor a date YYYY-MM-DD") from exc


def rules_as_data(rules: RoutingRules) -> dict[str, Any]:
    """A JSON view of the parsed rules (for GET /api/routing/rules)."""
    return {
        "default_queue": rules.default_queue, "ack_minutes": rules.ack_minutes,
        "queues": [{"id": q.id, "name": dict(q.name), "ack_minutes": q.ack_minutes,
                    "technicians": list(q.technicians),
                    "supervisors": [s.name for s in q.supervisors]} for q in rules.queues.values()],
        "rules": [{"name": r.name, "line": r.line, "queue": r.queue,
                   "when": {k: sorted(v) for k, v in r.when.items()}} for r in rules.rules],
    }
