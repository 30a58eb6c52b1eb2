"""Part ``failover``: the scaled stack (tools/stack_scaled.py: nginx, 2× backend, 2× gateway,
2× Rasa, 2× action server) under load while one replica of each kind is SIGKILLed.

    python -m bench --part failover [--quick]
    python -m bench.failover [--conversations 40] [--kill rasa-1,actions-1,gateway-2,backend-1]

N customers talk at once through nginx to the gateways' REST channel, each message with its
own ``metadata.message_id``; a customer whose request fails (connection error, 502/503/504)
sends the SAME message again, as a widget or a provider does. Half of them small-talk; the
other half are bench customers (bench/customers.py, loaded on top of the demo data) who
first verify themselves, before the load, with their customer code and the one-time code
from the dev outbox (bench/conversation.py's way), and then ask "how is my incident going?"
three times among small talk: each question runs two custom actions that call the backend
(action_check_identity, action_check_status) through nginx. When 15 %, 25 %, 35 % and 55 %
of the load's messages are answered, one Rasa, one action server, one gateway and one backend
replica are killed (SIGKILL of the process itself; its keep-alive wrapper restarts it). The
action server is first stopped (SIGSTOP) once status questions are in flight, and killed
once an action call sits unread in its socket: a call is then in flight on it for sure, and
Rasa must get the action done by the other one. Then it checks, and reports:
every message answered (by the bot, not the "try later" text), each conversation's user turns
in Rasa's tracker (PostgreSQL) exactly the lines sent, in order, each once, with as many bot
turns as replies received; the backend's transcript holds each inbound message once and no
reply twice (each reply is stored once per inbound message and position, ``reply_to``, so a
customer's retry replayed after a gateway died adds none, and the gateway retries storing it
after a backend kill; one whose every try failed is missing, counted in
``replies_missing_in_transcript``);
every status question answered by the status action with the customer verified (the
tracker holds action_check_identity's ``verified`` slot and a bot turn after
action_check_status: a failed action call leaves neither); every killed replica was
restarted and answers its health check.

Modules: bench/failover_stack.py (the scaled stack), bench/failover_load.py (the customers
and the kills), bench/failover_check.py (the checks); this one plays them and reports.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
from pathlib import Path
from typing import Any

from bench.failover_check import check, wait_restarted
from bench.failover_load import KILLS, plan_for, play
from bench.failover_stack import Stack, scaled_stack

__all__ = ["KILLS", "Stack", "exercise", "main", "run", "scaled_stack"]


def exercise(stack: Stack, conversations: int, kills: tuple[str, ...] = KILLS) -> dict[str, Any]:
    """Plays the load with the kills, waits for the restarts, checks; returns the figures."""
    plan, emails = plan_for(conversations)
    load, not_verified = asyncio.run(play(stack, plan, kills, emails))
    seconds = load.load_s
    not_back = wait_restarted(stack, [k["name"] for k in load.kills])
    problems = asyncio.run(check(stack, plan))
    if not_verified:
        problems["not verified before the load"] = not_verified
    everything = [s for m in plan.values() for s in m]
    messages = [s for s in everything if not s.setup]
    retried = [s for s in messages if s.attempts > 1]
    return {
        "conversations": conversations, "messages_sent": len(messages),
        "setup_messages": len(everything) - len(messages),
        "status_questions": sum(s.status for s in messages),
        "answered": sum(s.answered for s in messages),
        "retried_messages": len(retried),
        "extra_attempts": sum(s.attempts - 1 for s in messages),
        "retry_reasons": sorted({f.split(" ")[0] for s in retried for f in s.failures}),
        "seconds": round(seconds, 1), "msg_per_s": round(len(messages) / seconds, 2),
        "setup_seconds": round(load.setup_s, 1),
        "kills": load.kills, "not_restarted": not_back,
        "replayed_by_rasa": stack.text().count("already handled"),
        "read_only_actions_asked_again": stack.text().count("asking again"),
        "nginx_upstream_failures": stack.upstream_failures(),
        "gateway_backend_retries": stack.text().count("backend call failed ("),
        "problems": {k: v[:10] for k, v in problems.items() if not k.startswith("_")},
        "problem_counts": {k: len(v) for k, v in problems.items() if not k.startswith("_")},
        "replies_missing_in_transcript": sum(
            int(x.rsplit(" ", 1)[1]) for k, v in problems.items() if k.startswith("_")
            for x in v),
    }


def run(quick: bool = False, conversations: int | None = None,
        env: dict[str, str] | None = None, kills: tuple[str, ...] = KILLS) -> dict[str, Any]:
    with (tempfile.TemporaryDirectory(prefix="avisa-failover-") as work,
          scaled_stack(Path(work), env) as stack):
        return exercise(stack, conversations or (20 if quick else 40), kills)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--conversations", type=int, default=40)
    parser.add_argument("--kill", default=",".join(KILLS),
                        help="replicas to SIGKILL, in order (default: %(default)s)")
    args = parser.parse_args(argv)
    figures = run(conversations=args.conversations, kills=tuple(args.kill.split(",")))
    print(json.dumps(figures, indent=2))
    return 0 if not figures["problems"] and not figures["not_restarted"] else 1
