"""Pure parts: the slash guard, widget sessions, settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from channels.config import Settings
from channels.core.errors import ConfigError, InvalidInput
from channels.core.slash_guard import guard
from channels.web.sessions import SessionSigner


@pytest.mark.parametrize(
    ("text", "offered", "expected"),
    [
        ("/restart", [], "restart"),
        ("//restart", ["/restart"], "restart"),
        ("  /affirm", [], "affirm"),
        ("/affirm", ["/affirm", "/deny"], "/affirm"),
        ('/inform{"x": 1}', ['/inform{"x": 1}'], '/inform{"x": 1}'),
        ("/deny", ["/affirm"], "deny"),
        ("hola", ["/affirm"], "hola"),
        ("/", [], ""),
    ],
)
def test_slash_guard(text: str, offered: list[str], expected: str) -> None:
    assert guard(text, offered) == expected


def test_session_round_trip_and_forgeries() -> None:
    signer = SessionSigner("secret-1", ttl=60)
    token = signer.issue()
    session_id, issued_at, signature = token.split(".")
    assert signer.verify(token) == session_id
    other_id = signer.issue().split(".")[0]
    forgeries = [
        f"{other_id}.{issued_at}.{signature}",  # someone else's id, my signature
        f"{session_id}.{int(issued_at) + 1}.{signature}",  # altered timestamp
        f"{session_id}.{issued_at}.{signature[:-2]}AA",  # altered signature
        SessionSigner("another-secret", ttl=60).issue(),  # signed with another key
        session_id,  # bare id
        "",
        "w-x.1.2",
    ]
    for forged in forgeries:
        with pytest.raises(InvalidInput):
            signer.verify(forged)


def test_session_expires() -> None:
    now = [1_000_000.0]
    signer = SessionSigner("secret", ttl=60, clock=lambda: now[0])
    token = signer.issue()
    now[0] += 61
    with pytest.raises(InvalidInput):
        signer.verify(token)


def test_settings_from_env_and_tokens_file(tmp_path: Path) -> None:
    tokens = tmp_path / "tokens.env"
    tokens.write_text("# generated\nAVISA_TOKEN_GATEWAY=gw\nAVISA_TOKEN_REST='rest'\n")
    settings = Settings.from_env(
        {"AVISA_TOKENS_FILE": str(tokens), "AVISA_GATEWAY_PORT": "9090", "AVISA_SECRET": "s"}
    )
    assert (settings.token_gateway, settings.token_rest, settings.port) == ("gw", "rest", 9090)
    assert settings.demo is True  # no provider credentials
    env = {"AVISA_TOKENS_FILE": str(tokens), "AVISA_TOKEN_GATEWAY": "from-env"}
    assert Settings.from_env(env).token_gateway == "from-env"
    assert Settings.from_env({**env, "AVISA_TELEGRAM_TOKEN": "x"}).demo is False
    assert Settings.from_env({**env, "AVISA_DEMO": "0"}).demo is False
    derived = Settings.from_env(env).secret  # no AVISA_SECRET: stable, not the token itself
    assert derived == Settings.from_env(env).secret and "from-env" not in derived


@pytest.mark.parametrize(
    "env",
    [
        {},  # no gateway token anywhere
        {"AVISA_TOKEN_GATEWAY": "gw", "AVISA_GATEWAY_PORT": "eighty"},
        {"AVISA_TOKEN_GATEWAY": "gw", "AVISA_DEMO": "maybe"},
        {"AVISA_TOKEN_GATEWAY": "gw", "AVISA_OUTBOX_POLL_INTERVAL": "-1"},
    ],
)
def test_settings_refuse_bad_input(env: dict[str, str], tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        Settings.from_env({"AVISA_TOKENS_FILE": str(tmp_path / "none.env"), **env})
