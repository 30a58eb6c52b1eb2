"""Operations over the four real processes: a REST conversation moves the counters of both
/metrics endpoints; the backend's readiness is 200 with Rasa and the action server up, 503
naming Rasa while the running Rasa is stopped (SIGSTOP), and 200 again once it goes on
(issue 18, acceptance 2; a Rasa that is not there: tests/backend/api/test_ready_and_metrics.py)."""

from __future__ import annotations

import os
import secrets
import signal
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.e2e import clients
from tests.e2e.conftest import Stack

pytestmark = pytest.mark.e2e


def scrape(url: str, token: str | None = None) -> dict[str, float]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as r:
        assert r.headers["Content-Type"].startswith("text/plain")
        text = r.read().decode()
    samples: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.rpartition(" ")
            samples[key] = float(value)
    return samples


def count(samples: dict[str, float], name: str, **labels: str) -> float:
    """The sample of ``name`` with exactly these labels, whatever their order (0 if none)."""
    want = {f'{k}="{v}"' for k, v in labels.items()}
    for key, value in samples.items():
        head, _, rest = key.partition("{")
        if head == name and set(rest.rstrip("}").split(",")) == want:
            return value
    return 0.0


def delta(before: dict[str, float], after: dict[str, float], name: str, **labels: str) -> float:
    return count(after, name, **labels) - count(before, name, **labels)


def moved(before: dict[str, float], after: dict[str, float], prefix: str) -> float:
    keys = {k for k in after if k.startswith(prefix)}
    return sum(after[k] - before.get(k, 0.0) for k in keys)


def test_a_conversation_moves_the_counters(stack: Stack) -> None:
    admin = stack.tokens["AVISA_TOKEN_ADMIN"]
    backend_before = scrape(f"{stack.backend}/metrics", admin)
    gateway_before = scrape(f"{stack.gateway}/metrics")
    sender = f"metrics-{secrets.token_hex(4)}"
    for text in ("hola", "la impresora no imprime"):
        answer = clients.http("POST", f"{stack.gateway}/webhooks/rest/webhook",
                              stack.tokens["AVISA_TOKEN_REST"], {"sender": sender, "message": text})
        assert answer, text
    backend_after = scrape(f"{stack.backend}/metrics", admin)
    gateway_after = scrape(f"{stack.gateway}/metrics")
    g_name = "avisa_gateway_messages_total"
    assert delta(gateway_before, gateway_after, g_name, direction="in", channel="rest") == 2
    assert delta(gateway_before, gateway_after, g_name, direction="out", channel="rest") >= 2
    assert moved(gateway_before, gateway_after, "avisa_gateway_rasa_seconds_count") == 2
    b_name = "avisa_backend_inbound_messages_total"
    assert delta(backend_before, backend_after, b_name, channel="rest") == 2
    assert moved(backend_before, backend_after, "avisa_backend_outbound_messages_total") >= 2
    latency = "avisa_backend_http_request_duration_seconds_count"
    assert delta(backend_before, backend_after, latency, method="POST",
                 route="/api/messages/inbound", status="2xx") >= 2
    assert not any(sender in key for key in backend_after)  # no addresses in labels
    assert "avisa_outbox_depth" in backend_after


def test_ready_with_every_process_up(stack: Stack) -> None:
    status, body = clients.api_status(stack, "GET", "/api/health/ready")
    assert (status, body["failed"]) == (200, []), body


def listening_pids(port: int) -> set[int]:
    """The processes holding the listening TCP socket on ``port`` (read from /proc)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:  # 0A = LISTEN
                inodes.add(f"socket:[{inode}]")
    pids = set()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if any(os.readlink(fd) in inodes for fd in (proc / "fd").iterdir()):
                pids.add(int(proc.name))
        except OSError:  # gone, or not ours
            continue
    return pids


@contextmanager
def stopped(pids: set[int]) -> Iterator[None]:
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGCONT)


def test_ready_turns_503_while_rasa_is_stopped(stack: Stack) -> None:
    port = urllib.parse.urlsplit(stack.rasa).port
    assert port is not None
    pids = listening_pids(port)
    assert pids, f"no process listens on Rasa's port {port}"
    with stopped(pids):
        status, body = clients.api_status(stack, "GET", "/api/health/ready")
        assert (status, body["failed"]) == (503, ["rasa"]), body
        assert body["checks"]["action_server"] == "ok"
    clients.wait_until("ready again", lambda: clients.api_status(
        stack, "GET", "/api/health/ready")[0] == 200, timeout=60)
