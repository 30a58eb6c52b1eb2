"""The scaled stack of the failover bench (bench/failover.py): tools/stack_scaled.py --fresh on
free ports and new databases, and what its log tells (replicas, their starts, nginx's
upstream failures)."""

from __future__ import annotations

import os
import re
import secrets
import signal
import subprocess
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench import customers
from tools.stack_launch import LOAD_LIMITS, drop_databases, free_port

ROOT = Path(__file__).resolve().parent.parent
APP_PY = ROOT / ".venv/app/bin/python"
PG = "postgresql://postgres@127.0.0.1:5432"
READY_TIMEOUT = 300.0
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
