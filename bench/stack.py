"""A whole Avisa stack for a bench run, started the way tests/e2e does it.

Own free ports, a fresh SQLite database (migrated, demo data plus the bench customers of
:mod:`bench.customers`), its own tokens file: tools/stack_launch.py, shared with the
tests. ``bench/launch.py`` (tools/stack.py plus the bench's experiments) supervises the
four processes. Extra environment (``SANIC_WORKERS``, ``AVISA_MODEL``…) can be passed
per run. This module adds what only the bench needs: CPU time and memory per process.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench import customers
from tools.stack_launch import ROOT, Ports, StackError, launch

__all__ = ["ROOT", "Stack", "running"]


@dataclass
class Stack:
    gateway: str
    backend: str
    rasa: str
    actions: str
    tokens: dict[str, str]
    log: Path
    supervisor_pid: int
    ready_seconds: float = 0.0
    extra: dict[str, str] = field(default_factory=dict)

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def cpu_seconds(self) -> dict[str, float]:
        """CPU time (user + system) used so far by each process and its children."""
        return {name: sum(cpu_seconds(p) for p in pids)
                for name, pids in processes(self.supervisor_pid).items()}

    def rss_mib(self) -> dict[str, float]:
        """Resident memory of each process (with its own children, e.g. Sanic workers)."""
        return {name: sum(rss_kib(p) for p in pids) / 1024
                for name, pids in processes(self.supervisor_pid).items()}


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _descendants(pid: int, tree: dict[int, list[int]]) -> list[int]:
    found = [pid]
    for child in tree.get(pid, []):
        found += _descendants(child, tree)
    return found


# How each process's command line names it (tools/stack.py's argv; the older forms too).
ROLES = (("-m actions.server", "actions"), ("rasa_sdk", "actions"),
         ("tools/rasa_serve.py run", "rasa"), ("rasa run", "rasa"),
         ("-m backend", "backend"), ("-m channels", "gateway"))


def role(command_line: str) -> str | None:
    """The stack process a command line runs (None for anything else)."""
    return next((name for marker, name in ROLES if marker in command_line), None)


def _name(pid: int) -> str | None:
    try:
        argv = (Path("/proc") / str(pid) / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return None
    return role(" ".join(a.decode(errors="replace") for a in argv))


def processes(supervisor: int) -> dict[str, list[int]]:
    """{process name: its pid and its descendants} for the supervisor's children."""
    tree = _children()
    found: dict[str, list[int]] = {}
    for child in tree.get(supervisor, []):
        name = _name(child)
        if name:
            found.setdefault(name, []).extend(_descendants(child, tree))
    return found


def rss_kib(pid: int) -> int:
    try:
        for line in (Path("/proc") / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    try:
        fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


@contextmanager
def running(extra_env: Mapping[str, str] | None = None) -> Iterator[Stack]:
    """Start a fresh stack, yield it when every process answers, stop it afterwards."""
    with tempfile.TemporaryDirectory(prefix="avisa-bench-") as tmp:
        work = Path(tmp)
        data = customers.write_data(work / "bench-data")
        try:
            launched = launch(work, Ports.free(), extra_env, data=(ROOT / "data", data),
                              script=ROOT / "bench/launch.py")
        except StackError as exc:
            raise SystemExit(str(exc)) from None
        url = {name: launched.url(name) for name in ("gateway", "backend", "rasa", "actions")}
        stack = Stack(gateway=url["gateway"], backend=url["backend"], rasa=url["rasa"],
                      actions=url["actions"], tokens=launched.tokens, log=launched.log,
                      supervisor_pid=launched.pid, ready_seconds=launched.ready_seconds,
                      extra=dict(extra_env or {}))
        try:
            yield stack
        finally:
            launched.stop()
