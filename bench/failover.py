"""Part ``failover``: the scaled stack (tools/stack_scaled.py: nginx, 2× backend, 2× gateway,
2× Rasa, one action server) under load while one replica of each kind is SIGKILLed.

    python -m bench --part failover [--quick]
    python -m bench.failover [--conversations 40] [--kill rasa-1,gateway-2,backend-1]

N customers talk at once through nginx to the gateways' REST channel, each message with its
own ``metadata.message_id``; a customer whose request fails (connection error, 502/503/504)
sends the SAME message again, as a widget or a provider does. When 15 %, 35 % and 55 % of the
messages are answered, one Rasa, one gateway and one backend replica are killed (SIGKILL of
the process itself; its keep-alive wrapper restarts it). Then it checks, and reports:
every message answered (by the bot, not the "try later" text), each conversation's user turns
in Rasa's tracker (PostgreSQL) exactly the lines sent, in order, each once, with as many bot
turns as replies received; the backend's transcript holds each inbound message once and no
reply twice (a reply whose storing met the backend kill may be missing: the gateway does not
retry that call, it has no idempotency key — counted in ``replies_missing_in_transcript``);
every killed replica was restarted and answers its health check.
The action server is a single process and is not killed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import signal
import subprocess
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg

from channels.texts import TEXTS
from tools.stack_launch import answers, drop_databases, free_port

ROOT = Path(__file__).resolve().parent.parent
APP_PY = ROOT / ".venv/app/bin/python"
PG = "postgresql://postgres@127.0.0.1:5432"
READY_TIMEOUT = 300.0
RESTART_TIMEOUT = 300.0
KILLS = ("rasa-1", "gateway-2", "backend-1")
AT = (0.15, 0.35, 0.55)  # share of messages answered when each kill happens
SCRIPTS = (["Hello", "Are you a bot?", "Thank you!", "Hello", "Are you a bot?", "Thank you!"],
           ["Hola, buenos días", "¿Eres un bot?", "¡Muchas gracias!", "Hola", "¿Eres un bot?",
            "¡Muchas gracias!"])
RETRY_STATUSES = frozenset({502, 503, 504})
MESSAGE_DEADLINE = 240.0  # a customer gives up on one message after this long
STARTED = re.compile(r"\[keep-alive\] (\S+) pid (\d+) \(start (\d+)\)")
NGINX_FAILED = re.compile(r"\[error\].*upstream: \"http://127\.0\.0\.1:(\d+)/")
HEALTH = {"backend": "/api/health", "gateway": "/health", "rasa": "/"}


@dataclass(frozen=True)
class Stack:
    gateway: str
    backend: str
    tokens: dict[str, str]
    rasa_db: str
    log: Path
    replicas: dict[str, list[int]]  # kind -> ports, in replica order

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def started(self) -> dict[str, tuple[int, int]]:
        """Replica name -> (pid, how many times started), from the keep-alive lines."""
        return {m[1]: (int(m[2]), int(m[3])) for m in STARTED.finditer(self.text())}

    def upstream_failures(self) -> dict[str, int]:
        """Requests nginx could not complete on a replica (refused, reset, closed), by kind:
        each was passed to the other replica or answered 502."""
        kinds = {port: kind for kind, ports in self.replicas.items() for port in ports}
        found: dict[str, int] = defaultdict(int)
        _, _, running = self.text().partition("is running")  # not the start-up probes
        for port in NGINX_FAILED.findall(running):
            found[kinds.get(int(port), "other")] += 1
        return dict(found)

    def health_url(self, name: str) -> str:
        kind, _, number = name.rpartition("-")
        return f"http://127.0.0.1:{self.replicas[kind][int(number) - 1]}{HEALTH[kind]}"





def _replicas(log: str) -> dict[str, list[int]]:
    line = next(x for x in log.splitlines() if x.strip().startswith("replicas"))
    return {kind: [int(p) for p in re.findall(r"\d+", ports)]
            for kind, ports in re.findall(r"(\w+) \[([\d, ]+)\]", line)}


@contextmanager
def scaled_stack(work: Path, extra: dict[str, str] | None = None) -> Iterator[Stack]:
    """tools/stack_scaled.py --fresh on free ports and new databases (dropped afterwards)."""
    suffix = secrets.token_hex(4)
    databases = [f"avisa_failover_{suffix}", f"avisa_failover_rasa_{suffix}"]
    ports = {name: free_port() for name in ("gateway", "backend", "rasa", "actions")}
    env = {**os.environ, "AVISA_TOKENS_FILE": str(work / "tokens.env"),
           **{f"AVISA_{n.upper()}_PORT": str(p) for n, p in ports.items()},
           "AVISA_SCALED_DB": databases[0], "AVISA_SCALED_RASA_DB": databases[1],
           "AVISA_SCALED_LOCK_PREFIX": f"failover{suffix}",
           "AVISA_SECRET": secrets.token_urlsafe(32), "AVISA_DEMO": "1",
           "AVISA_RASA_TIMEOUT": "120", "AVISA_BACKEND_TIMEOUT": "120",
           "AVISA_LB_READ_TIMEOUT": "300s", **(extra or {})}
    log = work / "scaled.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([str(APP_PY), str(ROOT / "tools/stack_scaled.py"), "--fresh"],
                                env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    deadline = time.monotonic() + READY_TIMEOUT
    try:
        while "is running" not in log.read_text(errors="replace"):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"scaled stack not ready (exit {proc.poll()}):\n"
                                   f"{log.read_text(errors='replace')[-4000:]}")
            time.sleep(0.5)
        tokens = dict(line.split("=", 1) for line in
                      (work / "tokens.env").read_text().splitlines() if "=" in line)
        yield Stack(gateway=f"http://127.0.0.1:{ports['gateway']}",
                    backend=f"http://127.0.0.1:{ports['backend']}",
                    tokens={k.strip(): v.strip() for k, v in tokens.items()},
                    rasa_db=databases[1], log=log, replicas=_replicas(log.read_text()))
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        drop_databases(databases)


@dataclass
class Sent:
    sender: str
    index: int
    text: str
    message_id: str
    replies: list[dict[str, Any]] = field(default_factory=list)
    attempts: int = 0
    failures: list[str] = field(default_factory=list)
    answered: bool = False


@dataclass
class Load:
    stack: Stack
    total: int
    answered: int = 0
    in_flight: int = 0
    kills: list[dict[str, Any]] = field(default_factory=list)


async def _send(http: aiohttp.ClientSession, load: Load, sent: Sent) -> None:
    body = {"sender": sent.sender, "message": sent.text,
            "metadata": {"message_id": sent.message_id}}
    headers = {"Authorization": f"Bearer {load.stack.tokens['AVISA_TOKEN_REST']}"}
    give_up = time.monotonic() + MESSAGE_DEADLINE
    while time.monotonic() < give_up:
        sent.attempts += 1
        load.in_flight += 1
        try:
            async with http.post(f"{load.stack.gateway}/webhooks/rest/webhook", json=body,
                                 headers=headers) as resp:
                status, raw = resp.status, await resp.read()
        except (aiohttp.ClientError, TimeoutError) as exc:
            status, raw = 0, f"{type(exc).__name__}: {exc}".encode()
        finally:
            load.in_flight -= 1
        if status == 200:
            sent.replies, sent.answered = json.loads(raw), True
            load.answered += 1
            return
        sent.failures.append(f"{status} {raw[:120]!r}")
        if status and status not in RETRY_STATUSES:
            return
        await asyncio.sleep(1.0)


async def _converse(http: aiohttp.ClientSession, load: Load, messages: list[Sent]) -> None:
    for sent in messages:  # each after the previous answer, as a person does
        await _send(http, load, sent)
        if not sent.answered:
            return


async def _killer(load: Load, kills: tuple[str, ...], started: float) -> None:
    for name, share in zip(kills, AT, strict=False):
        while load.answered < share * load.total:
            await asyncio.sleep(0.05)
        pid, _ = load.stack.started()[name]
        os.kill(pid, signal.SIGKILL)
        load.kills.append({"name": name, "pid": pid, "at_s": round(time.monotonic() - started, 1),
                           "answered_before": load.answered, "in_flight": load.in_flight})


async def _play(stack: Stack, plan: dict[str, list[Sent]], kills: tuple[str, ...]) -> Load:
    load = Load(stack, total=sum(len(m) for m in plan.values()))
    started = time.monotonic()
    timeout = aiohttp.ClientTimeout(total=300)
    async with aiohttp.ClientSession(timeout=timeout,
                                     connector=aiohttp.TCPConnector(limit=0)) as http:
        killer = asyncio.create_task(_killer(load, kills, started))
        await asyncio.gather(*(_converse(http, load, m) for m in plan.values()))
        killer.cancel()
    return load


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


def plan_for(conversations: int) -> dict[str, list[Sent]]:
    plan = {}
    for i in range(conversations):
        sender = f"fo-{i:03d}-{secrets.token_hex(3)}"
        plan[sender] = [Sent(sender, n, text, f"{sender}-m{n}")
                        for n, text in enumerate(SCRIPTS[i % 2])]
    return plan


def exercise(stack: Stack, conversations: int, kills: tuple[str, ...] = KILLS) -> dict[str, Any]:
    """Plays the load with the kills, waits for the restarts, checks; returns the figures."""
    plan = plan_for(conversations)
    started = time.monotonic()
    load = asyncio.run(_play(stack, plan, kills))
    seconds = time.monotonic() - started
    not_back = wait_restarted(stack, [k["name"] for k in load.kills])
    problems = asyncio.run(check(stack, plan))
    messages = [s for m in plan.values() for s in m]
    retried = [s for s in messages if s.attempts > 1]
    return {
        "conversations": conversations, "messages_sent": len(messages),
        "answered": sum(s.answered for s in messages),
        "retried_messages": len(retried),
        "extra_attempts": sum(s.attempts - 1 for s in messages),
        "retry_reasons": sorted({f.split(" ")[0] for s in retried for f in s.failures}),
        "seconds": round(seconds, 1), "msg_per_s": round(len(messages) / seconds, 2),
        "kills": load.kills, "not_restarted": not_back,
        "replayed_by_rasa": stack.text().count("already handled"),
        "nginx_upstream_failures": stack.upstream_failures(),
        "gateway_backend_retries": stack.text().count("backend call failed ("),
        "problems": {k: v[:10] for k, v in problems.items() if not k.startswith("_")},
        "problem_counts": {k: len(v) for k, v in problems.items() if not k.startswith("_")},
        "replies_missing_in_transcript": sum(
            int(x.rsplit(" ", 1)[1]) for k, v in problems.items() if k.startswith("_")
            for x in v),
        "not_killed": "actions (one action server)",
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


if __name__ == "__main__":
    raise SystemExit(main())
