"""The checks of the failover bench (bench/failover.py): every message answered once, Rasa's
trackers and the backend's transcripts as sent, the status questions answered by the status
action, the killed replicas back."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from typing import Any

import aiohttp
import asyncpg

from bench.failover_load import Sent
from bench.failover_stack import PG, Stack
from channels.core.texts import TEXTS
from tools.stack_launch import answers

RESTART_TIMEOUT = 300.0


async def _trackers(stack: Stack) -> dict[str, list[dict[str, Any]]]:
    conn = await asyncpg.connect(f"{PG}/{stack.rasa_db}")
    try:
        rows = await conn.fetch("SELECT sender_id, type_name, data FROM events ORDER BY id")
    finally:
        await conn.close()
    events: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        events[row["sender_id"]].append({"type": row["type_name"], **json.loads(row["data"])})
    return events


async def _transcript(stack: Stack, conversation: str) -> list[dict[str, Any]]:
    async with aiohttp.ClientSession() as http, http.get(
            f"{stack.backend}/api/conversations/{conversation}/messages",
            headers={"Authorization": f"Bearer {stack.tokens['AVISA_TOKEN_ADMIN']}"}) as resp:
        body = await resp.json()
    return list(body.get("messages", []))


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


def _bot_turns(events: list[dict[str, Any]]) -> list[int]:
    turns: list[int] = []
    for event in events:
        if event["type"] == "user":
            turns.append(0)
        elif event["type"] == "bot" and turns:
            turns[-1] += 1
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
    trackers = await _trackers(stack)
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
        if _bot_turns(events) != [len(s.replies) for s in messages]:
            problems["tracker bot turns"].append(
                f"{sender}: {_bot_turns(events)} vs {[len(s.replies) for s in messages]}")
        by_status = status_answered(events)
        wrong = [s.index for s, ok in zip(messages, by_status, strict=False)
                 if s.status and not ok]
        if wrong:
            problems["status question not answered by the status action"].append(
                f"{sender}: messages {wrong}")
        stored = await _transcript(stack, conversation)
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
