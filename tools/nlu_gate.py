#!/usr/bin/env python3
"""Quality gate for the NLU model (stdlib only).

Reads the ``intent_report.json`` written by
``rasa test nlu --nlu ../tests/nlu/holdout.yml --out DIR`` and computes the
macro-F1 over the intents the product requires.  Prints a per-intent table.

Exit status: 0 when macro-F1 >= --min-f1 and every required intent is in the
report; 1 otherwise; 2 when the report cannot be read.

    python3 tools/nlu_gate.py var/nlu-results            # a directory
    python3 tools/nlu_gate.py var/nlu-results/intent_report.json --min-f1 0.9
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("report", type=Path,
                        help="intent_report.json or the rasa test --out directory")
    parser.add_argument("--min-f1", type=float, default=0.90,
                        help="minimum macro-F1 (default 0.90)")
    args = parser.parse_args(argv)

    try:
        report = load_report(args.report)
    except (OSError, ValueError) as exc:
        print(f"nlu_gate: cannot read report: {exc}", file=sys.stderr)
        return 2

    macro, missing, rows = evaluate(report)
    print(f"{'intent':<22}{'prec':>7}{'recall':>8}{'f1':>7}{'n':>5}  confused with")
    for intent, p, r, f1, n, conf in sorted(rows, key=lambda x: x[3]):
        print(f"{intent:<22}{p:>7.3f}{r:>8.3f}{f1:>7.3f}{n:>5}  {conf}")
    for intent in missing:
        print(f"{intent:<22}{'MISSING':>27}")
    print(f"macro-F1 over {len(REQUIRED_INTENTS)} required intents: {macro:.4f} "
          f"(min {args.min_f1:.2f})")

    if missing:
        print(f"FAIL: missing intents: {', '.join(missing)}")
        return 1
    if macro < args.min_f1:
        print("FAIL: macro-F1 below threshold")
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
