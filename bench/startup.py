"""Part ``startup``: time from start to ready of the four processes when everything is
built (fresh database already migrated; the model already trained), resident memory of
each process, and the ``rasa train`` time (timed with ``--train``; otherwise the last
timing recorded in var/bench/train.json).

    python -m bench.startup [--train]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import stack as stacks

TRAIN_RECORD = stacks.ROOT / "var/bench/train.json"


def time_training() -> dict[str, Any]:
    """One ``rasa train`` of bot/ into a temporary folder (var/models is left alone)."""
    with tempfile.TemporaryDirectory(prefix="avisa-train-") as out:
        started = time.monotonic()
        subprocess.run(
            [str(stacks.ROOT / ".venv/bot/bin/rasa"), "train", "--quiet", "--config", "config.yml",
             "--domain", "domain", "--data", "data", "--out", out, "--fixed-model-name", "timed"],
            cwd=stacks.ROOT / "bot",
            env={"PYTHONPATH": f".:{stacks.ROOT}", "PATH": "/usr/bin:/bin"},
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.monotonic() - started
    record = {"train_seconds": seconds, "measured_at": datetime.now(UTC).isoformat(),
              "load_average": Path("/proc/loadavg").read_text().split()[:3]}
    TRAIN_RECORD.parent.mkdir(parents=True, exist_ok=True)
    TRAIN_RECORD.write_text(json.dumps(record, indent=2))
    return record


def last_training() -> dict[str, Any] | None:
    if TRAIN_RECORD.exists():
        return dict(json.loads(TRAIN_RECORD.read_text()))
    return None


def measure(stack: stacks.Stack) -> dict[str, Any]:
    return {"ready_seconds": stack.ready_seconds, "rss_mib": stack.rss_mib()}


def run(train: bool = False, stack: stacks.Stack | None = None) -> dict[str, Any]:
    if stack is None:
        with stacks.running() as fresh:
            result = measure(fresh)
    else:
        result = measure(stack)
    result["training"] = time_training() if train else last_training()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__)
    parser.add_argument("--train", action="store_true", help="time one `rasa train` too")
    print(json.dumps(run(parser.parse_args().train), indent=2))


if __name__ == "__main__":
    main()
