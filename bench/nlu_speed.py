"""Part ``nlu``: how long the product model takes to train (one ``rasa train`` of bot/
into a temporary folder, Rasa's training cache off: wall and CPU seconds; ``--quick``
reports the last one timed)
and NLU inference per message through Rasa's HTTP API (``POST /model/parse``, behind
AVISA_TOKEN_RASA) on held-out messages (tests/nlu/holdout_blind.yml): latency, and CPU
seconds of the Rasa process per parsed message (goal <= 5 ms). Baseline in the same run:
``GET /version`` on the same server, i.e. what the HTTP round trip alone costs.

    python -m bench.nlu_speed [--quick]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import yaml

from bench import stack as stacks
from bench.chat import percentile

HOLDOUTS = (stacks.ROOT / "tests/nlu/holdout_blind.yml",)
TRAIN_RECORD = stacks.ROOT / "var/bench/nlu-train.json"
ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def messages(path: Path | None = None) -> list[str]:
    """The held-out examples as plain text (entity annotations removed)."""
    if path is None:
        path = next((p for p in HOLDOUTS if p.exists()), HOLDOUTS[-1])
    found: list[str] = []
    for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
        for line in str(block.get("examples", "")).splitlines():
            line = line.strip()
            if line.startswith("- "):
                found.append(ANNOTATION.sub(r"\1", line[2:]))
    return found


def _timed(request: urllib.request.Request) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def _stats(ms: list[float]) -> dict[str, float]:
    return {"n": len(ms), "mean_ms": sum(ms) / len(ms), "p50_ms": percentile(ms, 50),
            "p95_ms": percentile(ms, 95)}


def measure(stack: stacks.Stack, count: int, progress: bool = False) -> dict[str, Any]:
    from tqdm import tqdm

    token = stack.tokens["AVISA_TOKEN_RASA"]
    texts = messages()[:count]
    version = urllib.request.Request(f"{stack.rasa}/version")
    for text in texts[:5]:  # warm-up
        _timed(_parse_request(stack, token, text))
    cpu = stack.cpu_seconds().get("rasa", 0.0)
    parse = [_timed(_parse_request(stack, token, t))
             for t in tqdm(texts, desc="nlu", unit="msg", disable=not progress, leave=False)]
    parse_cpu = stack.cpu_seconds().get("rasa", 0.0) - cpu
    cpu = stack.cpu_seconds().get("rasa", 0.0)
    baseline = [_timed(version) for _ in texts]
    version_cpu = stack.cpu_seconds().get("rasa", 0.0) - cpu
    stats, base = _stats(parse), _stats(baseline)
    return {"rasa_cpu_ms_per_parse": round(1000 * parse_cpu / len(texts), 2),
            "rasa_cpu_ms_per_version": round(1000 * version_cpu / len(texts), 2),
            "parse": stats, "http_baseline": base,
            "parse_minus_http_p50_ms": stats["p50_ms"] - base["p50_ms"],
            "parse_over_http_p50": stats["p50_ms"] / base["p50_ms"]}


def _parse_request(stack: stacks.Stack, token: str, text: str) -> urllib.request.Request:
    return urllib.request.Request(
        f"{stack.rasa}/model/parse?token={token}", data=json.dumps({"text": text}).encode(),
        headers={"Content-Type": "application/json"}, method="POST")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_training() -> dict[str, Any]:
    """One ``rasa train`` (NLU and dialogue) of bot/ into a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="avisa-train-") as out:
        started, cpu = time.monotonic(), _children_cpu()
        subprocess.run(
            [str(stacks.ROOT / ".venv/bot/bin/rasa"), "train", "--quiet", "--config", "config.yml",
             "--domain", "domain", "--data", "data", "--out", out, "--fixed-model-name", "timed"],
            cwd=stacks.ROOT / "bot",
            # RASA_MAX_CACHE_SIZE=0: Rasa's training cache (bot/.rasa/cache) off, so every
            # component is trained, not taken from an earlier `make model` of the same inputs.
            env={"PYTHONPATH": f".:{stacks.ROOT}", "PATH": "/usr/bin:/bin",
                 "RASA_MAX_CACHE_SIZE": "0", "RASA_TELEMETRY_ENABLED": "false"}, check=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        record = {"train_seconds": round(time.monotonic() - started, 1),
                  "train_cpu_seconds": round(_children_cpu() - cpu, 1),
                  "load_average": Path("/proc/loadavg").read_text().split()[:3],
                  "measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    TRAIN_RECORD.parent.mkdir(parents=True, exist_ok=True)
    TRAIN_RECORD.write_text(json.dumps(record, indent=2), encoding="utf-8")
    return record


def last_training() -> dict[str, Any]:
    if TRAIN_RECORD.exists():
        return dict(json.loads(TRAIN_RECORD.read_text(encoding="utf-8")))
    return {"train_seconds": None, "note": "not timed yet: run without --quick"}


def run(quick: bool = False, progress: bool = False,
        stack: stacks.Stack | None = None) -> dict[str, Any]:
    count = 60 if quick else 400
    training = last_training() if quick else time_training()
    if stack is not None:
        return {"training": training, **measure(stack, count, progress)}
    with stacks.running() as fresh:
        return {"training": training, **measure(fresh, count, progress)}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.nlu_speed", description=__doc__)
    parser.add_argument("--quick", action="store_true")
    print(json.dumps(run(parser.parse_args().quick, progress=True), indent=2))


if __name__ == "__main__":
    main()
