#!/usr/bin/env python3
"""Quality gate for the NLU model.

Reads the ``intent_report.json`` written by
``rasa test nlu --nlu ../tests/nlu/holdout_blind.yml --out DIR`` and computes the
macro-F1 over the intents the product requires.  Prints a per-intent table and, with
``--holdout`` and ``--train``, beside it the F1 of a TF-IDF + LinearSVC baseline
(tools/nlu_baseline.py, needs scikit-learn: run it with the bot environment) trained on
the same training data and scored on the same held-out file.

Exit status: 0 when macro-F1 >= --min-f1, every required intent is in the report with
F1 >= --min-intent-f1 and, with a baseline, the macro-F1 is above the baseline's;
1 otherwise; 2 when the report cannot be read.

    python3 tools/nlu_gate.py var/nlu-results            # a directory
    python tools/nlu_gate.py var/results/nlu --min-f1 0.96 --min-intent-f1 0.90 \
        --holdout tests/nlu/holdout_blind.yml --train bot/data/nlu
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REQUIRED_INTENTS = (
    "report_problem", "check_status", "check_coverage", "request_maintenance",
    "cancel_request", "request_human", "complain", "inform", "greet", "goodbye",
    "affirm", "deny", "thank", "bot_challenge", "help", "out_of_scope",
)

Report = dict[str, Any]  # rasa's intent_report.json: intent -> precision, recall, f1-score...
Row = tuple[str, float, float, float, int, str]  # intent, precision, recall, f1, support, confused


def load_report(path: Path) -> Report:
    if path.is_dir():
        path = path / "intent_report.json"
    with path.open(encoding="utf-8") as fh:
        report = json.load(fh)
    if not isinstance(report, dict):
        raise ValueError(f"{path}: not an intent report")  # noqa: TRY004 - bad content, not type
    return report


def top_confusions(row: dict[str, Any], n: int = 2) -> str:
    confused = row.get("confused_with") or {}
    pairs = sorted(confused.items(), key=lambda kv: -kv[1])[:n]
    return ", ".join(f"{name}({count})" for name, count in pairs)


def evaluate(report: Report, required: Sequence[str] = REQUIRED_INTENTS,
             ) -> tuple[float, list[str], list[Row]]:
    """Return (macro_f1 over required intents present, missing intents, rows)."""
    rows: list[Row] = []
    missing: list[str] = []
    for intent in required:
        row = report.get(intent)
        if not isinstance(row, dict) or "f1-score" not in row:
            missing.append(intent)
            continue
        rows.append((intent, float(row.get("precision", 0.0)), float(row.get("recall", 0.0)),
                     float(row["f1-score"]), int(row.get("support", 0)), top_confusions(row)))
    f1s = [r[3] for r in rows]
    # A missing intent counts as F1 = 0 so it can never raise the average.
    macro = sum(f1s) / len(required) if required else 0.0
    return macro, missing, rows


def baseline_f1(holdout: Path, train: Path) -> dict[str, float]:
    """Per required intent, the F1 of the TF-IDF + LinearSVC baseline (tools/nlu_baseline)."""
    from tools import nlu_baseline

    files = sorted(train.rglob("*.yml")) if train.is_dir() else [train]
    return nlu_baseline.per_intent_f1(nlu_baseline.examples(files),
                                      nlu_baseline.examples([holdout]), REQUIRED_INTENTS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("report", type=Path,
                        help="intent_report.json or the rasa test --out directory")
    parser.add_argument("--min-f1", type=float, default=0.90,
                        help="minimum macro-F1 (default 0.90)")
    parser.add_argument("--min-intent-f1", type=float, default=0.0,
                        help="minimum F1 of every required intent (default 0)")
    parser.add_argument("--holdout", type=Path, help="the held-out file the report scored")
    parser.add_argument("--train", type=Path, help="training data (file or directory)")
    args = parser.parse_args(argv)

    try:
        report = load_report(args.report)
    except (OSError, ValueError) as exc:
        print(f"nlu_gate: cannot read report: {exc}", file=sys.stderr)
        return 2
    base = baseline_f1(args.holdout, args.train) if args.holdout and args.train else {}

    macro, missing, rows = evaluate(report)
    print(f"{'intent':<22}{'prec':>7}{'recall':>8}{'f1':>7}{'n':>5}"
          f"{'baseline f1':>13}  confused with")
    for intent, p, r, f1, n, conf in sorted(rows, key=lambda x: x[3]):
        other = f"{base[intent]:>13.3f}" if intent in base else f"{'-':>13}"
        print(f"{intent:<22}{p:>7.3f}{r:>8.3f}{f1:>7.3f}{n:>5}{other}  {conf}")
    for intent in missing:
        print(f"{intent:<22}{'MISSING':>27}")
    print(f"macro-F1 over {len(REQUIRED_INTENTS)} required intents: {macro:.4f} "
          f"(min {args.min_f1:.2f}; every intent >= {args.min_intent_f1:.2f})")
    failures = []
    if base:
        base_macro = sum(base.values()) / len(REQUIRED_INTENTS)
        print(f"baseline TF-IDF + LinearSVC on the same data: {base_macro:.4f}")
        if macro <= base_macro:
            failures.append("macro-F1 not above the baseline's")
    if missing:
        failures.append(f"missing intents: {', '.join(missing)}")
    if macro < args.min_f1:
        failures.append("macro-F1 below threshold")
    low = [f"{r[0]} {r[3]:.3f}" for r in rows if r[3] < args.min_intent_f1]
    if low:
        failures.append(f"intents below {args.min_intent_f1:.2f}: {', '.join(low)}")
    for failure in failures:
        print(f"FAIL: {failure}")
    if failures:
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
