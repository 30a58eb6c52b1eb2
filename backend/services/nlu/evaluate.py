"""Evaluating a model on tests/nlu/holdout_blind.yml (`rasa test nlu`) and the conversation
tests (`rasa test core`), and comparing a candidate with the active model."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from backend.services.nlu import outcomes
from backend.services.nlu.config import NluConfig


async def _rasa(cfg: NluConfig, *args: str) -> int:
    env = {**os.environ, "PYTHONPATH": f".:{cfg.root}"}
    proc = await asyncio.create_subprocess_exec(
        str(cfg.rasa_bin), *args, cwd=cfg.bot_dir, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
    return await proc.wait()


def parse_nlu(out: Path) -> dict[str, Any]:
    report = json.loads((out / "intent_report.json").read_text(encoding="utf-8"))
    per_intent = {name: {"precision": round(v["precision"], 4), "recall": round(v["recall"], 4),
                         "f1": round(v["f1-score"], 4), "support": v["support"]}
                  for name, v in report.items() if isinstance(v, dict) and "support" in v
                  and not name.endswith("avg")}
    errors_path = out / "intent_errors.json"
    errors = json.loads(errors_path.read_text(encoding="utf-8")) if errors_path.exists() else []
    pairs = Counter(f"{e['intent']}→{e['intent_prediction']['name']}" for e in errors)
    return {"macro_f1": round(report["macro avg"]["f1-score"], 4),
            "accuracy": round(report.get("accuracy", 0.0), 4),
            "per_intent": per_intent, "confusions": dict(pairs), "misread": outcomes.misread(out)}


def parse_core(out: Path, code: int) -> dict[str, Any]:
    failed = out / "failed_test_stories.yml"
    text = failed.read_text(encoding="utf-8") if failed.exists() else ""
    return {"failed_stories": text.count("- story:"), "passed": code == 0}


async def evaluate(cfg: NluConfig, model: Path) -> dict[str, Any]:
    """Cached per model file (path, size and mtime)."""
    stat = model.stat()
    key = hashlib.sha256(f"{model.resolve()}:{stat.st_size}:{stat.st_mtime}".encode()).hexdigest()
    out = cfg.results_dir / key[:16]
    cached = out / "summary.json"
    if cached.exists():
        result: dict[str, Any] = json.loads(cached.read_text(encoding="utf-8"))
        return result
    out.mkdir(parents=True, exist_ok=True)
    await _rasa(cfg, "test", "nlu", "--model", str(model.resolve()), "--nlu",
                str(cfg.root / "tests/nlu/holdout_blind.yml"), "--out", str(out / "nlu"),
                "--no-plot")
    code = await _rasa(cfg, "test", "core", "--model", str(model.resolve()), "--stories",
                       str(cfg.root / "tests/conversations"), "--out", str(out / "core"),
                       "--no-plot")
    result = {"model": str(model), "nlu": parse_nlu(out / "nlu"),
              "core": parse_core(out / "core", code)}
    cached.write_text(json.dumps(result), encoding="utf-8")
    return result


def compare(candidate: dict[str, Any], active: dict[str, Any]) -> dict[str, Any]:
    """Per-intent F1 of both, confusion pairs that changed, and whether it is worse."""
    cand, act = candidate["nlu"], active["nlu"]
    intents = sorted(set(cand["per_intent"]) | set(act["per_intent"]))
    rows = [
        {"intent": i, "candidate": cand["per_intent"].get(i), "active": act["per_intent"].get(i)}
        for i in intents
    ]
    pairs = sorted(set(cand["confusions"]) | set(act["confusions"]))
    changed = [{"pair": p, "candidate": cand["confusions"].get(p, 0),
                "active": act["confusions"].get(p, 0)}
               for p in pairs if cand["confusions"].get(p, 0) != act["confusions"].get(p, 0)]
    return {"candidate": {"macro_f1": cand["macro_f1"], "core": candidate["core"]},
            "active": {"macro_f1": act["macro_f1"], "core": active["core"],
                       "model": active.get("model")},
            "per_intent": rows, "confusions_changed": changed,
            "got_worse": outcomes.got_worse(cand.get("misread", []), act.get("misread", [])),
            "worse": cand["macro_f1"] < act["macro_f1"]}


async def misread_on(cfg: NluConfig, model: Path, data: Path, out: Path) -> list[dict[str, str]]:
    """The examples of ``data`` that ``model`` misreads (`rasa test nlu`)."""
    await _rasa(cfg, "test", "nlu", "--model", str(model.resolve()), "--nlu", str(data),
                "--out", str(out), "--no-plot")
    return outcomes.misread(out)
