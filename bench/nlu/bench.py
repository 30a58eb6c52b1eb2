"""`make bench-nlu`: each system on CLINC150 and BANKING77, one child process per
(dataset, system) so that training seconds and peak memory are its own. Prints a table
and writes var/bench/nlu.json. Run with the bot environment's python from the repo root:
`.venv/bot/bin/python -m bench.nlu.bench [--clinc-per-intent N] [--banking-per-intent N]`."""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.nlu import data
from bench.nlu.metrics import PUBLISHED, score, table

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str, args: argparse.Namespace) -> data.Dataset:
    root = Path(os.environ.get("AVISA_BENCHMARKS", "/work/shared/benchmarks"))
    if name == "clinc150":
        return data.clinc150(root, args.clinc_per_intent)
    return data.banking77(root, args.banking_per_intent)


def child(name: str, system: str, args: argparse.Namespace) -> dict[str, Any]:
    from bench.nlu.models import Baseline, RasaPipeline, peak_mb

    ds = _load(name, args)
    model = Baseline() if system == "tfidf_svc" else RasaPipeline()
    seconds = model.fit(ds.train)
    memory = peak_mb()
    predict = model.predict
    result = score(ds, predict)
    return {"dataset": ds.name, "system": system, "train_examples": len(ds.train),
            "train_full": ds.train_full, "train_seconds": round(seconds, 1),
            "peak_memory_mb": round(memory), **result}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clinc-per-intent", type=int, default=50)
    parser.add_argument("--banking-per-intent", type=int, default=60)
    parser.add_argument("--only", nargs=2, metavar=("DATASET", "SYSTEM"))
    parser.add_argument("--out", default=str(ROOT / "var" / "bench" / "nlu.json"))
    args = parser.parse_args()
    if args.only:
        print(json.dumps(child(args.only[0], args.only[1], args)))
        return 0
    started, rows = time.perf_counter(), []
    for name in ("clinc150", "banking77"):
        for system in ("tfidf_svc", "rasa_config_yml"):
            cmd = [sys.executable, "-m", "bench.nlu.bench", "--only", name, system,
                   "--clinc-per-intent", str(args.clinc_per_intent),
                   "--banking-per-intent", str(args.banking_per_intent)]
            done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                print(done.stderr[-3000:], file=sys.stderr)
                return 1
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(f"  {name} {system}: done", file=sys.stderr)
    report = {"date": time.strftime("%Y-%m-%d"), "machine": f"{platform.machine()}, "
              f"{os.cpu_count()} cores, {platform.platform()}",
              "total_seconds": round(time.perf_counter() - started), "results": rows,
              "published": PUBLISHED,
              "notes": f"training sets subsampled: CLINC150 {args.clinc_per_intent}/intent, "
                       f"BANKING77 {args.banking_per_intent}/intent; full test sets"}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
