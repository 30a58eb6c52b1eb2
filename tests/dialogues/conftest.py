"""One four-process stack for the whole dialogue suite (tests/e2e's, with a longer wait
for Rasa on a loaded machine: ``AVISA_DIALOGUES_READY`` seconds, default 900), the
Telegram/Twilio fakes and the real mail servers from tests/e2e/conftest.py."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.e2e.conftest import (
    MailServers,
    Providers,
    Stack,
    mailservers,
    providers,
    started_stack,
)

__all__ = ["dialogue_stack", "mailservers", "providers"]


@pytest.fixture(scope="session")
def dialogue_stack(tmp_path_factory: pytest.TempPathFactory, providers: Providers,
                   mailservers: MailServers | None) -> Iterator[Stack]:
    ready = float(os.environ.get("AVISA_DIALOGUES_READY", "900"))
    # the supervisor's own wait, inside the launcher's
    wait = {"AVISA_READY_TIMEOUT": str(ready - 30)}
    with started_stack(tmp_path_factory.mktemp("dialogue-stack"), providers, mailservers,
                       wait, ready_timeout=ready, webhook_wait=60,
                       name="dialogue stack", tail=20) as started:
        yield started
