"""Billing-run throughput: n contracts in a fresh SQLite database (bulk insert), one billing
run over them, compared with a baseline measured in the same run: a bulk insert of n invoice
rows with the same driver (aiosqlite through SQLAlchemy Core).

    python -m bench.billing --n 100000
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import insert

from backend.adapters.db import create_engine, session_factory
from backend.adapters.migrate import upgrade
from backend.adapters.orm import BillingDocumentRow, Contract, ContractVersion, Customer
from backend.services.billing.run import run_billing
from backend.services.platform.uow import UnitOfWorkFactory

PERIOD = "2026-11"
NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
CHUNK = 5000
CPU: dict[str, float] = {}  # process CPU seconds of the last baseline insert and billing run
FREQUENCIES = ("monthly",) * 6 + ("quarterly",) * 2 + ("semiannual", "annual")
TERMS: dict[str, Any] = {
    "type": "full_maintenance", "incident_types": ["mechanical", "electrical"],
    "covered_hours": {"timezone": "Europe/Madrid", "schedule": "mon-fri 08:00-18:00"},
    "response_hours": {"critical": 4, "high": 8, "medium": 24, "low": 72},
    "resolution_hours": {"critical": 24, "high": 48, "medium": 120, "low": 240},
    "allowance": {"hours": 40, "visits": 12},
    "renewal": {"every_months": 12, "price_change_pct": "3.0"},
}


def _contracts(n: int, rng: random.Random) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    contracts, versions = [], []
    first = date(2026, 11, 1)
    for i in range(1, n + 1):
        start = first - relativedelta(months=rng.randrange(12), days=-rng.randrange(28))
        terms = {**TERMS, "price": f"{rng.randrange(50, 3000)}.00",
                 "billing": rng.choice(FREQUENCIES)}
        cid = f"CT-{i:06d}"
        contracts.append({"id": cid, "customer_code": f"C-{i % 1000 + 1:04d}", "start": start,
                          "end": None, "state": "active", "clauses": None,
                          **{k: v for k, v in terms.items() if k != "price"},
                          "price": Decimal(terms["price"])})
        versions.append({"contract_id": cid, "number": 1, "kind": "initial", "valid_from": start,
                         "valid_to": None, "terms": terms, "note": None, "created_at": NOW})
    return contracts, versions


async def _bulk(url: str, rows: dict[Any, list[dict[str, Any]]]) -> float:
    engine = create_engine(url)
    started = time.perf_counter()
    CPU["baseline"] = time.process_time()
    try:
        async with engine.begin() as conn:
            for model, values in rows.items():
                for i in range(0, len(values), CHUNK):
                    await conn.execute(insert(model), values[i:i + CHUNK])
    finally:
        await engine.dispose()
    CPU["baseline"] = time.process_time() - CPU["baseline"]
    return time.perf_counter() - started


def _invoice_rows(n: int) -> list[dict[str, Any]]:
    return [{"id": f"INV-{i:06d}", "kind": "contract_invoice", "state": "issued",
             "customer_code": f"C-{i % 1000 + 1:04d}", "reference": f"CT-{i:06d}/{PERIOD}",
             "incident_id": None, "service_order_id": None, "contract_id": f"CT-{i:06d}",
             "period": PERIOD, "language": "es", "currency": "EUR", "net": Decimal("100.00"),
             "vat": Decimal("21.00"), "total": Decimal("121.00"), "covered": Decimal("0.00"),
             "issue_date": NOW.date(), "created_at": NOW, "issued_at": NOW, "exported_at": None}
            for i in range(1, n + 1)]


async def _billing(url: str, progress: bool) -> tuple[float, int]:
    engine = create_engine(url)
    uows = UnitOfWorkFactory(session_factory(engine), lambda: NOW)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        result = await run_billing(uows, PERIOD, progress=progress)
        CPU["billing"] = time.process_time() - cpu
        return time.perf_counter() - started, len(result["invoices"])
    finally:
        await engine.dispose()


def run(n: int = 100_000, progress: bool = False) -> dict[str, float]:
    rng = random.Random(20261127)
    with tempfile.TemporaryDirectory() as tmp:
        main, base = (f"sqlite+aiosqlite:///{Path(tmp) / name}" for name in ("b.db", "base.db"))
        upgrade(main)
        upgrade(base)
        contracts, versions = _contracts(n, rng)
        customers = [{"code": f"C-{i:04d}", "name": f"Customer {i}", "tax_id": None,
                      "language": "es" if i % 3 else "en"} for i in range(1, 1001)]
        asyncio.run(_bulk(main, {Customer: customers, Contract: contracts,
                                 ContractVersion: versions}))
        asyncio.run(_bulk(base, {Customer: customers}))
        baseline = asyncio.run(_bulk(base, {BillingDocumentRow: _invoice_rows(n)}))
        seconds, invoices = asyncio.run(_billing(main, progress))
    contracts_per_s, rows_per_s = n / seconds, n / baseline
    return {"contracts_per_s": round(contracts_per_s, 1),
            "baseline_rows_per_s": round(rows_per_s, 1),
            "ratio": round(contracts_per_s / rows_per_s, 4), "invoices": invoices,
            "seconds": round(seconds, 2), "baseline_seconds": round(baseline, 2),
            # CPU seconds of this process (all threads): on a shared machine the wall clock
            # measures the neighbours too, CPU time much less (docs/performance.md)
            "cpu_seconds": round(CPU["billing"], 2),
            "baseline_cpu_seconds": round(CPU["baseline"], 2),
            "cpu_ratio": round(CPU["baseline"] / CPU["billing"], 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=100_000)
    args = parser.parse_args()
    result = run(args.n, progress=True)
    print(f"\n{'measure':<22}{'value':>14}")
    print(f"{'contracts':<22}{args.n:>14}")
    for key, value in result.items():
        print(f"{key:<22}{value:>14}")


if __name__ == "__main__":
    main()
