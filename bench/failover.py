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
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import aiohttp
import asyncpg

from bench import customers
from bench.conversation import ConversationError, Outbox
from channels.core.texts import TEXTS
from tools.stack_launch import LOAD_LIMITS, answers, drop_databases, free_port

if TYPE_CHECKING:
    from bench.stack import Stack as BenchStack  # Outbox reads its gateway and tokens only

ROOT = Path(__file__).resolve().parent.parent
APP_PY = ROOT / ".venv/app/bin/python"
PG = "postgresql://postgres@127.0.0.1:5432"
READY_TIMEOUT = 300.0
RESTART_TIMEOUT = 300.0
KILLS = ("rasa-1", "actions-1", "gateway-2", "backend-1")
AT = (0.15, 0.25, 0.35, 0.55)  # share of the load's messages answered when each kill happens
ACTIONS_IN_FLIGHT = 2  # the action server is stopped once this many status questions are out…
ACTIONS_WAIT_S = 20.0  # …or after this long
STALL_S = 10.0  # and killed once a call sits unread in its socket, or after this long
GAP_S = 2.0  # at least this long between two kills (the failures are not meant to overlap)
SCRIPTS = (["Hello", "Are you a bot?", "Thank you!", "Hello", "Are you a bot?", "Thank you!"],
           ["Hola, buenos días", "¿Eres un bot?", "¡Muchas gracias!", "Hola", "¿Eres un bot?",
            "¡Muchas gracias!"])
ASK_CODE = {"es": "envíame el código", "en": "send me the code"}  # a code only when asked
STATUS = {"en": "How is my incident going?", "es": "¿Cómo va mi incidencia?"}
# a verified customer's load: three status questions (custom actions, backend calls)
STATUS_SCRIPTS = {
    "en": [STATUS["en"], "Thank you!", STATUS["en"], "Are you a bot?", STATUS["en"],
           "Thank you!"],
    "es": [STATUS["es"], "¡Muchas gracias!", STATUS["es"], "¿Eres un bot?", STATUS["es"],
           "¡Muchas gracias!"],
}
RETRY_STATUSES = frozenset({502, 503, 504})
MESSAGE_DEADLINE = 240.0  # a customer gives up on one message after this long
STARTED = re.compile(r"\[keep-alive\] (\S+) pid (\d+) \(start (\d+)\)")
NGINX_FAILED = re.compile(r"\[error\].*upstream: \"http://127\.0\.0\.1:(\d+)/")
HEALTH = {"backend": "/api/health", "gateway": "/health", "rasa": "/", "actions": "/health"}


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
    # many customers from one loopback address: the per-client limits are raised (gateway, nginx)
    env = {**LOAD_LIMITS, **os.environ, "AVISA_TOKENS_FILE": str(work / "tokens.env"),
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
        subprocess.run([str(ROOT / ".venv/app/bin/avisa"), "demo", "load", "--data",
                        str(customers.write_data(work / "bench-data"))], cwd=ROOT, check=True,
                       env={**env, "DATABASE_URL": f"postgresql+asyncpg://{PG.split('//')[1]}/"
                                                   f"{databases[0]}"},
                       stdout=subprocess.DEVNULL)
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
    status: bool = False  # a status question: custom actions and backend calls on the path
    setup: bool = False  # sent before the load (verification), not counted in it


@dataclass
class Load:
    stack: Stack
    total: int
    answered: int = 0
    in_flight: int = 0
    status_in_flight: int = 0
    setup_s: float = 0.0  # the verifications before the load
    load_s: float = 0.0  # the load, with the kills
    kills: list[dict[str, Any]] = field(default_factory=list)


async def _send(http: aiohttp.ClientSession, load: Load, sent: Sent) -> None:
    body = {"sender": sent.sender, "message": sent.text,
            "metadata": {"message_id": sent.message_id}}
    headers = {"Authorization": f"Bearer {load.stack.tokens['AVISA_TOKEN_REST']}"}
    give_up = time.monotonic() + MESSAGE_DEADLINE
    while time.monotonic() < give_up:
        sent.attempts += 1
        load.in_flight += 1
        load.status_in_flight += sent.status
        try:
            async with http.post(f"{load.stack.gateway}/webhooks/rest/webhook", json=body,
                                 headers=headers) as resp:
                status, raw = resp.status, await resp.read()
        except (aiohttp.ClientError, TimeoutError) as exc:
            status, raw = 0, f"{type(exc).__name__}: {exc}".encode()
        finally:
            load.in_flight -= 1
            load.status_in_flight -= sent.status
        if status == 200:
            sent.replies, sent.answered = json.loads(raw), True
            load.answered += not sent.setup
            return
        sent.failures.append(f"{status} {raw[:120]!r}")
        if status and status not in RETRY_STATUSES:
            return
        await asyncio.sleep(1.0)


async def _converse(http: aiohttp.ClientSession, load: Load, messages: list[Sent]) -> None:
    for sent in messages:  # each after the previous answer, as a person does
        if sent.setup:
            continue
        await _send(http, load, sent)
        if not sent.answered:
            return


async def _verify(http: aiohttp.ClientSession, load: Load, outbox: Outbox,
                  messages: list[Sent], email: str) -> None:
    """The setup messages: a status question (the bot asks for the customer code), the code,
    the request for a one-time code (one is sent only when asked for), then the code the
    backend put in the dev outbox."""
    question, code, ask, otp = (s for s in messages if s.setup)
    await _send(http, load, question)
    since = datetime.now(UTC) - timedelta(seconds=1)
    await _send(http, load, code)
    await _send(http, load, ask)
    otp.text = await outbox.code_for(email, since, wait=60.0)
    await _send(http, load, otp)


def unread_requests(port: int, table: str = "/proc/net/tcp") -> int:
    """Connections to 127.0.0.1:``port`` whose receive queue holds bytes the process has not
    read: requests that were sent to it (Linux only; 0 when the table cannot be read)."""
    try:
        lines = Path(table).read_text().splitlines()[1:]
    except OSError:
        return 0
    count = 0
    for line in lines:
        fields = line.split()
        local, queues = fields[1], fields[4]
        if local == f"0100007F:{port:04X}" and int(queues.split(":")[1], 16) > 0:
            count += 1
    return count


async def _stall(load: Load, name: str, pid: int) -> int:
    """An action server that hangs, then dies: SIGSTOP once status questions are in flight,
    SIGKILL once a call (nginx → it) sits unread in its socket, so that a call is surely in
    flight when it dies; returns how many were. A plain SIGKILL rarely meets one (an action
    call lasts ≈ 10-30 ms)."""
    waited = time.monotonic() + ACTIONS_WAIT_S
    while (load.status_in_flight < ACTIONS_IN_FLIGHT and time.monotonic() < waited
           and load.answered < load.total):
        await asyncio.sleep(0.01)
    port = load.stack.replicas["actions"][int(name.rpartition("-")[2]) - 1]
    os.kill(pid, signal.SIGSTOP)
    stalled = time.monotonic() + STALL_S
    while not unread_requests(port) and time.monotonic() < stalled:
        await asyncio.sleep(0.02)
    return unread_requests(port)


async def _killer(load: Load, kills: tuple[str, ...], started: float) -> None:
    last = 0.0
    for name, share in zip(kills, AT, strict=False):
        while load.answered < share * load.total or time.monotonic() - last < GAP_S:
            await asyncio.sleep(0.05)
        pid, _ = load.stack.started()[name]
        kill: dict[str, Any] = {"name": name, "pid": pid}
        if name.startswith("actions-"):  # while a custom action's call is in flight
            kill["calls_in_flight_on_it"] = await _stall(load, name, pid)
        os.kill(pid, signal.SIGKILL)
        last = time.monotonic()
        load.kills.append({**kill, "at_s": round(time.monotonic() - started, 1),
                           "answered_before": load.answered, "in_flight": load.in_flight,
                           "status_questions_in_flight": load.status_in_flight})


async def _play(stack: Stack, plan: dict[str, list[Sent]], kills: tuple[str, ...],
                emails: dict[str, str]) -> tuple[Load, list[str]]:
    """Verification of the status customers first (no kill), then the load with the kills.
    Returns the load and the customers whose verification did not go through."""
    load = Load(stack, total=sum(not s.setup for m in plan.values() for s in m))
    timeout = aiohttp.ClientTimeout(total=300)
    not_verified: list[str] = []
    async with aiohttp.ClientSession(timeout=timeout,
                                     connector=aiohttp.TCPConnector(limit=0)) as http:
        outbox = Outbox(cast("BenchStack", stack), http)

        async def verify(sender: str) -> None:
            try:
                await _verify(http, load, outbox, plan[sender], emails[sender])
            except (ConversationError, aiohttp.ClientError, TimeoutError) as exc:
                not_verified.append(f"{sender}: {exc}")

        first = time.monotonic()
        await asyncio.gather(*(verify(sender) for sender in emails))
        started = time.monotonic()
        killer = asyncio.create_task(_killer(load, kills, started))
        await asyncio.gather(*(_converse(http, load, m) for m in plan.values()))
        killer.cancel()
        load.setup_s, load.load_s = started - first, time.monotonic() - started
    return load, not_verified


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


def _status_answered(events: list[dict[str, Any]]) -> list[bool]:
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
        by_status = _status_answered(events)
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


def plan_for(conversations: int) -> tuple[dict[str, list[Sent]], dict[str, str]]:
    """Conversation plan (sender -> messages, the setup ones first) and the e-mail address of
    each verifying customer (sender -> the contact that receives the one-time code):
    i % 4 in (0, 1) small talk, (2, 3) a bench customer's verification and status questions;
    i % 2 picks the language."""
    plan: dict[str, list[Sent]] = {}
    emails: dict[str, str] = {}
    for i in range(conversations):
        sender = f"fo-{i:03d}-{secrets.token_hex(3)}"
        if i % 4 < 2:
            plan[sender] = [Sent(sender, n, text, f"{sender}-m{n}")
                            for n, text in enumerate(SCRIPTS[i % 2])]
            continue
        who = customers.customer(i)  # distinct per conversation (60 of them), es when i odd
        emails[sender] = who.email
        setup = [STATUS[who.language], who.code, ASK_CODE[who.language], "(one-time code)"]
        lines = [(text, True) for text in setup] + [(t, False)
                                                    for t in STATUS_SCRIPTS[who.language]]
        plan[sender] = [Sent(sender, n, text, f"{sender}-m{n}", setup=first,
                             status=not first and text == STATUS[who.language])
                        for n, (text, first) in enumerate(lines)]
    return plan, emails


def exercise(stack: Stack, conversations: int, kills: tuple[str, ...] = KILLS) -> dict[str, Any]:
    """Plays the load with the kills, waits for the restarts, checks; returns the figures."""
    plan, emails = plan_for(conversations)
    load, not_verified = asyncio.run(_play(stack, plan, kills, emails))
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


if __name__ == "__main__":
    raise SystemExit(main())
