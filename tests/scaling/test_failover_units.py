"""Fast checks of the failover pieces, without the scaled stack: the keep-alive wrapper of
tools/stack_scaled.py, the gateway's re-asking of Rasa about a message sent again, and the
rendered nginx configuration (``nginx -t``)."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, cast

import pytest

from channels.backend_client import BackendClient
from channels.models import BotMessage, InboundMessage, StoredInbound
from channels.pipeline import Pipeline
from channels.rasa_client import RasaClient

ROOT = Path(__file__).resolve().parents[2]
STACK_SCALED = ROOT / "tools/stack_scaled.py"
sys.path.insert(0, str(ROOT / "tools"))


def _keep_alive(*command: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(STACK_SCALED), "--keep-alive", "demo", "--",
                             *command], stdout=subprocess.PIPE, text=True,
                            start_new_session=True)


def _next_pid(proc: subprocess.Popen[str]) -> int:
    assert proc.stdout is not None
    while line := proc.stdout.readline():
        found = re.search(r"\[keep-alive\] demo pid (\d+) \(start \d+\)", line)
        if found:
            return int(found[1])
    raise AssertionError("the wrapper stopped before starting its command")


def test_keep_alive_restarts_a_killed_process_and_stops_on_sigterm() -> None:
    wrapper = _keep_alive("sleep", "60")
    try:
        first = _next_pid(wrapper)
        os.kill(first, signal.SIGKILL)
        second = _next_pid(wrapper)
        assert second != first
        os.killpg(wrapper.pid, signal.SIGTERM)
        assert wrapper.wait(timeout=10) is not None
        assert "(start 3)" not in (wrapper.stdout.read() if wrapper.stdout else "")
    finally:
        if wrapper.poll() is None:
            os.killpg(wrapper.pid, signal.SIGKILL)


def test_keep_alive_gives_up_on_a_process_that_keeps_dying_at_start() -> None:
    started = time.monotonic()
    wrapper = _keep_alive("/bin/sh", "-c", "exit 3")
    out, _ = wrapper.communicate(timeout=30)
    assert wrapper.returncode == 3
    assert out.count("(start ") == 3 and "giving up" in out
    assert time.monotonic() - started < 15


class _Rasa:
    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    async def send(self, conversation_id: str, text: str, channel: str, address: str,
                   message_id: str | None = None, resent: bool = False) -> list[BotMessage]:
        self.calls.append({"text": text, "message_id": message_id, "resent": resent})
        return [BotMessage(text=f"echo: {text}")]


class _Backend:
    def __init__(self) -> None:
        self.stored: list[str] = []

    async def store_outbound(self, conversation_id: str, reply: BotMessage) -> str:
        self.stored.append(reply.text or "")
        return f"MSG-{len(self.stored)}"


def _respond(replay: bool, duplicate: bool) -> tuple[tuple[BotMessage, ...], _Rasa, _Backend]:
    rasa, backend = _Rasa(), _Backend()
    pipeline = Pipeline(cast(BackendClient, backend), cast(RasaClient, rasa),
                        replay_duplicates=replay)
    stored = StoredInbound("CONV-00001", "MSG-00007", duplicate, "bot", None, False, ())
    message = InboundMessage("rest", "ana", "hola", provider_message_id="w-1")
    result = asyncio.run(pipeline.respond(message, stored))
    return result.replies, rasa, backend


def test_a_message_sent_again_is_re_asked_with_its_id_when_rasa_replays() -> None:
    replies, rasa, backend = _respond(replay=True, duplicate=True)
    assert [r.text for r in replies] == ["echo: hola"]
    assert rasa.calls == [{"text": "hola", "message_id": "MSG-00007", "resent": True}]
    assert backend.stored == ["echo: hola"]
    _, rasa, _ = _respond(replay=True, duplicate=False)
    assert rasa.calls == [{"text": "hola", "message_id": "MSG-00007", "resent": False}]


def test_without_replay_a_message_sent_again_is_not_answered_and_no_id_is_sent() -> None:
    replies, rasa, backend = _respond(replay=False, duplicate=True)
    assert replies == () and rasa.calls == [] and backend.stored == []
    _, rasa, _ = _respond(replay=False, duplicate=False)
    assert rasa.calls == [{"text": "hola", "message_id": None, "resent": False}]


def test_rendered_nginx_configuration_is_valid(tmp_path: Path) -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.skip("nginx is not installed")
    import stack_scaled

    conf = stack_scaled.render_nginx(
        tmp_path, {"gateway": 18080, "backend": 18000, "rasa": 15005},
        {"gateway": [1, 2], "backend": [3, 4], "rasa": [5, 6]})
    text = conf.read_text()
    assert "proxy_next_upstream error http_502 http_503 non_idempotent;" in text
    checked = subprocess.run([nginx, "-t", "-c", str(conf), "-e", str(tmp_path / "e.log")],
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
