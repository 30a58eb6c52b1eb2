"""A conversation never inherits another's dialogue state (issue 19, acceptance 7).

A stack is started, a sender stops half-way through verification (a one-time code
pending for C-1001, Rasa's tracker holding the form's slots), the stack is stopped and
started again on a fresh database, as when DATABASE_URL is switched, a backup restored
or the demo database reset: a new SQLite file beside the old one with the same Rasa
tracker file left in place, or a new PostgreSQL database (Rasa's trackers then live in
the backend's database itself). The fresh
database counts conversations from 1 again, yet the new sender's conversation has an id
of its own (the readable number, then a random part), so Rasa starts it clean: the
greeting is answered as a greeting, not as a wrong one-time code."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from backend.adapters.db import create_engine
from tests.conftest import PG_SERVER, _in_thread, _pg
from tools.stack_launch import (
    READY_TIMEOUT,
    LaunchedStack,
    Ports,
    StackError,
    drop_databases,
    launch,
)

FIRST = "hola, el compresor pierde aceite"


def say(stack: LaunchedStack, sender: str, text: str) -> list[dict[str, Any]]:
    request = urllib.request.Request(
        stack.ports.url("gateway") + "/webhooks/rest/webhook", method="POST",
        data=json.dumps({"sender": sender, "message": text}).encode(),
        headers={"Authorization": f"Bearer {stack.tokens['AVISA_TOKEN_REST']}",
                 "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=180) as response:
        replies: list[dict[str, Any]] = json.loads(response.read())
    return replies


def rasa_slots(stack: LaunchedStack, conversation_id: str) -> dict[str, Any]:
    url = (f"{stack.ports.url('rasa')}/conversations/{conversation_id}/tracker"
           f"?token={stack.tokens['AVISA_TOKEN_RASA']}")
    with urllib.request.urlopen(url, timeout=60) as response:
        slots: dict[str, Any] = json.loads(response.read())["slots"]
    return slots


def conversation_of(database_url: str, sender: str) -> str:
    async def read() -> str:
        engine = create_engine(database_url)
        try:
            async with engine.connect() as conn:
                found = await conn.scalar(text(
                    "SELECT id FROM conversations WHERE channel = 'rest' AND address = :a"),
                    {"a": sender})
        finally:
            await engine.dispose()
        assert found, f"no conversation for {sender}"
        return str(found)
    return asyncio.run(read())


def started(work: Path, extra: dict[str, str]) -> LaunchedStack:
    """A stack; AVISA_READY_TIMEOUT (the supervisor's wait) also bounds this one."""
    timeout = float(os.environ.get("AVISA_READY_TIMEOUT") or READY_TIMEOUT)
    try:
        return launch(work, Ports.free(), extra, ready_timeout=max(timeout, READY_TIMEOUT))
    except StackError as exc:
        pytest.fail(str(exc))


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_a_new_sender_on_a_fresh_database_starts_clean(engine: str, tmp_path: Path) -> None:
    # SQLite: one tracker file left in place across the switch (the ids keep them apart);
    # PostgreSQL: Rasa's trackers in the backend's own database (tools/stack.py)
    trackers = ({"AVISA_RASA_TRACKER_DB": str(tmp_path / "rasa-trackers.db")}
                if engine == "sqlite" else {})
    databases: list[str] = []

    def database(n: int) -> str:
        if engine == "sqlite":
            return f"sqlite+aiosqlite:///{tmp_path / f'avisa-{n}.db'}"
        name = f"avisa_fresh_{secrets.token_hex(4)}_{n}"
        try:
            _in_thread(_pg, f'CREATE DATABASE "{name}"')
        except (OSError, TimeoutError):
            pytest.skip("PostgreSQL: nothing answers on 127.0.0.1:5432")
        databases.append(name)
        return f"{PG_SERVER}/{name}"

    try:
        first = database(1)
        stack = started(tmp_path, {"DATABASE_URL": first, **trackers})
        try:
            say(stack, "first-person", FIRST)
            say(stack, "first-person", "C-1001")  # a code is pending; the form waits for it
            held = conversation_of(first, "first-person")
            assert rasa_slots(stack, held)["customer_code"] == "C-1001"
        finally:
            stack.stop()
        second = database(2)
        stack = started(tmp_path, {"DATABASE_URL": second, **trackers})
        try:
            replies = say(stack, "second-person", FIRST)
            fresh = conversation_of(second, "second-person")
            slots = rasa_slots(stack, fresh)
        finally:
            stack.stop()
    finally:
        if databases:
            drop_databases(databases)
    assert held.split("-")[:2] == fresh.split("-")[:2] == ["CONV", "00001"]  # same number
    assert fresh != held  # but never the same id
    assert slots.get("customer_code") is None and slots.get("requested_slot") != "otp_code"
    text = " ".join(r.get("text", "") for r in replies)
    assert "6 cifras" not in text and "6 digits" not in text, text
