"""`python -m backend.dedupe.evaluate FILE.jsonl [--split tune|test|all] [--sink db|memory] [--json]`

Feeds each labelled case through a sink and prints pairwise and B-cubed figures,
automatic and with every ask answered correctly, and the share of reports asked
about. `--sink db` (the default) runs the product's ReportProblem handler on a fresh
SQLite database per case (`backend.dedupe.db_sink`); `--sink memory` runs only the
domain's blocking, scoring and decision (fast; what `tune` uses).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from backend.dedupe.cases import Case, load_cases
from backend.dedupe.db_sink import DbSink
from backend.dedupe.run import Evaluation, ModeResult, evaluate
from backend.services.dedupe.config import DEFAULT_PATH, load_config
from backend.dedupe.sink import InMemorySink
from backend.domain.dedupe import DedupeConfig


def _row(name: str, mode: ModeResult) -> str:
    p, b = mode.pairwise, mode.bcubed
    return (
        f"{name:<10} pairwise P {p.precision:.3f} R {p.recall:.3f} F1 {p.f1:.3f} | "
        f"B-cubed P {b.precision:.3f} R {b.recall:.3f} F1 {b.f1:.3f} | asked {mode.ask_share:.1%}"
    )


def render(result: Evaluation) -> str:
    return "\n".join(
        [
            f"{result.cases} cases, {result.reports} reports",
            _row("automatic", result.automatic),
            _row("answered", result.answered),
        ]
    )


async def evaluate_with(cases: Sequence[Case], config: DedupeConfig, sink: str) -> Evaluation:
    """Evaluate on the named sink ("db" or "memory"), cleaning up after the database."""
    if sink == "memory":
        return await evaluate(cases, InMemorySink(config))
    db = DbSink(config)
    try:
        return await evaluate(cases, db)
    finally:
        await db.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backend.dedupe.evaluate", description=__doc__)
    parser.add_argument("file", type=Path, help="labelled cases, one JSON object a line")
    parser.add_argument("--split", choices=("tune", "test", "all"), default="all")
    parser.add_argument(
        "--config", type=Path, default=DEFAULT_PATH, help="thresholds and weights (YAML)"
    )
    parser.add_argument("--sink", choices=("db", "memory"), default="db",
                        help="db: the ReportProblem service on SQLite (default); memory: domain only")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    cases = load_cases(args.file, args.split)
    if not cases:
        print(f"no cases in {args.file} for split {args.split}", file=sys.stderr)
        return 2
    result = asyncio.run(evaluate_with(cases, load_config(args.config), args.sink))
    print(json.dumps(result.as_dict(), indent=2) if args.json else render(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
