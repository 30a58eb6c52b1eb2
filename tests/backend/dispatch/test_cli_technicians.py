"""`avisa technicians link-code T-01`: prints a code that really links the technician's
Telegram chat with `/start CODE`, with instructions an admin can follow; an unknown
technician is a clear error (exit 1)."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest

from backend.adapters.db import create_engine, session_factory
from backend.domain.clock import utcnow
from backend.entrypoints.cli.main import main
from backend.services.dispatch.inbound import technician_message
from backend.services.platform.uow import UnitOfWorkFactory


@pytest.fixture
def cli_env(demo_db: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> str:
    if not demo_db.startswith("sqlite"):
        pytest.skip("the CLI is exercised once, on SQLite")
    monkeypatch.setenv("DATABASE_URL", demo_db)
    monkeypatch.setenv("AVISA_TOKENS_FILE", str(tmp_path / "none.env"))
    return demo_db


async def _send(db_url: str, chat: str, text: str) -> dict[str, Any]:
    engine = create_engine(db_url)
    try:
        return await technician_message(UnitOfWorkFactory(session_factory(engine), utcnow),
                                        "telegram", chat, text)
    finally:
        await engine.dispose()


def test_link_code_prints_a_working_code_and_how_to_use_it(cli_env: str, capsys: Any) -> None:
    assert main(["technicians", "link-code", "t-01"]) == 0
    out = capsys.readouterr().out
    code = re.search(r"link code for T-01 \(Javier Royo\): ([A-Z2-9]{8})\n", out)
    assert code is not None, out
    assert f"    /start {code.group(1)}\n" in out  # the exact message to send, on its own line
    assert "Telegram" in out and "Valid once, until" in out and "Europe/Madrid" in out
    linked = asyncio.run(_send(cli_env, "555001", f"/start {code.group(1)}"))
    assert linked == {"handled": True, "technician_id": "T-01", "linked": True}
    again = asyncio.run(_send(cli_env, "555002", f"/start {code.group(1)}"))
    assert again.get("linked") is not True  # one-time: the used code links nobody else


def test_link_code_for_unknown_technician_is_a_clear_error(cli_env: str, capsys: Any) -> None:
    assert main(["technicians", "link-code", "T-99"]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == "error: technician T-99 not found"
    assert captured.out == ""

