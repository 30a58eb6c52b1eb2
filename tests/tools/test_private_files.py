"""The private-files check (tools/private_files.py): what it protects and what it reports."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tools.private_files import problems, protect
from tools.stack import private_folders


def make(path: Path, text: str, mode: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(mode)
    return path


def test_open_files_and_secrets_in_logs_are_reported_then_protected(tmp_path: Path) -> None:
    db = make(tmp_path / "avisa.db", "x", 0o644)
    wal = make(tmp_path / "sub" / "rasa-trackers.db-wal", "x", 0o640)
    make(tmp_path / "tokens.env", "AVISA_TOKEN_REST=s3cret-s3cret\n", 0o600)
    log = make(tmp_path / "stack.log",
               'gateway | "GET /ws?token=abc123.1767225600.c2lnbmF0dXJl HTTP/1.1" 101\n'
               "backend | Authorization: Bearer s3cret-s3cret\n"
               'gateway | "GET /ws HTTP/1.1" 101\n', 0o600)
    make(tmp_path / "models" / "model.tar.gz", "x", 0o644)  # not personal data
    found = problems([tmp_path], ["s3cret-s3cret"])
    assert sorted(found) == sorted([
        f"{db}: mode 0644, readable or writable by others",
        f"{wal}: mode 0640, readable or writable by others",
        f"{log}:1: a secret in a log line",
        f"{log}:2: a secret in a log line",
    ])
    protect([tmp_path])
    assert stat.S_IMODE(db.stat().st_mode) == stat.S_IMODE(wal.stat().st_mode) == 0o600
    log.write_text('gateway | "GET /ws HTTP/1.1" 101\n')
    assert problems([tmp_path], ["s3cret-s3cret"]) == []


def test_the_stack_protects_var_the_database_and_the_tokens_folders(tmp_path: Path) -> None:
    folders = private_folders({"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'db/a.db'}",
                               "AVISA_TOKENS_FILE": str(tmp_path / "t/tokens.env")})
    assert {tmp_path / "db", tmp_path / "t"} <= set(folders)
    assert any(f.name == "var" for f in folders)


def test_the_umask_makes_new_files_private(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        (tmp_path / "new.db").write_text("x")
    finally:
        os.umask(old)
    assert problems([tmp_path], []) == []


def test_the_make_test_check_fails_on_an_open_file_or_a_logged_token(tmp_path: Path) -> None:
    """``make test`` ends with ``python tools/private_files.py var``: its exit status."""
    from tools.private_files import main

    make(tmp_path / "tokens.env", "AVISA_TOKEN_ADMIN=admin-secret-1234\n", 0o600)
    db = make(tmp_path / "avisa.db", "x", 0o600)
    assert main([str(tmp_path)]) == 0
    db.chmod(0o644)
    assert main([str(tmp_path)]) == 1
    db.chmod(0o600)
    log = make(tmp_path / "logs" / "backend.log", "auth admin-secret-1234 ok\n", 0o600)
    assert main([str(tmp_path)]) == 1
    log.write_text("auth ok\n")
    assert main([str(tmp_path)]) == 0
    assert main([str(tmp_path / "missing")]) == 2
