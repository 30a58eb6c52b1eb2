"""`avisa agents create|list|passwd|queues` against a migrated database."""

from __future__ import annotations

from typing import Any

import pytest

from backend.entrypoints.cli.main import main


def test_agents_cli_round_trip(db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: Any,
                               tmp_path: Any) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("the CLI is exercised once, on SQLite")
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("AVISA_TOKENS_FILE", str(tmp_path / "none.env"))
    monkeypatch.setenv("AVISA_AGENT_PASSWORD", "a long enough password")
    assert main(["agents", "create", "lucia", "--name", "Lucía", "--queues", "general,urgent"]) == 0
    assert "lucia (agent, active): Lucía; queues general, urgent" in capsys.readouterr().out
    assert main(["agents", "create", "lucia"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["agents", "queues", "lucia", "billing", "--role", "admin", "--inactive"]) == 0
    assert main(["agents", "passwd", "lucia"]) == 0
    assert main(["agents", "list"]) == 0
    out = capsys.readouterr().out
    assert "billing" in out and "admin" in out and "a long enough password" not in out
    monkeypatch.setenv("AVISA_AGENT_PASSWORD", "short")
    assert main(["agents", "passwd", "lucia"]) == 1
