"""No secret on a command line (issue 19): ``ps`` shows every process's argv to every user
of the machine, so the stack passes Rasa's API token and the action server's secret in
the environment; tools/rasa_serve.py hands Rasa its token inside the process."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.tokens import ensure_tokens
from tools import stack
from tools.rasa_serve import rasa_argv


def test_no_process_of_the_stack_has_a_token_in_its_argv(tmp_path: Path) -> None:
    tokens = ensure_tokens(tmp_path / "tokens.env")
    procs, _ = stack.build({"AVISA_TOKENS_FILE": str(tmp_path / "tokens.env"),
                            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'a.db'}"})
    assert {p.name for p in procs} == {"backend", "actions", "rasa", "gateway"}
    for proc in procs:
        for secret in tokens.values():
            assert not any(secret in arg for arg in proc.argv), proc.name
    by_name = {p.name: p for p in procs}
    assert by_name["rasa"].env["AVISA_TOKEN_RASA"] == tokens["AVISA_TOKEN_RASA"]
    assert by_name["actions"].env["AVISA_TOKEN_ACTION_SERVER"] == tokens[
        "AVISA_TOKEN_ACTION_SERVER"]
    assert by_name["actions"].env["AVISA_ACTIONS_HOST"] == "127.0.0.1"
    assert "-i" in by_name["rasa"].argv and "127.0.0.1" in by_name["rasa"].argv


def test_rasa_gets_its_token_inside_the_process() -> None:
    argv = rasa_argv(["run", "--enable-api", "-p", "5005"], {"AVISA_TOKEN_RASA": "-tok"})
    assert argv == ["rasa", "run", "--enable-api", "-p", "5005", "--auth-token=-tok"]
    assert rasa_argv(["train"], {}) == ["rasa", "train"]
    with pytest.raises(SystemExit):
        rasa_argv(["run", "--enable-api"], {})


def test_the_stack_will_not_start_without_the_action_server_secret(tmp_path: Path) -> None:
    (tmp_path / "tokens.env").write_text("AVISA_TOKEN_RASA=x\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="AVISA_TOKEN_ACTION_SERVER"):
        stack.build({"AVISA_TOKENS_FILE": str(tmp_path / "tokens.env")})


def test_with_postgresql_rasa_keeps_its_trackers_in_the_backends_database(
        tmp_path: Path) -> None:
    ensure_tokens(tmp_path / "tokens.env")
    url = "postgresql+asyncpg://avisa:p%40ss@db.internal:6543/avisa_prod"
    procs, _ = stack.build({"AVISA_TOKENS_FILE": str(tmp_path / "tokens.env"),
                            "DATABASE_URL": url})
    rasa = {p.name: p for p in procs}["rasa"]
    assert "endpoints.postgres.yml" in rasa.argv
    assert {k: rasa.env[k] for k in ("RASA_DB_HOST", "RASA_DB_PORT", "RASA_DB_NAME",
                                     "RASA_DB_USER", "RASA_DB_PASSWORD")} == {
        "RASA_DB_HOST": "db.internal", "RASA_DB_PORT": "6543", "RASA_DB_NAME": "avisa_prod",
        "RASA_DB_USER": "avisa", "RASA_DB_PASSWORD": "p@ss"}
    assert not any("p@ss" in arg or "p%40ss" in arg for p in procs for arg in p.argv)
    sqlite = stack.build({"AVISA_TOKENS_FILE": str(tmp_path / "tokens.env"),
                          "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'a.db'}"})[0]
    assert "endpoints.yml" in {p.name: p for p in sqlite}["rasa"].argv
