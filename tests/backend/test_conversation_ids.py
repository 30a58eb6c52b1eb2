"""Conversation ids are never reused (issue 19, finding 7): two databases both start their
counters at 1, yet their first conversations get different ids, so state another process
keys on the id (Rasa's tracker store) cannot pass from one to the other. The readable
number stays in front for people."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from backend.bootstrap import create_app
from backend.config import Settings
from backend.domain.ids import ID_COLUMN_WIDTH, unique_id
from tests.backend.helpers import h
from tests.conftest import FakeClock

UNIQUE = re.compile(r"CONV-(\d{5,})-[0-9A-HJKMNP-TV-Z]{8,}")


def test_unique_ids_fit_the_column_and_keep_the_readable_number() -> None:
    for readable in ("CONV-00001", "CONV-99999", "CONV-123456"):
        made = unique_id(readable, (1 << 64) - 1)
        assert made.startswith(readable + "-") and len(made) <= ID_COLUMN_WIDTH
        assert UNIQUE.fullmatch(made)
    assert unique_id("CONV-00001", 0) != unique_id("CONV-00001", 1)
    assert len(unique_id("CONV-1234567890", 5)) == len("CONV-1234567890") + 9


async def test_two_fresh_databases_never_hand_out_the_same_conversation_id(
        aiohttp_client: Any, tmp_path: Path, sqlite_template: Path,
        tokens: dict[str, str]) -> None:
    ids = []
    for name in ("first.db", "second.db"):
        shutil.copy(sqlite_template, tmp_path / name)
        settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / name}", tokens=tokens)
        client = await aiohttp_client(create_app(settings, clock=FakeClock()))
        resp = await client.post("/api/messages/inbound", headers=h("gateway"),
                                 json={"channel": "rest", "address": "same-sender",
                                       "text": "hola"})
        ids.append((await resp.json())["conversation_id"])
    assert [UNIQUE.fullmatch(i).group(1) for i in ids] == ["00001", "00001"]  # type: ignore[union-attr]
    assert ids[0] != ids[1]
