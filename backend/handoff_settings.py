"""Handoff settings, read once from the environment at start (defaults work for the demo)
into the domain's `HandoffPolicy`.

| variable | default | meaning |
|---|---|---|
| AVISA_AGENT_HOURS | mon-fri 08:00-20:00 | when agents answer (coverage schedule grammar) |
| AVISA_AGENT_TZ | Europe/Madrid | time zone of those hours |
| AVISA_HANDOFF_QUEUE | general | queue when no rule matches |
| AVISA_HANDOFF_RULES | built-in | ``name:key=value->queue; …`` (domain.handoff.parse_rules) |
| AVISA_HANDOFF_COMPLAIN_TURNS | 3 | customer messages before a complaint goes to a person |
| AVISA_HANDOFF_FALLBACKS | 2 | misunderstood messages in a row before a person |
| AVISA_HANDOFF_MINUTES | 5 | minutes an agent spends per conversation, for wait estimates |
| AVISA_HANDOFF_ANSWER_MINUTES | 10 | target for taking a waiting conversation (queue card timer) |
| AVISA_HANDOFF_AUTO_ASSIGN | 0 | 1: give each new handoff to the least-busy available agent |
| AVISA_CONSOLE_SESSION_HOURS | 8 | absolute lifetime of a console session |
| AVISA_CONSOLE_IDLE_MINUTES | 60 | a session unused this long expires |
| AVISA_CONSOLE_SECURE_COOKIE | 0 | 1: cookies only over HTTPS (set it behind TLS) |
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from backend.domain.handoff import DEFAULT_RULES, parse_rules
from backend.domain.handoff_policy import HandoffPolicy


def handoff_policy_from_env(environ: Mapping[str, str]) -> HandoffPolicy:
    def get(name: str, default: str) -> str:
        return environ.get(name) or default

    rules = environ.get("AVISA_HANDOFF_RULES")
    policy = HandoffPolicy(
        hours=get("AVISA_AGENT_HOURS", HandoffPolicy.hours),
        timezone=get("AVISA_AGENT_TZ", HandoffPolicy.timezone),
        default_queue=get("AVISA_HANDOFF_QUEUE", HandoffPolicy.default_queue),
        rules=parse_rules(rules) if rules else DEFAULT_RULES,
        complain_turns=int(get("AVISA_HANDOFF_COMPLAIN_TURNS", "3")),
        fallbacks=int(get("AVISA_HANDOFF_FALLBACKS", "2")),
        minutes_each=int(get("AVISA_HANDOFF_MINUTES", "5")),
        answer_minutes=int(get("AVISA_HANDOFF_ANSWER_MINUTES", "10")),
        auto_assign=get("AVISA_HANDOFF_AUTO_ASSIGN", "0") == "1",
        session_ttl=timedelta(hours=float(get("AVISA_CONSOLE_SESSION_HOURS", "8"))),
        idle_ttl=timedelta(minutes=float(get("AVISA_CONSOLE_IDLE_MINUTES", "60"))),
        secure_cookie=get("AVISA_CONSOLE_SECURE_COOKIE", "0") == "1",
    )
    policy.calendar()  # a malformed schedule fails at start, not on the first handoff
    return policy
