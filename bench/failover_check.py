"""The checks of the failover bench (bench/failover.py): every message answered once, Rasa's
trackers and the backend's transcripts as sent, the status questions answered by the status
action, the killed replicas back."""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from bench.failover_load import Sent
from bench.failover_stack import Stack
from channels.core.texts import TEXTS
from tools.scaled_launch import bot_turns, tracker_events, transcript
from tools.stack_launch import StackError
from tools.supervisor import answers

RESTART_TIMEOUT = 300.0


def status_answered(events: list[dict[str, Any]]) -> list[bool]:
    """Per user turn: action_check_identity set ``verified`` true, then action_check_status
    ran and a bot turn followed it (an action call that failed adds no event and no turn)."""
    turns: list[bool] = []
    verified = status = False
    for event in events:
        if event["type"] == "user":
            turns.append(False)
            verified = status = False
        elif not turns:
            continue
        elif event["type"] == "slot" and event.get("name") == "verified":
            verified = event.get("value") is True
        elif event["type"] == "action" and event.get("name") == "action_check_status":
            status = verified
        elif event["type"] == "bot" and status:
            turns[-1] = True
    return turns


async def check(stack: Stack, plan: dict[str, list[Sent]]) -> dict[str, list[str]]:
    """Problems found, by kind (all lists empty: no message lost, none handled twice)."""
    problems: dict[str, list[str]] = defaultdict(list)
    missing: dict[str, int] = {}
    down = TEXTS["rasa_down"]
    for messages in plan.values():
        for s in messages:
            if not s.answered or not s.replies or any(r.get("text") == down for r in s.replies):
                problems["unanswered"].append(f"{s.sender}#{s.index} {s.failures[-2:]}")
    trackers = await tracker_events(stack.rasa_db)
    by_address: dict[str, str] = {}
    for conversation, events in trackers.items():
        users = [e for e in events if e["type"] == "user"]
        for address in {str((e.get("metadata") or {}).get("address")) for e in users}:
            by_address[address] = conversation
    for sender, messages in plan.items():
        found = by_address.get(sender)
        if found is None:
            problems["no tracker"].append(sender)
            continue
        conversation = found
        events = trackers[conversation]
        said = [e["text"] for e in events if e["type"] == "user"]
        if said != [s.text for s in messages]:
            problems["tracker user turns"].append(f"{sender}: {said}")
        ids = [(e.get("metadata") or {}).get("message_id") for e in events if e["type"] == "user"]
        ids = [i for i in ids if i is not None]  # none when the gateway does not replay
        if len(set(ids)) != len(ids):
            problems["tracker twice"].append(f"{sender}: {ids}")
        if bot_turns(events) != [len(s.replies) for s in messages]:
            problems["tracker bot turns"].append(
                f"{sender}: {bot_turns(events)} vs {[len(s.replies) for s in messages]}")
        by_status = status_answered(events)
        wrong = [s.index for s, ok in zip(messages, by_status, strict=False)
                 if s.status and not ok]
        if wrong:
            problems["status question not answered by the status action"].append(
                f"{sender}: messages {wrong}")
        try:
            stored = await transcript(stack.backend, stack.tokens, conversation)
        except StackError:
            stored = []  # unreadable: its checks below report it
        inbound = [m["text"] for m in stored if m["direction"] == "in"]
        if inbound != [s.text for s in messages]:
            problems["stored inbound"].append(f"{sender}: {inbound}")
        outbound, received = len(stored) - len(inbound), sum(len(s.replies) for s in messages)
        if outbound > received:
            problems["stored replies twice"].append(f"{sender}: {outbound} stored, {received} "
                                                    "received")
        elif outbound < received:  # a backend replica died while storing it: not retried
            missing[sender] = received - outbound
    if missing:
        problems["_replies missing from the transcript (not a failure)"] = [
            f"{k}: {v}" for k, v in missing.items()]
    return dict(problems)


def wait_restarted(stack: Stack, names: list[str], timeout: float = RESTART_TIMEOUT) -> list[str]:
    """Killed replicas not restarted and healthy within ``timeout`` (empty: all back)."""
    deadline = time.monotonic() + timeout
    pending = list(names)
    while pending and time.monotonic() < deadline:
        starts = stack.started()
        pending = [n for n in pending
                   if starts.get(n, (0, 0))[1] < 2 or not answers(stack.health_url(n))]
        if pending:
            time.sleep(1.0)
    return pending
