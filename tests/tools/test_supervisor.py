"""The supervisor behind `make run`: prefixed output, clean stop, loud death."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tools.stack_launch import free_port

ROOT = Path(__file__).resolve().parents[2]


def _runner(tmp_path: Path, procs: str) -> Path:
    script = tmp_path / "run.py"
    script.write_text(textwrap.dedent(f"""
        import asyncio, sys
        from pathlib import Path
        sys.path.insert(0, {str(ROOT / 'tools')!r})
        from supervisor import Proc, supervise
        py = sys.executable
        procs = {procs}
        sys.exit(asyncio.run(supervise(procs, "ALL READY", ready_timeout=30)))
    """))
    return script


def _server(port: int) -> str:
    return (f"Proc('web', [py, '-m', 'http.server', '{port}', '--bind', '127.0.0.1'], "
            f"Path('.'), 'http://127.0.0.1:{port}/')")


def test_a_dying_process_stops_the_others_and_is_named(tmp_path: Path) -> None:
    port = free_port()
    dying = ("Proc('worker', [py, '-c', 'import time; print(\"working\", flush=True); "
             f"time.sleep(1.5); raise SystemExit(3)'], Path('.'), 'http://127.0.0.1:{port}/')")
    script = _runner(tmp_path, f"[{_server(port)}, {dying}]")
    done = subprocess.run([sys.executable, str(script)], check=False, capture_output=True,
                          text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 1
    assert "worker exited with code 3" in done.stdout
    assert "worker |" in done.stdout and "working" in done.stdout
    with socket.socket() as sock:  # the web server was stopped too
        assert sock.connect_ex(("127.0.0.1", port)) != 0


def test_ctrl_c_stops_everything_cleanly(tmp_path: Path) -> None:
    port = free_port()
    script = _runner(tmp_path, f"[{_server(port)}]")
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                            cwd=tmp_path)
    assert proc.stdout is not None
    deadline = time.monotonic() + 30
    seen = ""
    while "ALL READY" not in seen and time.monotonic() < deadline:
        seen += proc.stdout.readline()
    assert "ALL READY" in seen
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=30) == 0
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0


SYSTEM_PYTHON_310 = ("/usr/bin/python3.10", "/usr/local/bin/python3.10",
                     "/opt/python3.10/bin/python3")


def test_setup_names_the_way_to_get_python_310_when_there_is_none(tmp_path: Path) -> None:
    if any(Path(p).exists() for p in SYSTEM_PYTHON_310):
        pytest.skip("this machine has a system-wide Python 3.10; cannot hide it from the setup")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").symlink_to(sys.executable)
    for tool in ("bash", "cat", "sha256sum", "cut", "cmp", "dirname"):
        found = subprocess.run(["which", tool], check=False, capture_output=True,
                               text=True).stdout.strip()
        (bin_dir / tool).symlink_to(found)
    done = subprocess.run(["bash", str(ROOT / "tools/setup_env.sh")], check=False,
                          capture_output=True, text=True, timeout=60,
                          env={"PATH": str(bin_dir), "HOME": str(tmp_path),
                               "AVISA_PYTHON310": ""})
    assert done.returncode == 1
    assert "needs Python 3.10" in done.stderr
    assert "pyenv install 3.10" in done.stderr
