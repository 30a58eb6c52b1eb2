"""Start a whole Avisa stack on free ports, for tests and benchmarks; stop it afterwards.

One place for what tests/e2e, tests/browser/test_admin_loop.py and bench/stack.py share:
free ports for the four processes, a fresh SQLite database in a work folder (migrated,
loaded with the demo data and any extra data folders), its own tokens file, the
supervisor (``tools/stack.py`` or another launcher script) in its own process group with
its output in ``<work>/stack.log``, and the wait until every process answers.

Needs only the standard library and the app environment's ``backend.tokens`` (the one
tokens-file reader), so ``bench`` (plain Python, no pytest) and the tests both import it
as ``tools.stack_launch`` with the repository root on ``sys.path``.

The product clock of every process is set (``AVISA_CLOCK_OFFSET``) so that the stack's now
starts at ``clock_start``: by default :data:`WORKING_DAY`, a Wednesday 10:00 in Madrid,
inside every contract's hours, whatever the wall clock says; a test that needs another
time (a night, a Sunday) passes its own, and ``clock_start=None`` keeps the real clock.
``stack.now()`` is the stack's now, for tests that compare times with the product's.
Failures raise :class:`StackError` with the tail of the log; the stack is stopped first.

    ports = Ports.free()
    stack = launch(work, ports, {"AVISA_PUBLIC_URL": ports.url("gateway")})
    try:
        ...  # stack.url("gateway"), stack.tokens["AVISA_TOKEN_REST"], stack.tail()
    finally:
        stack.stop()
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from common.envfile import read_env_file
from tools.supervisor import answers

ROOT = Path(__file__).resolve().parent.parent
APP_BIN = ROOT / ".venv/app/bin"
MODEL = ROOT / "var/models/current.tar.gz"
STACK_SCRIPT = ROOT / "tools/stack.py"
# the supervisor reads the same variable (tools/supervisor.py): a loaded machine needs more
READY_TIMEOUT = float(os.environ.get("AVISA_READY_TIMEOUT") or 240.0)
NAMES = ("backend", "gateway", "rasa", "actions")
# What answers once each process is up (the supervisor's own readiness URLs).
HEALTH = {"gateway": "/health", "backend": "/api/health", "rasa": "/", "actions": "/health"}
# Where a stack's clock starts unless a test asks for another: a working Wednesday morning
# (8x5 contracts covered, no public holiday, no surcharge).
WORKING_DAY = datetime(2026, 12, 9, 10, 0, tzinfo=ZoneInfo("Europe/Madrid"))
CLOCK_VARS = ("AVISA_CLOCK_START", "AVISA_CLOCK_OFFSET")


class StackError(RuntimeError):
    """The stack could not be prepared or did not come up (the message has the log tail)."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def drop_databases(names: Sequence[str],
                   server: str = "postgresql://postgres@127.0.0.1:5432") -> None:
    """Drop PostgreSQL databases a stack made (with the app environment's asyncpg)."""
    script = ("import asyncio, asyncpg, sys\n"
              "async def main():\n"
              "    c = await asyncpg.connect(sys.argv[1] + '/postgres')\n"
              "    for n in sys.argv[2:]:\n"
              "        await c.execute(f'DROP DATABASE IF EXISTS \"{n}\" WITH (FORCE)')\n"
              "    await c.close()\n"
              "asyncio.run(main())\n")
    subprocess.run([str(APP_BIN / "python"), "-c", script, server, *names], check=False)


def read_tokens(path: Path) -> dict[str, str]:
    return read_env_file(path)


def clock_env(start: datetime | None) -> dict[str, str]:
    """The environment that makes every process's now start at ``start`` (now, here):
    one offset from the real clock, so the four processes and the test agree exactly."""
    if start is None:
        return {}
    return {"AVISA_CLOCK_OFFSET": repr((start - datetime.now(UTC)).total_seconds())}


@dataclass(frozen=True)
class Ports:
    backend: int
    gateway: int
    rasa: int
    actions: int

    @classmethod
    def free(cls) -> Ports:
        return cls(*(free_port() for _ in NAMES))

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{getattr(self, name)}"

    def env(self) -> dict[str, str]:
        return {f"AVISA_{name.upper()}_PORT": str(getattr(self, name)) for name in NAMES}


# Test and benchmark stacks send many customers' traffic from one loopback address: the
# per-client limits on anonymous traffic (channels/core/ratelimit.py, deploy/nginx.conf
# .template) are raised there unless the environment sets them; their own tests set theirs.
LOAD_LIMITS = {f"AVISA_LIMIT_{kind}_{what}": "1000000" for kind in ("SESSIONS", "MESSAGES")
               for what in ("PER_MINUTE", "BURST")}


def base_env(work: Path, ports: Ports) -> dict[str, str]:
    """The environment of a private stack: ports, database, tokens, secret, demo mode."""
    return {
        **LOAD_LIMITS,
        **{name: value for name, value in os.environ.items() if name not in CLOCK_VARS},
        "DATABASE_URL": f"sqlite+aiosqlite:///{work / 'avisa.db'}",
        "AVISA_TOKENS_FILE": str(work / "tokens.env"),
        **ports.env(),
        "AVISA_SECRET": secrets.token_urlsafe(32),
        "AVISA_PORTAL_SECRET": secrets.token_urlsafe(32),  # signed portal identities (web)
        "AVISA_DEMO": "1",
    }


def prepare(work: Path, env: Mapping[str, str], data: Sequence[Path] = (ROOT / "data",),
            commands: Sequence[Sequence[str]] = (),
            setup_env: Mapping[str, str] | None = None) -> None:
    """Tokens, a migrated database, each data folder loaded, then ``avisa <command>``s."""
    steps = [["tokens", "ensure", "--file", str(work / "tokens.env")], ["db", "upgrade"],
             *(["demo", "load", "--data", str(folder)] for folder in data),
             *(list(command) for command in commands)]
    for step in steps:
        done = subprocess.run([str(APP_BIN / "avisa"), *step], env={**env, **(setup_env or {})},
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              check=False)
        if done.returncode != 0:
            raise StackError(f"`avisa {' '.join(step)}` failed ({done.returncode}):\n"
                             f"{done.stderr.decode(errors='replace')[-4000:]}")


@dataclass
class LaunchedStack:
    """A running supervisor and what the processes it started answer on."""

    ports: Ports
    work: Path
    env: dict[str, str]
    tokens: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes]
    ready_seconds: float = 0.0

    def url(self, name: str) -> str:
        return self.ports.url(name)

    @property
    def clock_offset(self) -> timedelta:
        """How far the stack's clock is from the real one."""
        return timedelta(seconds=float(self.env.get("AVISA_CLOCK_OFFSET") or 0))

    def now(self) -> datetime:
        """The stack's now (the backend's, the gateway's and the actions')."""
        return datetime.now(UTC) + self.clock_offset

    @property
    def pid(self) -> int:
        return self.process.pid

    def tail(self, lines: int = 80) -> str:
        if not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def check_alive(self) -> None:
        if self.process.poll() is not None:
            raise StackError(f"the stack exited with {self.process.returncode}:\n{self.tail()}")

    def stop(self, grace: float = 30.0) -> None:
        """SIGTERM to the whole process group, SIGKILL after ``grace`` seconds."""
        with contextlib.suppress(ProcessLookupError):  # it may have died by itself
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def launch(work: Path, ports: Ports, extra_env: Mapping[str, str] | None = None, *,
           data: Sequence[Path] = (ROOT / "data",), commands: Sequence[Sequence[str]] = (),
           setup_env: Mapping[str, str] | None = None, script: Path = STACK_SCRIPT,
           ready_timeout: float = READY_TIMEOUT,
           clock_start: datetime | None = WORKING_DAY) -> LaunchedStack:
    """Prepare ``work`` and start ``script``; return once all four processes answer.
    The stack's clock starts at ``clock_start`` (``None``: the real clock).

    Raises :class:`StackError` (after stopping what was started) when the model is
    missing, a setup command fails, or the stack dies or is not ready in time."""
    if not MODEL.exists():
        raise StackError("no trained model at var/models/current.tar.gz: run `make model` first")
    env = {**base_env(work, ports), **clock_env(clock_start), **(extra_env or {})}
    prepare(work, env, data, commands, setup_env)
    log = work / "stack.log"
    started_at = time.monotonic()
    with open(os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
        process = subprocess.Popen([str(APP_BIN / "python"), str(script)], env=env, cwd=ROOT,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    stack = LaunchedStack(ports, work, env, read_tokens(work / "tokens.env"), log, process)
    urls = [ports.url(name) + HEALTH[name] for name in NAMES]
    try:
        while not all(answers(u) for u in urls):
            stack.check_alive()
            if time.monotonic() - started_at > ready_timeout:
                raise StackError(f"the stack was not ready in {ready_timeout:.0f} s:\n"
                                 f"{stack.tail()}")
            time.sleep(0.2)
    except BaseException:
        stack.stop()
        raise
    stack.ready_seconds = time.monotonic() - started_at
    return stack

