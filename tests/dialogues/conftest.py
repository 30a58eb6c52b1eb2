"""One four-process stack for the whole dialogue suite (tests/e2e's, with a longer wait
for Rasa on a loaded machine: ``AVISA_DIALOGUES_READY`` seconds, default 900), the
Telegram/Twilio fakes and the real mail servers from tests/e2e/conftest.py."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.e2e.conftest import (
    MODEL,
    MailServers,
    Providers,
    Stack,
    mailservers,
    providers,
    started_stack,
)
from tools.stack_launch import Ports

__all__ = ["dialogue_stack", "mailservers", "providers"]


@pytest.fixture(scope="session")
def dialogue_stack(tmp_path_factory: pytest.TempPathFactory, providers: Providers,
                   mailservers: MailServers | None) -> Iterator[Stack]:
    if not MODEL.exists():
        pytest.skip("no trained model at var/models/current.tar.gz: run `make model` first")
    ports = Ports.free()
    env = {**providers.env(), "AVISA_PUBLIC_URL": ports.url("gateway"),
           "AVISA_OUTBOX_POLL_INTERVAL": "0.2",
           # many conversations verify the same demo customers, some with wrong factors on
           # purpose: roomy failure limits (tested in tests/backend/test_verification_attempts.py)
           "AVISA_VERIFY_FAILURES_PER_CUSTOMER": "100", "AVISA_VERIFY_FAILURES_PER_CLIENT": "1000",
           **(mailservers.env() if mailservers else {}), "AVISA_DEMO": "1"}
    ready = float(os.environ.get("AVISA_DIALOGUES_READY", "900"))
    env["AVISA_READY_TIMEOUT"] = str(ready - 30)  # the supervisor's own wait
    with started_stack(tmp_path_factory.mktemp("dialogue-stack"), ports, env, providers,
                       mailservers, ready_timeout=ready, webhook_wait=60,
                       name="dialogue stack", tail=20) as started:
        yield started
