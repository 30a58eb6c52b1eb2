"""Starts the real four-process stack (tools/stack.py) once per test session.

The stack gets its own free ports, a fresh SQLite database migrated and loaded with
the demo data, and its own tokens file, so it runs beside a developer's `make run`.
It needs the trained model (`make model`); without it the tests are skipped with a
message saying so.

The local fakes of the Telegram Bot API and of Twilio (tests/fakes/) run in this test
process, on their own event loop in a thread, before the stack starts; the gateway is
configured with them as it would be with the real providers (only the base URLs differ),
with ``AVISA_PUBLIC_URL`` set to its own URL, so Telegram updates come by webhook and SMS
by signed Twilio posts.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.twilio_api import FakeTwilio

T = TypeVar("T")
TELEGRAM_SECRET = "e2e-telegram-webhook_secret-0123456789"

ROOT = Path(__file__).resolve().parents[2]
APP_BIN = ROOT / ".venv/app/bin"
MODEL = ROOT / "var/models/current.tar.gz"
READY_TIMEOUT = 240.0


class Providers:
    """The Telegram and Twilio fakes, served from a private event loop in a thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="provider-fakes",
                                       daemon=True)
        self.thread.start()
        self.telegram = FakeTelegram()
        self.twilio = FakeTwilio()
        self.run(self.telegram.start())
        self.run(self.twilio.start())

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 60) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def env(self) -> dict[str, str]:
        return {
            "AVISA_TELEGRAM_TOKEN": self.telegram.token,
            "AVISA_TELEGRAM_SECRET": TELEGRAM_SECRET,
            "AVISA_TELEGRAM_API_URL": self.telegram.api_url,
            "AVISA_TWILIO_ACCOUNT_SID": self.twilio.account_sid,
            "AVISA_TWILIO_AUTH_TOKEN": self.twilio.auth_token,
            "AVISA_TWILIO_FROM": self.twilio.number,
            "AVISA_TWILIO_API_URL": self.twilio.base_url,
        }

    def close(self) -> None:
        self.run(self.telegram.stop())
        self.run(self.twilio.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)


@dataclass(frozen=True)
class Stack:
    gateway: str
    backend: str
    rasa: str
    tokens: dict[str, str]
    log: Path
    providers: Providers | None = None
    public_url: str = ""

    def tail(self, lines: int = 80) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(200 <= response.status < 500)
    except OSError:
        return False


def _read_tokens(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {k.strip(): v.strip() for k, v in pairs}


@pytest.fixture(scope="session")
def providers() -> Iterator[Providers]:
    started = Providers()
    try:
        yield started
    finally:
        started.close()


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory, providers: Providers) -> Iterator[Stack]:
    if not MODEL.exists():
        pytest.skip("no trained model at var/models/current.tar.gz: run `make model` first")
    work = tmp_path_factory.mktemp("stack")
    ports = {name: _free_port() for name in ("backend", "gateway", "rasa", "actions")}
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{work / 'avisa.db'}",
        "AVISA_TOKENS_FILE": str(work / "tokens.env"),
        "AVISA_BACKEND_PORT": str(ports["backend"]),
        "AVISA_GATEWAY_PORT": str(ports["gateway"]),
        "AVISA_RASA_PORT": str(ports["rasa"]),
        "AVISA_ACTIONS_PORT": str(ports["actions"]),
        "AVISA_SECRET": secrets.token_urlsafe(32),
        "AVISA_DEMO": "1",
        # Telegram and Twilio on, pointed at the local fakes; the gateway's own URL is
        # the public one (Telegram webhook, Twilio signatures).
        **providers.env(),
        "AVISA_PUBLIC_URL": f"http://127.0.0.1:{ports['gateway']}",
        "AVISA_OUTBOX_POLL_INTERVAL": "0.2",
    }
    for command in (["tokens", "ensure", "--file", str(work / "tokens.env")],
                    ["db", "upgrade"], ["demo", "load", "--data", str(ROOT / "data")]):
        subprocess.run([str(APP_BIN / "avisa"), *command], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    log = work / "stack.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([str(APP_BIN / "python"), str(ROOT / "tools/stack.py")],
                                env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    started = Stack(gateway=f"http://127.0.0.1:{ports['gateway']}",
                    backend=f"http://127.0.0.1:{ports['backend']}",
                    rasa=f"http://127.0.0.1:{ports['rasa']}",
                    tokens=_read_tokens(work / "tokens.env"), log=log, providers=providers,
                    public_url=f"http://127.0.0.1:{ports['gateway']}")
    urls = [f"{started.gateway}/health", f"{started.backend}/api/health", f"{started.rasa}/",
            f"http://127.0.0.1:{ports['actions']}/health"]
    deadline = time.monotonic() + READY_TIMEOUT
    try:
        while not all(_answers(u) for u in urls):
            if proc.poll() is not None:
                pytest.fail(f"the stack exited with {proc.returncode}:\n{started.tail()}")
            if time.monotonic() > deadline:
                pytest.fail(f"the stack was not ready in {READY_TIMEOUT:.0f} s:\n{started.tail()}")
            time.sleep(0.5)
        deadline = time.monotonic() + 30
        while providers.telegram.webhook_url is None:  # the gateway sets it at start
            if time.monotonic() > deadline:
                pytest.fail(f"the gateway never called setWebhook:\n{started.tail()}")
            time.sleep(0.2)
        yield started
    finally:
        with contextlib.suppress(ProcessLookupError):  # the stack may have died by itself
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        sys.stdout.write(f"\n--- stack log (tail) ---\n{started.tail(30)}\n")
