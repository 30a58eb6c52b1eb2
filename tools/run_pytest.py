"""The whole pytest suite as two processes side by side (issue 13 §5: CI within its time).

The tests that drive whole stacks (end to end, browser, scaling, technician scenarios, live
mail servers) spend most of their time waiting on other processes; the rest is one
process's CPU. On two cores the two halves overlap instead of adding up. Each half has its
own pytest temporary folder and log (in one new folder of the system's temporary space, not
under var/, whose files the private-files check reads) and a session-scoped PostgreSQL
database of its own (tests/conftest.py), so they share nothing but the machine.

    python tools/run_pytest.py [pytest options…]

Each half's output is printed once it ends, with its wall time; the exit status is the
first non-zero of the two (a half that options leave without a test does not count).
Standard library only.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# waiting on processes: the half that starts stacks
STACKS = ("tests/e2e", "tests/browser", "tests/scaling", "tests/technicians",
          "tests/channels/email_live", "tests/mailservers")
NO_TESTS = 5  # pytest's exit status when nothing was collected


@dataclass
class Half:
    name: str
    args: list[str]
    log: Path
    started: float = 0.0
    proc: subprocess.Popen[bytes] | None = None
    seconds: float = 0.0

    def start(self, options: list[str]) -> None:
        temp = self.log.parent / self.name
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                   "-m", "not dialogues", "--durations=15", f"--basetemp={temp}", *options,
                   *self.args]
        self.started = time.monotonic()
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(command, cwd=ROOT, stdout=out,
                                         stderr=subprocess.STDOUT)

    def wait(self) -> int:
        assert self.proc is not None
        code = self.proc.wait()
        self.seconds = time.monotonic() - self.started
        return code


def halves() -> list[Half]:
    logs = Path(tempfile.mkdtemp(prefix="avisa-pytest-"))
    stacks = [p for p in STACKS if (ROOT / p).exists()]
    rest = [f"--ignore={p}" for p in stacks]
    return [Half("stacks", stacks, logs / "stacks.log"),
            Half("rest", ["tests", *rest], logs / "rest.log")]


def main(options: list[str]) -> int:
    parts = halves()
    for half in parts:
        half.start(options)
    codes = [half.wait() for half in parts]
    for half, code in zip(parts, codes, strict=True):
        print(f"===== pytest, {half.name} ({' '.join(half.args[:3])}…): exit {code}, "
              f"{half.seconds:.0f} s wall =====", flush=True)
        sys.stdout.write(half.log.read_text(errors="replace"))
    ran = [c for c in codes if c != NO_TESTS] or codes  # options may leave one half empty
    return next((c for c in ran if c), 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
