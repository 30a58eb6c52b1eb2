"""The load of the failover bench (bench/failover.py): N customers talking through nginx,
each message resent as is when its request fails, the verifications before the load, and
the kills (one replica of each kind, the action server with a call in flight on it)."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import aiohttp

from bench import customers
from bench.conversation import ConversationError, Outbox
from bench.failover_stack import Stack

if TYPE_CHECKING:
    from bench.stack import Stack as BenchStack  # Outbox reads its gateway and tokens only

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


async def play(stack: Stack, plan: dict[str, list[Sent]], kills: tuple[str, ...],
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
