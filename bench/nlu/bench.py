"""`make bench-nlu`: each system on CLINC150 and BANKING77, one child process per
(dataset, system) so that training seconds and peak memory are its own. Prints a table
and writes var/bench/nlu.json; each child's full output goes to var/bench/nlu-logs/.
Progress on stderr. Run with the bot environment's python from the repo root:
`.venv/bot/bin/python -m bench.nlu.bench [--clinc-per-intent N] [--banking-per-intent N]`
(N = 0, the default: the full published training sets)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.nlu import data
from bench.nlu.metrics import PUBLISHED, score, table

ROOT = Path(__file__).resolve().parents[2]
SYSTEMS = ("tfidf_svc", "rasa_config_yml")
DATASETS = ("clinc150", "banking77")
EPOCH = re.compile(r"Epochs:\s+\d+%.*?\|\s*(\d+)/(\d+) \[([0-9:]+)<([0-9:?]+)")


def _load(name: str, args: argparse.Namespace) -> data.Dataset:
    # the public sets beside the repository: ../shared/benchmarks
    default = Path(__file__).resolve().parents[3] / "shared" / "benchmarks"
    root = Path(os.environ.get("AVISA_BENCHMARKS", str(default)))
    if name == "clinc150":
        return data.clinc150(root, args.clinc_per_intent)
    return data.banking77(root, args.banking_per_intent)


def fallback_config(path: Path = ROOT / "bot" / "config.yml") -> tuple[float, float | None]:
    """The FallbackClassifier's threshold and ambiguity_threshold in bot/config.yml."""
    import yaml

    for item in yaml.safe_load(path.read_text(encoding="utf-8"))["pipeline"]:
        if item.get("name") == "FallbackClassifier":
            return float(item.get("threshold", 0.3)), item.get("ambiguity_threshold")
    raise SystemExit(f"no FallbackClassifier in {path}")


def child(name: str, system: str, args: argparse.Namespace) -> dict[str, Any]:
    from bench.nlu.models import Baseline, RasaPipeline, peak_mb, progress

    ds = _load(name, args)
    full = "full" if len(ds.train) == ds.train_full else "SUBSAMPLED"
    progress(f"training on {len(ds.train)}/{ds.train_full} examples ({full})")
    extra: dict[str, Any] = {}
    if system == "tfidf_svc":
        baseline = Baseline()
        seconds = baseline.fit(ds.train)
        memory = peak_mb()
        predict = baseline.predict
        extra["train_cpu_seconds"] = round(baseline.train_cpu_seconds, 1)
        threshold = ambiguity = None
    else:
        rasa = RasaPipeline()
        seconds = rasa.fit(ds.train)
        memory = rasa.train_peak_mb
        predict = rasa.predict
        extra["train_cpu_seconds"] = round(rasa.train_cpu_seconds, 1)
        threshold, ambiguity = fallback_config()
        if args.check_batched > 0:  # batched graph run == Agent.parse_message, per text
            texts = [t for t, _ in ds.test[:: max(1, len(ds.test) // args.check_batched)]]
            fast, slow = rasa.predict(texts), rasa.predict_one_by_one(texts)
            pairs = list(zip(fast, slow, strict=True))
            extra["batched_vs_parse_message"] = {
                "texts": len(texts), "same_intent": sum(a[0] == b[0] for a, b in pairs),
                "max_abs_confidence_diff": max(abs(a[1] - b[1]) for a, b in pairs)}
            progress(f"batched vs parse_message: {extra['batched_vs_parse_message']}")
    n = len(ds.test) + len(ds.val) + len(ds.oos_val) + len(ds.oos_test)
    progress(f"trained in {seconds:.0f} s; scoring {n} texts (test + validation, once each)")
    started = time.perf_counter()
    result = score(ds, predict, threshold, ambiguity)
    return {"dataset": ds.name, "system": system, "train_examples": len(ds.train),
            "train_full": ds.train_full, "train_seconds": round(seconds, 1),
            "peak_memory_mb": round(memory), "peak_memory_mb_incl_scoring": round(peak_mb()),
            "scored_texts": n, "scoring_seconds": round(time.perf_counter() - started, 1),
            **result, **extra}


def _run_child(cmd: list[str], log: Path, label: str, t0: float) -> int:
    """Runs one child; its output goes to `log`, its progress lines to our stderr."""
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONUNBUFFERED": "1"}
    shown_epoch = -1
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                env=env)
        assert proc.stdout is not None
        buffer = b""
        while chunk := os.read(proc.stdout.fileno(), 65536):
            buffer += chunk
            *lines, buffer = re.split(rb"[\r\n]", buffer)
            for raw in lines:
                line = raw.decode("utf-8", "replace")
                if not line.strip():
                    continue
                if (m := EPOCH.search(line)) is not None:
                    epoch, total = int(m.group(1)), int(m.group(2))
                    shown = epoch % 10 == 0 or epoch in (1, total)
                    if epoch != shown_epoch and epoch > 0 and shown:
                        shown_epoch = epoch
                        _say(t0, f"{label}: DIET epoch {epoch}/{total} "
                                 f"({m.group(3)} elapsed, ~{m.group(4)} left)")
                    continue
                out.write(line + "\n")
                if line.startswith("[bench-nlu] "):
                    _say(t0, f"{label}: {line[len('[bench-nlu] '):]}")
        out.write(buffer.decode("utf-8", "replace"))
        return proc.wait()


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _say(t0: float, message: str) -> None:
    elapsed = int(time.perf_counter() - t0)
    print(f"[bench-nlu {elapsed // 60:02d}:{elapsed % 60:02d}] {message}", file=sys.stderr,
          flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clinc-per-intent", type=int, default=0, help="0 = full (15,000)")
    parser.add_argument("--banking-per-intent", type=int, default=0, help="0 = full (10,003)")
    parser.add_argument("--check-batched", type=int, default=200, metavar="N",
                        help="compare batched prediction with Agent.parse_message on N texts")
    parser.add_argument("--only", nargs=2, metavar=("DATASET", "SYSTEM"))
    parser.add_argument("--result", help=argparse.SUPPRESS)
    parser.add_argument("--out", default=str(ROOT / "var" / "bench" / "nlu.json"))
    parser.add_argument("--table", metavar="JSON", help="only print the table of a report")
    args = parser.parse_args()
    if args.table:
        print(table(json.loads(Path(args.table).read_text(encoding="utf-8"))))
        return 0
    if args.only:
        result = child(args.only[0], args.only[1], args)
        Path(args.result).write_text(json.dumps(result), encoding="utf-8")
        return 0
    t0, rows = time.perf_counter(), []
    out = Path(args.out)
    logs = out.parent / "nlu-logs"
    logs.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    _say(t0, f"4 runs, one process each; logs in {_rel(logs)}/; "
             f"load {load[0]:.1f}")
    for name in DATASETS:
        for system in SYSTEMS:
            label = f"{name}/{system}"
            result_file = logs / f"{name}-{system}.json"
            result_file.unlink(missing_ok=True)
            cmd = [sys.executable, "-m", "bench.nlu.bench", "--only", name, system,
                   "--result", str(result_file), "--check-batched", str(args.check_batched),
                   "--clinc-per-intent", str(args.clinc_per_intent),
                   "--banking-per-intent", str(args.banking_per_intent)]
            _say(t0, f"{label}: start")
            log = logs / f"{name}-{system}.log"
            code = _run_child(cmd, log, label, t0)
            if code != 0 or not result_file.exists():
                tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
                print(tail, file=sys.stderr)
                _say(t0, f"{label}: FAILED (exit {code}); full output in {log}")
                return 1
            rows.append(json.loads(result_file.read_text(encoding="utf-8")))
            row = rows[-1]
            figure = row.get("accuracy", row.get("in_scope_accuracy"))
            _say(t0, f"{label}: done — {figure} %, trained {row['train_seconds']} s, "
                     f"{row['peak_memory_mb']} MB; load {os.getloadavg()[0]:.1f}")
    sampled = [f"{r['dataset']} {r['train_examples']}/{r['train_full']}" for r in rows
               if r["train_examples"] != r["train_full"] and r["system"] == SYSTEMS[0]]
    threshold, ambiguity = fallback_config()
    report = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
              "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                         f"{platform.platform()}, load at start {load[0]:.1f}, at end "
                         f"{os.getloadavg()[0]:.1f}",
              "total_seconds": round(time.perf_counter() - t0),
              "config_fallback": {"threshold": threshold, "ambiguity_threshold": ambiguity},
              "results": rows, "published": PUBLISHED,
              "notes": ("training sets SUBSAMPLED: " + ", ".join(sampled) if sampled else
                        "full training sets") + "; full test sets; OOS: top confidence < t, "
                       "t: the lowest with CLINC150 validation OOS recall >= 50 % at 95 % "
                       "confidence (Wilson lower bound)"}
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(table(report))
    _say(t0, f"total {report['total_seconds']} s; wrote {_rel(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
