"""`python -m backend.dedupe.evaluate FILE.jsonl… [--split tune|test|all] [--sink db|memory]
[--cv K] [--json]`

Feeds each labelled case through a sink and prints pairwise and B-cubed figures,
automatic and with every ask answered correctly, and the share of reports asked
about. `--sink db` (the default) runs the product's ReportProblem handler on a fresh
SQLite database per case (`backend.dedupe.db_sink`); `--sink memory` runs only the
domain's blocking, scoring and decision (the figures are the same, much faster).

`--cv K` measures the learned scorer honestly: K folds by case over all the files;
for each fold the weights, the L2 penalty and the bands are learned on the other K-1
folds only (the penalty and bands on inner folds of those: nested cross-validation,
`backend.dedupe.cv`), and the held-out fold is scored once (domain only).

A case that cannot be read or run is listed under "errors" (file, line, case, why)
and left out of the figures; it never stops the command.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from backend.dedupe.cases import Case, CaseError, read_cases
from backend.dedupe.cv import cross_validate
from backend.dedupe.db_sink import DbSink
from backend.dedupe.learn import TooFewCases, add_policy_arguments, policy_from
from backend.dedupe.run import Evaluation, ModeResult, evaluate
from backend.dedupe.sink import InMemorySink
from backend.domain.dedupe import DedupeConfig
from backend.services.dedupe.config import DEFAULT_PATH, load_config


def _row(name: str, mode: ModeResult) -> str:
    p, b = mode.pairwise, mode.bcubed
    return (
        f"{name:<10} pairwise P {p.precision:.3f} R {p.recall:.3f} F1 {p.f1:.3f} | "
        f"B-cubed P {b.precision:.3f} R {b.recall:.3f} F1 {b.f1:.3f} | asked {mode.ask_share:.1%}"
    )


def render(result: Evaluation, title: str = "") -> str:
    lines = [
        f"{title}{result.cases} cases, {result.reports} reports",
        _row("automatic", result.automatic),
        _row("answered", result.answered),
    ]
    lines += [f"error: {e.source}:{e.line} case {e.case}: {e.error}" for e in result.errors]
    return "\n".join(lines)


async def evaluate_with(cases: Sequence[Case], config: DedupeConfig, sink: str) -> Evaluation:
    """Evaluate on the named sink ("db" or "memory"), cleaning up after the database."""
    if sink == "memory":
        return await evaluate(cases, InMemorySink(config))
    db = DbSink(config)
    try:
        return await evaluate(cases, db)
    finally:
        await db.close()


def _with_errors(result: Evaluation, errors: Sequence[CaseError]) -> Evaluation:
    return Evaluation(result.cases, result.reports, result.automatic, result.answered,
                      (*errors, *result.errors))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m backend.dedupe.evaluate", description=__doc__)
    parser.add_argument(
        "files", type=Path, nargs="+", help="labelled cases, one JSON object a line"
    )
    parser.add_argument("--split", choices=("tune", "test", "all"), default="all")
    parser.add_argument(
        "--config", type=Path, default=DEFAULT_PATH, help="thresholds and model (YAML)"
    )
    parser.add_argument("--sink", choices=("db", "memory"), default="db",
                        help="db: the ReportProblem service on SQLite (default); "
                             "memory: domain only")
    parser.add_argument("--cv", type=int, default=0, metavar="K",
                        help="K-fold cross-validation by case of the learned scorer")
    add_policy_arguments(parser)  # with --cv: how each fold learns
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    cases: list[Case] = []
    errors: list[CaseError] = []
    for path in args.files:
        got, bad = read_cases(path, args.split)
        cases += got
        errors += bad
    if args.cv:
        config = load_config(args.config, learned=False)
        try:
            cv = cross_validate(cases, config, args.cv, policy_from(args))
        except TooFewCases as error:
            print(f"error: {error}", file=sys.stderr)
            for e in errors:
                print(f"error: {e.source}:{e.line} case {e.case}: {e.error}", file=sys.stderr)
            return 2
        overall = _with_errors(cv.overall, errors)
        if args.json:
            print(json.dumps({**cv.as_dict(), "overall": overall.as_dict()}, indent=2))
        else:
            print(render(overall, f"{args.cv}-fold cross-validation: "))
            for source, result in cv.by_file.items():
                print(render(result, f"{source}: "))
            chosen = ", ".join(f"{l2:g} {m:.2f}/{a:.2f}" for l2, m, a in cv.chosen)
            print("chosen on inner folds (l2 merge/ask) by fold: " + chosen)
        return 0
    if not cases and not errors:
        print(f"no cases in {', '.join(map(str, args.files))} for split {args.split}",
              file=sys.stderr)
        return 2
    result = _with_errors(
        asyncio.run(evaluate_with(cases, load_config(args.config), args.sink)), errors
    )
    print(json.dumps(result.as_dict(), indent=2) if args.json else render(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
