"""``tools/at_time.sh`` (``make test-at``): a command and every process it starts see the
same moved clock, the one issue 17 §5 runs ``make test`` on (a Sunday night, a working
morning)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "at_time.sh"
# the parent's now, then a child process's now, each as seconds since the epoch
PROBE = ("import subprocess, sys, time; print(time.time()); "
         "print(subprocess.run([sys.executable, '-c', 'import time; print(time.time())'], "
         "capture_output=True, text=True, check=True).stdout.strip())")

needs_faketime = pytest.mark.skipif(shutil.which("faketime") is None,
                                    reason="no faketime (tools/setup_env.sh installs it as root)")


def at(instant: str, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(SCRIPT), instant, *command], capture_output=True,
                          text=True, timeout=60, check=False)


@needs_faketime
@pytest.mark.parametrize("instant", ["2026-12-13T03:00:00+01:00", "2026-12-09T10:00:00+01:00",
                                     "2025-01-05T03:00:00+01:00"])
def test_the_command_and_its_children_share_the_moved_clock(instant: str) -> None:
    done = at(instant, sys.executable, "-c", PROBE)
    assert done.returncode == 0, done.stderr
    parent, child = (float(line) for line in done.stdout.split())
    target = datetime.fromisoformat(instant).timestamp()
    assert target <= parent < target + 30
    assert parent <= child < parent + 30  # one offset: a child does not start the clock again


def test_a_wrong_instant_or_no_command_is_refused_with_a_reason() -> None:
    wrong = at("next sunday-ish", "true")
    assert wrong.returncode == 2 and "not an instant" in wrong.stderr
    alone = subprocess.run(["bash", str(SCRIPT), "2026-12-13T03:00:00+01:00"],
                           capture_output=True, text=True, check=False)
    assert alone.returncode == 2 and "usage" in alone.stderr
