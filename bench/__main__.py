"""``python -m bench``: runs the bench parts asked for, with a progress bar, prints a
table and writes var/bench/results.json and var/bench/latency.png.

    python -m bench                      # every part
    python -m bench --part chat --quick  # one part, small sizes
    python -m bench --part chat --env SANIC_WORKERS=2   # an experiment on the stack

Parts ``chat``, ``nlu`` and ``startup`` share one fresh stack (startup last, so the
resident memory is read after the load); ``billing`` and ``dedupe`` need none.
``reports`` (bench/reports.py) makes its year of data once per size and generator (cached
under var/bench/ and as a PostgreSQL database, migrated to the current schema on each run).
``failover`` (bench/failover.py) starts its own scaled stack and runs only when asked; so
does ``ocr`` (bench/ocr.py: serial plates read from generated photos).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

from tqdm import tqdm

from bench import report
from bench import stack as stacks

PARTS = ("chat", "nlu", "startup", "billing", "dedupe", "reports", "failover", "ocr")
# failover: its own scaled stack (nginx, PostgreSQL, Redis); ocr: Tesseract on a generated set
OPT_IN = ("failover", "ocr")
STACK_PARTS = ("chat", "nlu", "startup")


def _runner(name: str, args: argparse.Namespace,
            stack: stacks.Stack | None) -> Callable[[], dict[str, Any]]:
    if name == "chat":
        from bench import chat

        levels = [int(x) for x in args.levels.split(",")] if args.levels else None
        return lambda: chat.run(args.quick, progress=True, levels=levels, stack=stack)
    if name == "nlu":
        from bench import nlu_speed as nlu

        return lambda: nlu.run(args.quick, progress=True, stack=stack)
    if name == "startup":
        from bench import startup

        return lambda: startup.run(train=args.train, stack=stack)
    if name == "failover":
        from bench import failover

        return lambda: failover.run(args.quick, env=dict(i.split("=", 1) for i in args.env))
    if name == "billing":
        from bench import billing

        return lambda: billing.run(5_000 if args.quick else 100_000, progress=True)
    if name == "ocr":
        from bench import ocr

        return lambda: ocr.run(args.quick, progress=True)
    if name == "reports":
        from bench import reports

        return lambda: reports.run(args.quick, progress=True)
    from bench import dedupe

    return lambda: dedupe.run(quick=args.quick)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--part", action="append", default=[],
                        help=f"one of {', '.join(PARTS)} (repeatable or comma-separated; "
                             "default: all)")
    parser.add_argument("--quick", action="store_true", help="small sizes (a few minutes)")
    parser.add_argument("--levels", help="chat concurrency levels, e.g. 1,5,20,50")
    parser.add_argument("--train", action="store_true", help="startup: time one `rasa train`")
    parser.add_argument("--env", action="append", default=[], metavar="KEY=VALUE",
                        help="extra environment for the bench stack (experiments)")
    parser.add_argument("--label", default="", help="stored with the results")
    args = parser.parse_args(argv)
    asked = ([p for item in args.part for p in item.split(",") if p]
             or [p for p in PARTS if p not in OPT_IN])
    unknown = sorted(set(asked) - set(PARTS))
    if unknown:
        parser.error(f"unknown part(s): {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    args.parts = [p for p in PARTS if p in asked]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    extra = dict(item.split("=", 1) for item in args.env)
    results: dict[str, Any] = {}
    with ExitStack() as scope:
        stack = None
        if any(p in STACK_PARTS for p in args.parts):
            print("starting a fresh stack (own ports, fresh SQLite database)…", flush=True)
            stack = scope.enter_context(stacks.running(extra))
            print(f"stack ready in {stack.ready_seconds:.1f} s", flush=True)
        bar = tqdm(args.parts, desc="bench", unit="part")
        for name in bar:
            bar.set_postfix_str(name)
            load_before = report.loadavg()
            started = time.monotonic()
            result = _runner(name, args, stack)()
            results[name] = {"result": result, "seconds": time.monotonic() - started,
                             "quick": args.quick, "env": extra, "label": args.label,
                             "load_before": load_before, "load_after": report.loadavg(),
                             "measured_at": report.machine()["date"]}
        bar.close()
    path = report.save(results)
    print(report.table(results))
    if "chat" in results:
        print(f"chart: {report.chart(results['chat']['result'])}")
    print(f"results: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
