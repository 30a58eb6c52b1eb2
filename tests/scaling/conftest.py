"""Starts the scaled stack (tools/stack_scaled.py: two replicas each of backend, gateway,
Rasa and action server behind nginx, PostgreSQL, Redis lock store) once per session, on free
ports and fresh, uniquely named databases that are dropped afterwards.

Needs PostgreSQL at 127.0.0.1:5432, Redis at 127.0.0.1:6379, nginx (Debian's `nginx-light`)
and the trained model; without any of them the tests are skipped with a message saying what
is missing.
"""

from __future__ import annotations

import shutil
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.scaled_launch import ScaledStack, scaled_stack
from tools.stack_launch import StackError

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "var/models/current.tar.gz"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "scaling: starts the scaled stack (PostgreSQL, Redis, "
                            "nginx, two replicas of each process; slow)")


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def missing() -> list[str]:
    found = []
    if not _listening(5432):
        found.append("PostgreSQL on 127.0.0.1:5432")
    if not _listening(6379):
        found.append("Redis on 127.0.0.1:6379")
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        found.append("nginx (apt-get install nginx-light, or `make run-scaled` once)")
    if not MODEL.exists():
        found.append("the trained model (`make model`)")
    return found


@pytest.fixture(scope="session")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScaledStack]:
    lacking = missing()
    if lacking:
        pytest.skip("scaling test needs " + ", ".join(lacking))
    work = tmp_path_factory.mktemp("scaled")
    try:
        with scaled_stack(work, "scaletest") as stack:
            yield stack
    except StackError as exc:
        pytest.fail(str(exc))
    finally:
        log = work / "scaled.log"
        tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
        sys.stdout.write(f"\n--- scaled stack log (tail) ---\n{tail}\n")
