"""`python -m bench.dedupe [--quick] [--reports N] [--json]`

Latency of the duplicate search per incoming report — the product's own check
(`backend.services.dedupe.report.check`: the customer's machines, the SQL-blocked
candidate incidents, the domain's decision) — with 1,000, 10,000 and 100,000 open
incidents spread over 5,000 customers and 1,000,000 closed ones in a SQLite file,
next to a naive baseline measured in the same run: rapidfuzz `process.extract`
over every open incident's text. Databases are generated with bulk inserts under
var/bench/ and reused when present (their names carry the fingerprint of the text analysis
stored with each report: code that analyses otherwise makes new ones). `--quick`: 100,000
closed, 1,000 and 10,000 open.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from backend.adapters.db import create_engine, session_factory
from backend.adapters.migrate import upgrade
from backend.adapters.orm import Conversation
from backend.services.dedupe import analyses
from backend.services.dedupe.config import load_config
from backend.services.dedupe.report import check
from backend.services.platform.uow import UnitOfWorkFactory

ROOT = Path(__file__).resolve().parents[1] / "var" / "bench"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
CUSTOMERS = 5_000
FULL = {"closed": 1_000_000, "open": (1_000, 10_000, 100_000), "reports": 200}
QUICK = {"closed": 100_000, "open": (1_000, 10_000), "reports": 50}
BATCH = 20_000
TEXTS = (
    "el compresor {s} no arranca, saltan las protecciones",
    "compressor {s} leaking oil, there is a puddle under it",
    "la fotocopiadora {s} se atasca con cada hoja",
    "the copier {s} shows error E-42 and stops",
    "el compresor {s} hace un ruido metálico muy fuerte",
    "copier {s} prints with black stripes on every page",
    "pierde aire el compresor {s} por la válvula",
    "la fotocopiadora {s} no enciende desde esta mañana",
)
CHANNELS = ("email", "sms", "telegram", "web")


def _ts(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _machines(n: int) -> tuple[tuple[str, str], tuple[str, str]]:
    return (f"EQ-{n}-1", f"CMP-{n}-A"), (f"EQ-{n}-2", f"KM-{n}-B")


@cache
def _analysis(text: str) -> str:
    """What filing the report stores with it (a few thousand texts, each analysed once)."""
    return json.dumps(analyses.stored(text))


def _incidents(rng: random.Random, prefix: str, count: int, states: Sequence[str],
               days: tuple[float, float]) -> Iterator[tuple[tuple[Any, ...], tuple[Any, ...]]]:
    for i in range(count):
        n = rng.randrange(CUSTOMERS)
        eq, serial = rng.choice(_machines(n))
        text = rng.choice(TEXTS).format(s=serial if rng.random() < 0.5 else "")
        at = NOW - timedelta(days=rng.uniform(*days))
        iid, channel = f"{prefix}{i:07d}", rng.choice(CHANNELS)
        yield ((iid, f"C-{n}", eq, text, "medium", "corrective", rng.choice(states), channel,
                _ts(at), _ts(at + timedelta(hours=rng.uniform(0, 30))), 1),
               (iid, channel, f"addr-{n}", text, _ts(at), json.dumps([eq]), "new",
                _analysis(text)))


def _insert(db: sqlite3.Connection, rows: Iterator[tuple[tuple[Any, ...], tuple[Any, ...]]]
            ) -> None:
    inc_sql = ("INSERT INTO incidents (id, customer_code, equipment_id, symptom, priority, "
               "service_type, state, channel, created_at, updated_at, version) "
               "VALUES (?,?,?,?,?,?,?,?,?,?,?)")
    rep_sql = ("INSERT INTO incident_reports (incident_id, channel, address, text, at, "
               "equipment_ids, decision, analysis) VALUES (?,?,?,?,?,?,?,?)")
    while True:
        batch = [row for _, row in zip(range(BATCH), rows, strict=False)]
        if not batch:
            break
        db.executemany(inc_sql, [b[0] for b in batch])
        db.executemany(rep_sql, [b[1] for b in batch])
    db.commit()


def _remove(path: Path) -> None:
    """A database file and the -wal/-shm files a crashed run may have left beside it."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


@contextmanager
def _writing(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection for bulk generation that commits, leaves WAL mode and closes: the file
    can then be renamed or copied on its own, with no -wal beside it. (`with
    sqlite3.connect()` only commits; renaming a WAL database with its -wal left behind gave
    "disk I/O error".) The file is a scratch copy until renamed: no journal, no fsync
    while writing (every row written once, not to the log and then to the file)."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-262144")  # 256 MiB: index pages stay in memory
    try:
        with db:
            yield db
        db.execute("PRAGMA journal_mode=DELETE")
    finally:
        db.close()


def base_db(closed: int) -> Path:
    """Customers, machines and `closed` closed incidents (2 % of them in the last month)."""
    path = ROOT / f"dedupe-closed-{closed}-{analyses.FINGERPRINT}.sqlite"
    if path.exists():
        return path
    ROOT.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    _remove(tmp)
    upgrade(f"sqlite+aiosqlite:///{tmp}")
    rng = random.Random(1)
    with _writing(tmp) as db:
        db.executemany("INSERT INTO customers (code, name, language) VALUES (?,?,?)",
                       [(f"C-{n}", f"Customer {n}", "es") for n in range(CUSTOMERS)])
        db.executemany(
            "INSERT INTO equipment (id, serial, customer_code, family, description) "
            "VALUES (?,?,?,?,?)",
            [(eq, serial, f"C-{n}", family, family)
             for n in range(CUSTOMERS)
             for (eq, serial), family in zip(_machines(n), ("compressor", "copier"), strict=True)],
        )
        recent = closed // 50
        _insert(db, _incidents(rng, "INC-C", recent, ("closed", "resolved"), (1, 30)))
        _insert(db, _incidents(rng, "INC-D", closed - recent, ("closed",), (60, 720)))
    tmp.rename(path)
    return path


def open_db(closed: int, count: int) -> Path:
    path = ROOT / f"dedupe-closed-{closed}-open-{count}-{analyses.FINGERPRINT}.sqlite"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        _remove(tmp)
        shutil.copyfile(base_db(closed), tmp)
        with _writing(tmp) as db:
            states = ("new", "new", "assigned", "in_progress")
            _insert(db, _incidents(random.Random(count), "INC-O", count, states, (0, 60)))
            db.execute("ANALYZE")
        tmp.rename(path)
    return path


def _stats(samples: Sequence[float], cpu: Sequence[float] = ()) -> dict[str, float]:
    """Median and p99 of the wall times; with `cpu`, the median CPU time of the process
    (both threads: aiosqlite's and the loop's), which a loaded machine disturbs less."""
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    out = {"median_ms": statistics.median(ordered) * 1000, "p99_ms": p99 * 1000}
    if cpu:
        out["cpu_median_ms"] = statistics.median(cpu) * 1000
    return out


def _cold_caches() -> None:
    """Empty the detector's text caches (texts analysed, machines inferred), so that every
    size starts as the first one did: the closed incidents, the customers and the report
    wording are the same at each size, and a size measured after another would otherwise
    find their analyses cached."""
    for name, module in list(sys.modules.items()):
        if name.startswith("backend.domain.dedupe"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


async def _ours(path: Path, reports: Sequence[tuple[str, str]]) -> dict[str, float]:
    _cold_caches()
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    uows = UnitOfWorkFactory(session_factory(engine), lambda: NOW)
    config, samples, cpu = load_config(), [], []
    try:
        for i, (customer, text) in enumerate(reports):
            conversation = Conversation(id="CONV-BENCH", channel="sms", address="+34600000000",
                                        customer_code=customer)
            async with uows() as uow:
                start, start_cpu = time.perf_counter(), time.process_time()
                await check(uow, conversation, text, None, config)
                if i >= 10:  # the first ones warm the caches
                    samples.append(time.perf_counter() - start)
                    cpu.append(time.process_time() - start_cpu)
    finally:
        await engine.dispose()
    return _stats(samples, cpu)


def _naive(path: Path, reports: Sequence[tuple[str, str]]) -> dict[str, float]:
    with sqlite3.connect(path) as db:
        texts = [r[0] for r in db.execute(
            "SELECT symptom FROM incidents WHERE state NOT IN ('resolved','closed','cancelled')")]
    samples, cpu = [], []
    for _, text in reports[10:]:
        start, start_cpu = time.perf_counter(), time.process_time()
        process.extract(text, texts, scorer=fuzz.token_set_ratio, limit=5)
        samples.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return _stats(samples, cpu)


def _incoming(rng: random.Random, count: int, size: int) -> list[tuple[str, str]]:
    """(customer, text) of the reports measured at one size: the same customers and
    faults at every size, each text told apart by when it started ("desde las 07:41"), as
    people's texts are (the same 8 texts at every size were analysed once and then
    found in the detector's caches)."""
    out = []
    for n in range(count):
        text = rng.choice(TEXTS).format(s="")
        out.append((f"C-{rng.randrange(CUSTOMERS)}",
                    f"{text}, desde las {n % 24:02d}:{size % 60:02d} (aviso {n}/{size})"))
    return out


def run(quick: bool = False, reports: int | None = None) -> dict[str, Any]:
    plan = QUICK if quick else FULL
    closed = int(plan["closed"])  # type: ignore[call-overload]
    count = (reports or int(plan["reports"])) + 10  # type: ignore[call-overload]
    sizes: dict[str, Any] = {}
    paths = {size: open_db(closed, size) for size in plan["open"]}  # type: ignore[attr-defined]
    # the process warms up once (imports, SQLAlchemy's statement cache, allocator) before
    # any size is measured: the first size measured paid for it before
    asyncio.run(_ours(next(iter(paths.values())), _incoming(random.Random(8), 60, 0)))
    for size, path in paths.items():
        incoming = _incoming(random.Random(7), count, size)
        ours = asyncio.run(_ours(path, incoming))
        naive = _naive(path, incoming)
        sizes[str(size)] = {
            "ours": ours, "naive": naive,
            "naive_over_ours_median": naive["median_ms"] / ours["median_ms"],
            "naive_over_ours_cpu_median": naive["cpu_median_ms"] / ours["cpu_median_ms"]}
    medians = [s["ours"]["median_ms"] for s in sizes.values()]
    cpu = [s["ours"]["cpu_median_ms"] for s in sizes.values()]
    return {"customers": CUSTOMERS, "closed": closed, "reports": count - 10, "sizes": sizes,
            "median_largest_over_smallest": medians[-1] / medians[0],
            "cpu_median_largest_over_smallest": cpu[-1] / cpu[0]}


def render(result: dict[str, Any]) -> str:
    lines = [(f"{result['customers']} customers, {result['closed']:,} closed incidents, "
             f"{result['reports']} reports per size"),
             ("open       ours median/p99 ms (CPU)    naive median/p99 ms (CPU)    "
              "naive÷ours median (CPU)")]
    for size, s in result["sizes"].items():
        o, n = s["ours"], s["naive"]
        lines.append(f"{int(size):>7,}   {o['median_ms']:8.2f} /{o['p99_ms']:7.2f} "
                     f"({o['cpu_median_ms']:5.2f})   {n['median_ms']:9.2f} /{n['p99_ms']:8.2f} "
                     f"({n['cpu_median_ms']:7.2f})   {s['naive_over_ours_median']:7.1f}× "
                     f"({s['naive_over_ours_cpu_median']:.1f}×)")
    lines.append(f"ours: median at the largest size ÷ at the smallest = "
                 f"{result['median_largest_over_smallest']:.2f} "
                 f"(CPU {result['cpu_median_largest_over_smallest']:.2f}); CPU medians are "
                 f"those of the process, less disturbed by a loaded machine")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dedupe", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    parser.add_argument("--reports", type=int, help="reports measured per size")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run(args.quick, args.reports)
    print(json.dumps(result, indent=2) if args.json else render(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
