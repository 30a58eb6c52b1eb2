"""Starts the scaled stack (tools/stack_scaled.py: two replicas each of backend, gateway,
Rasa and action server behind nginx, PostgreSQL, Redis lock store) once per session, on free
ports and fresh, uniquely named databases that are dropped afterwards.

Needs PostgreSQL at 127.0.0.1:5432, Redis at 127.0.0.1:6379, nginx (Debian's `nginx-light`)
and the trained model; without any of them the tests are skipped with a message saying what
is missing.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tools.stack_launch import LOAD_LIMITS, drop_databases, free_port

ROOT = Path(__file__).resolve().parents[2]
APP_BIN = ROOT / ".venv/app/bin"
MODEL = ROOT / "var/models/current.tar.gz"
READY_TIMEOUT = 300.0


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "scaling: starts the scaled stack (PostgreSQL, Redis, "
                            "nginx, two replicas of each process; slow)")


@dataclass(frozen=True)
class Scaled:
    gateway: str
    backend: str
    rasa: str
    tokens: dict[str, str]
    rasa_db: str
    log: Path

    def tail(self, lines: int = 60) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


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
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scaled]:
    lacking = missing()
    if lacking:
        pytest.skip("scaling test needs " + ", ".join(lacking))
    work = tmp_path_factory.mktemp("scaled")
    suffix = secrets.token_hex(4)
    databases = [f"avisa_scaletest_{suffix}", f"avisa_scaletest_rasa_{suffix}"]
    ports = {name: free_port() for name in ("gateway", "backend", "rasa", "actions")}
    env = {
        **LOAD_LIMITS,  # 200 customers from one loopback address
        **os.environ,
        "AVISA_TOKENS_FILE": str(work / "tokens.env"),
        **{f"AVISA_{n.upper()}_PORT": str(p) for n, p in ports.items()},
        "AVISA_SCALED_DB": databases[0],
        "AVISA_SCALED_RASA_DB": databases[1],
        "AVISA_SCALED_LOCK_PREFIX": f"scaletest{suffix}",
        "AVISA_SECRET": secrets.token_urlsafe(32),
        "AVISA_DEMO": "1",
        "AVISA_RASA_TIMEOUT": "120",
        "AVISA_BACKEND_TIMEOUT": "120",  # 200 new conversations at once on 2 shared cores
        "AVISA_LB_READ_TIMEOUT": "300s",
    }
    log = work / "scaled.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([str(APP_BIN / "python"), str(ROOT / "tools/stack_scaled.py"),
                                 "--fresh"], env=env, cwd=ROOT, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    urls = {n: f"http://127.0.0.1:{p}" for n, p in ports.items()}
    deadline = time.monotonic() + READY_TIMEOUT
    try:
        while "is running" not in log.read_text(errors="replace"):
            if proc.poll() is not None:
                pytest.fail(f"the scaled stack exited with {proc.returncode}:\n"
                            f"{log.read_text(errors='replace')[-4000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"scaled stack not ready in {READY_TIMEOUT:.0f} s:\n"
                            f"{log.read_text(errors='replace')[-4000:]}")
            time.sleep(0.5)
        tokens = dict(line.split("=", 1) for line in
                      (work / "tokens.env").read_text().splitlines() if "=" in line)
        yield Scaled(gateway=urls["gateway"], backend=urls["backend"], rasa=urls["rasa"],
                     tokens={k.strip(): v.strip() for k, v in tokens.items()},
                     rasa_db=databases[1], log=log)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        drop_databases(databases)
        sys.stdout.write(f"\n--- scaled stack log (tail) ---\n"
                         f"{log.read_text(errors='replace')[-3000:]}\n")
