"""Part ``chat``: N concurrent customers (1, 5, 20, 50) play whole conversations through
(a) the gateway's REST channel and (b) Rasa's REST channel directly, on one fresh stack.
Ratio (a)/(b) is the baseline of this part: the gateway's cost over Rasa + actions + backend.

    python -m bench.chat [--quick] [--levels 1,5,20]

Bounded: each level plays at most ``conversations_per_level`` conversations and starts
no new one after ``level_seconds``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import aiohttp

from bench import stack as stacks
from bench.conversation import ConversationError, Customer, Outbox
from bench.customers import COUNT, customer

LEVELS = (1, 5, 20, 50)
PATHS = ("gateway", "rasa")
MESSAGES_PER_CONVERSATION = 8  # greeting..small talk, with one button


@dataclass(frozen=True)
class Plan:
    levels: tuple[int, ...]
    conversations: Callable[[int], int]
    level_seconds: float


FULL = Plan(LEVELS, lambda c: max(c, 6), 120.0)
QUICK = Plan((1, 5, 20), lambda c: max(c, 3), 45.0)


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def summarise(latencies: list[float], wall: float, errors: int, flow_errors: int,
              conversations: int) -> dict[str, Any]:
    ms = [x * 1000 for x in latencies]
    return {"messages": len(ms), "seconds": wall, "msg_per_s": len(ms) / wall if wall else 0.0,
            "p50_ms": percentile(ms, 50), "p95_ms": percentile(ms, 95),
            "p99_ms": percentile(ms, 99), "mean_ms": statistics.fmean(ms) if ms else 0.0,
            "errors": errors, "flow_errors": flow_errors, "conversations": conversations}


async def level(stack: stacks.Stack, http: aiohttp.ClientSession, outbox: Outbox, path: str,
                concurrency: int, plan: Plan, tick: Callable[[int], None]) -> dict[str, Any]:
    """``concurrency`` workers, each with its own bench customer, play conversations."""
    total = plan.conversations(concurrency)
    queue = list(range(total))
    deadline = time.monotonic() + plan.level_seconds
    latencies: list[float] = []
    counts = {"errors": 0, "flow": 0, "done": 0}

    async def worker(slot: int) -> None:
        while queue and time.monotonic() < deadline:
            queue.pop()
            one = Customer(path, customer(slot), stack, http)
            try:
                await one.play(outbox)
            except (ConversationError, aiohttp.ClientError, TimeoutError):
                counts["flow"] += 1
            latencies.extend(one.latencies)
            counts["errors"] += one.errors
            counts["done"] += 1
            tick(len(one.latencies))

    load_before = os.getloadavg()[0]
    started, cpu_before, own_before = time.monotonic(), stack.cpu_seconds(), time.process_time()
    await asyncio.gather(*(worker(slot) for slot in range(min(concurrency, COUNT))))
    result = summarise(latencies, time.monotonic() - started, counts["errors"], counts["flow"],
                       counts["done"])
    cpu_after = stack.cpu_seconds()
    spent = {n: cpu_after[n] - cpu_before.get(n, 0.0) for n in cpu_after}
    spent["load generator"] = time.process_time() - own_before
    result["cpu_ms_per_msg"] = {
        n: round(s * 1000 / max(1, len(latencies)), 1) for n, s in spent.items()}
    # the machine's 1-minute load average around the level: on a shared machine, the
    # figure to read latencies against
    result["load_1m"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    return result


async def measure(stack: stacks.Stack, plan: Plan, progress: bool = False) -> dict[str, Any]:
    from tqdm import tqdm

    expected = sum(plan.conversations(c) for c in plan.levels) * len(PATHS)
    bar = tqdm(total=expected * MESSAGES_PER_CONVERSATION, unit="msg", desc="chat",
               disable=not progress, leave=False)
    results: dict[str, Any] = {p: {} for p in PATHS}
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:
        outbox = Outbox(stack, http)
        for path in PATHS:  # warm-up: first messages load lazy parts of every process
            await level(stack, http, outbox, path, 1, Plan((1,), lambda c: 1, 60.0),
                        lambda n: None)
        for concurrency in plan.levels:
            for path in PATHS:
                bar.set_postfix_str(f"{path} x{concurrency}")
                results[path][str(concurrency)] = await level(
                    stack, http, outbox, path, concurrency, plan, bar.update)
    bar.close()
    ratios = {str(c): {k: results["gateway"][str(c)][k] / results["rasa"][str(c)][k]
                       for k in ("p50_ms", "p95_ms", "mean_ms")}
              for c in plan.levels}
    return {"paths": results, "gateway_over_rasa": ratios}


def run(quick: bool = False, progress: bool = False, levels: Sequence[int] | None = None,
        stack: stacks.Stack | None = None) -> dict[str, Any]:
    plan = QUICK if quick else FULL
    if levels:
        plan = Plan(tuple(levels), plan.conversations, plan.level_seconds)
    if stack is not None:
        return asyncio.run(measure(stack, plan, progress))
    with stacks.running() as fresh:
        return asyncio.run(measure(fresh, plan, progress))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.chat", description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--levels", help="comma-separated concurrency levels, e.g. 1,5,20")
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")] if args.levels else None
    print(json.dumps(run(args.quick, progress=True, levels=levels), indent=2))


if __name__ == "__main__":
    main()
