"""Part ``nlu``: NLU inference time per message through Rasa's HTTP API
(``POST /model/parse``, behind AVISA_TOKEN_RASA), on the held-out messages of
tests/nlu/holdout.yml. Baseline in the same run: ``GET /version`` on the same server,
i.e. what the HTTP round trip alone costs.

    python -m bench.nlu_speed [--quick]
"""

from __future__ import annotations

import argparse
import json
import re
import time
import urllib.request
from pathlib import Path
from typing import Any

import yaml

from bench import stack as stacks
from bench.chat import percentile

HOLDOUT = stacks.ROOT / "tests/nlu/holdout.yml"
ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def messages(path: Path = HOLDOUT) -> list[str]:
    """The held-out examples as plain text (entity annotations removed)."""
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
    parse = [_timed(_parse_request(stack, token, t))
             for t in tqdm(texts, desc="nlu", unit="msg", disable=not progress, leave=False)]
    baseline = [_timed(version) for _ in texts]
    stats, base = _stats(parse), _stats(baseline)
    return {"parse": stats, "http_baseline": base,
            "parse_minus_http_p50_ms": stats["p50_ms"] - base["p50_ms"],
            "parse_over_http_p50": stats["p50_ms"] / base["p50_ms"]}


def _parse_request(stack: stacks.Stack, token: str, text: str) -> urllib.request.Request:
    return urllib.request.Request(
        f"{stack.rasa}/model/parse?token={token}", data=json.dumps({"text": text}).encode(),
        headers={"Content-Type": "application/json"}, method="POST")


def run(quick: bool = False, progress: bool = False,
        stack: stacks.Stack | None = None) -> dict[str, Any]:
    count = 60 if quick else 400
    if stack is not None:
        return measure(stack, count, progress)
    with stacks.running() as fresh:
        return measure(fresh, count, progress)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.nlu_speed", description=__doc__)
    parser.add_argument("--quick", action="store_true")
    print(json.dumps(run(parser.parse_args().quick, progress=True), indent=2))


if __name__ == "__main__":
    main()
