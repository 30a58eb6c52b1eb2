"""The scaled stack of the failover bench (bench/failover.py): tools/stack_scaled.py --fresh on
free ports and new databases, and what its log tells (replicas, their starts, nginx's
upstream failures)."""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench import customers
from tools import scaled_launch as scaled
from tools.scaled_launch import PG

ROOT = Path(__file__).resolve().parent.parent
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
    """tools/stack_scaled.py --fresh on free ports and new databases (dropped afterwards),
    loaded with the bench's customers."""
    with scaled.scaled_stack(work, "failover", extra) as stack:
        subprocess.run([str(ROOT / ".venv/app/bin/avisa"), "demo", "load", "--data",
                        str(customers.write_data(work / "bench-data"))], cwd=ROOT, check=True,
                       env={**stack.env, "DATABASE_URL": f"postgresql+asyncpg://{PG.split('//')[1]}/"
                                                         f"{stack.databases[0]}"},
                       stdout=subprocess.DEVNULL)
        yield Stack(gateway=stack.url("gateway"), backend=stack.url("backend"),
                    tokens=stack.tokens, rasa_db=stack.rasa_db, log=stack.log,
                    replicas=_replicas(stack.text()))
