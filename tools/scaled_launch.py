"""Start the scaled stack (tools/stack_scaled.py --fresh: nginx in front of two replicas of
each process, PostgreSQL, the Redis lock store) on free ports and new, uniquely named
databases, for the scaling tests and the failover bench; stop it and drop the databases
afterwards. And read what such a stack stored: Rasa's trackers, the backend's transcripts.

    with scaled_stack(work, "scaletest") as stack:
        ...  # stack.url("gateway"), stack.tokens["AVISA_TOKEN_REST"], stack.rasa_db

Failures raise :class:`tools.stack_launch.StackError` with the tail of the log.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import time
from collections import defaultdict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.stack_launch import (
    APP_BIN,
    LOAD_LIMITS,
    ROOT,
    StackError,
    drop_databases,
    free_port,
    read_tokens,
)

PG = "postgresql://postgres@127.0.0.1:5432"
READY_TIMEOUT = 300.0
STOP_TIMEOUT = 40.0
KINDS = ("gateway", "backend", "rasa", "actions")


@dataclass(frozen=True)
class ScaledStack:
    ports: dict[str, int]  # kind -> the balancer's port
    tokens: dict[str, str]
    databases: tuple[str, str]  # the backend's, Rasa's tracker store
    log: Path
    env: dict[str, str]

    def url(self, kind: str) -> str:
        return f"http://127.0.0.1:{self.ports[kind]}"

    @property
    def rasa_db(self) -> str:
        return self.databases[1]

    def text(self) -> str:
        return self.log.read_text(errors="replace")


def _env(work: Path, ports: Mapping[str, int], databases: tuple[str, str], lock_prefix: str,
         extra: Mapping[str, str]) -> dict[str, str]:
    return {
        **LOAD_LIMITS,  # many customers from one loopback address (gateway and nginx limits)
        **os.environ,
        "AVISA_TOKENS_FILE": str(work / "tokens.env"),
        **{f"AVISA_{n.upper()}_PORT": str(p) for n, p in ports.items()},
        "AVISA_SCALED_DB": databases[0],
        "AVISA_SCALED_RASA_DB": databases[1],
        "AVISA_SCALED_LOCK_PREFIX": lock_prefix,
        "AVISA_SECRET": secrets.token_urlsafe(32),
        "AVISA_DEMO": "1",
        "AVISA_RASA_TIMEOUT": "120",
        "AVISA_BACKEND_TIMEOUT": "120",  # hundreds of new conversations on 2 shared cores
        "AVISA_LB_READ_TIMEOUT": "300s",
        **extra,
    }


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@contextmanager
def scaled_stack(work: Path, name: str, extra: Mapping[str, str] | None = None
                 ) -> Iterator[ScaledStack]:
    """The scaled stack, running, with its databases named ``avisa_<name>[_rasa]_<random>``."""
    suffix = secrets.token_hex(4)
    databases = (f"avisa_{name}_{suffix}", f"avisa_{name}_rasa_{suffix}")
    ports = {kind: free_port() for kind in KINDS}
    env = _env(work, ports, databases, name + suffix, extra or {})
    log = work / "scaled.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([str(APP_BIN / "python"), str(ROOT / "tools/stack_scaled.py"),
                                 "--fresh"], env=env, cwd=ROOT, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + READY_TIMEOUT
    try:
        while "is running" not in log.read_text(errors="replace"):
            if proc.poll() is not None or time.monotonic() > deadline:
                state = (f"exited with {proc.returncode}" if proc.poll() is not None
                         else f"not ready in {READY_TIMEOUT:.0f} s")
                raise StackError(f"the scaled stack {state}:\n"
                                 f"{log.read_text(errors='replace')[-4000:]}")
            time.sleep(0.5)
        yield ScaledStack(ports=ports, tokens=read_tokens(work / "tokens.env"),
                          databases=databases, log=log, env=env)
    finally:
        _stop(proc)
        drop_databases(databases, PG)


async def tracker_events(rasa_db: str) -> dict[str, list[dict[str, Any]]]:
    """Rasa's tracker store (PostgreSQL): each conversation's events, oldest first."""
    import asyncpg  # the app environment's; imported here so that starting needs none

    conn = await asyncpg.connect(f"{PG}/{rasa_db}")
    try:
        rows = await conn.fetch("SELECT sender_id, type_name, data FROM events ORDER BY id")
    finally:
        await conn.close()
    events: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        events[row["sender_id"]].append({"type": row["type_name"], **json.loads(row["data"])})
    return events


def bot_turns(events: list[dict[str, Any]]) -> list[int]:
    """Per user turn of a tracker, how many bot utterances followed it."""
    turns: list[int] = []
    for event in events:
        if event["type"] == "user":
            turns.append(0)
        elif event["type"] == "bot" and turns:
            turns[-1] += 1
    return turns


async def transcript(backend: str, tokens: Mapping[str, str], conversation: str
                     ) -> list[dict[str, Any]]:
    """The messages the backend (a URL: the balancer) stored for a conversation."""
    import aiohttp

    async with aiohttp.ClientSession() as http, http.get(
            f"{backend}/api/conversations/{conversation}/messages",
            headers={"Authorization": f"Bearer {tokens['AVISA_TOKEN_ADMIN']}"}) as resp:
        if resp.status != 200:
            raise StackError(f"transcript of {conversation}: HTTP {resp.status} "
                             f"{await resp.text()}")
        body = await resp.json()
    return list(body["messages"])
