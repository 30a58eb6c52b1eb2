"""A whole Avisa stack for a bench run, started the way tests/e2e does it.

Own free ports, a fresh SQLite database (migrated, demo data plus the bench customers of
:mod:`bench.customers`), its own tokens file; ``tools/stack.py`` supervises the four
processes. Extra environment (``SANIC_WORKERS``, ``AVISA_MODEL``…) can be passed per run.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench import customers

ROOT = Path(__file__).resolve().parent.parent
APP_BIN = ROOT / ".venv/app/bin"
MODEL = ROOT / "var/models/current.tar.gz"
READY_TIMEOUT = 240.0
NAMES = ("backend", "gateway", "rasa", "actions")


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(200 <= response.status < 500)
    except OSError:
        return False


def read_tokens(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {k.strip(): v.strip() for k, v in pairs}


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


def _name(pid: int) -> str | None:
    try:
        argv = (Path("/proc") / str(pid) / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return None
    line = " ".join(a.decode(errors="replace") for a in argv)
    for marker, name in (("rasa_sdk", "actions"), ("rasa run", "rasa"),
                         ("-m backend", "backend"), ("-m channels", "gateway")):
        if marker in line:
            return name
    return None


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


def prepare(work: Path, env: Mapping[str, str]) -> None:
    """Tokens, a migrated database, the demo data and the bench customers."""
    data = customers.write_data(work / "bench-data")
    for command in (["tokens", "ensure", "--file", str(work / "tokens.env")],
                    ["db", "upgrade"], ["demo", "load", "--data", str(ROOT / "data")],
                    ["demo", "load", "--data", str(data)]):
        subprocess.run([str(APP_BIN / "avisa"), *command], env=dict(env), cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)


@contextmanager
def running(extra_env: Mapping[str, str] | None = None) -> Iterator[Stack]:
    """Start a fresh stack, yield it when every process answers, stop it afterwards."""
    if not MODEL.exists():
        raise SystemExit("no trained model at var/models/current.tar.gz: run `make model` first")
    with tempfile.TemporaryDirectory(prefix="avisa-bench-") as tmp:
        work = Path(tmp)
        port = {name: free_port() for name in NAMES}
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite+aiosqlite:///{work / 'avisa.db'}",
            "AVISA_TOKENS_FILE": str(work / "tokens.env"),
            **{f"AVISA_{n.upper()}_PORT": str(p) for n, p in port.items()},
            "AVISA_SECRET": secrets.token_urlsafe(32),
            "AVISA_DEMO": "1",
            **(extra_env or {}),
        }
        prepare(work, env)
        log = work / "stack.log"
        started_at = time.monotonic()
        with log.open("wb") as out:
            proc = subprocess.Popen([str(APP_BIN / "python"), str(ROOT / "bench/launch.py")],
                                    env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        url = {n: f"http://127.0.0.1:{p}" for n, p in port.items()}
        stack = Stack(gateway=url["gateway"], backend=url["backend"], rasa=url["rasa"],
                      actions=url["actions"], tokens=read_tokens(work / "tokens.env"), log=log,
                      supervisor_pid=proc.pid, extra=dict(extra_env or {}))
        ready = [f"{url['gateway']}/health", f"{url['backend']}/api/health", f"{url['rasa']}/",
                 f"{url['actions']}/health"]
        try:
            while not all(answers(u) for u in ready):
                if proc.poll() is not None:
                    raise RuntimeError(f"the stack exited with {proc.returncode}:\n{stack.tail()}")
                if time.monotonic() - started_at > READY_TIMEOUT:
                    raise RuntimeError(f"stack not ready in {READY_TIMEOUT:.0f} s:\n{stack.tail()}")
                time.sleep(0.2)
            stack.ready_seconds = time.monotonic() - started_at
            yield stack
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
