"""The dialogue suite's results: var/results/dialogues.json, written after every
conversation, and the table `make dialogues` prints.

    python -m tests.dialogues.report [--strict]   # table + total; --strict (or
                                                  # DIALOGUES_STRICT=1): exit 1 under 90 %
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from tests.dialogues.checks import Check

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "var/results/dialogues.json"
THRESHOLD = 0.9


def record(path: Path, source: str, entry: dict[str, Any]) -> None:
    """Adds (or replaces) one conversation's result in the results file."""
    data: dict[str, Any] = {"file": source, "conversations": []}
    if path.exists():
        loaded = json.loads(path.read_text(encoding="utf-8"))
        if loaded.get("file") == source:
            data = loaded
    data["conversations"] = [c for c in data["conversations"] if c["id"] != entry["id"]]
    data["conversations"].append(entry)
    data["conversations"].sort(key=lambda c: c["id"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def entry(conv_id: str, channel: str, language: str, checks: list[Check],
          transcript: str) -> dict[str, Any]:
    return {"id": conv_id, "channel": channel, "language": language,
            "passed": all(c.passed for c in checks),
            "checks": [{"name": c.name, "passed": c.passed, "detail": c.detail} for c in checks],
            "transcript": transcript}


def table(data: dict[str, Any]) -> tuple[str, float]:
    rows = [f"{'id':<6} {'channel':<9} {'lang':<4} {'checks':>7}  failed checks"]
    passed = checks_ok = checks_all = 0
    convs = data.get("conversations", [])
    for c in convs:
        ok = sum(1 for k in c["checks"] if k["passed"])
        failed = ", ".join(k["name"] for k in c["checks"] if not k["passed"])
        rows.append(f"{c['id']:<6} {c['channel']:<9} {c['language']:<4} "
                    f"{ok:>3}/{len(c['checks']):<3}  {failed or '-'}")
        passed += int(c["passed"])
        checks_ok += ok
        checks_all += len(c["checks"])
    share = passed / len(convs) if convs else 0.0
    rows.append(f"total: {passed}/{len(convs)} conversations pass fully ({share:.0%}), "
                f"checks {checks_ok}/{checks_all}  [{data.get('file', '?')}]")
    return "\n".join(rows), share


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    strict = args.strict or os.environ.get("DIALOGUES_STRICT") == "1"
    if not args.results.exists():
        print(f"no results at {args.results}: the suite did not run", file=sys.stderr)
        return 1
    text, share = table(json.loads(args.results.read_text(encoding="utf-8")))
    print(text)
    if strict and share < THRESHOLD:
        print(f"strict: {share:.0%} < {THRESHOLD:.0%}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
