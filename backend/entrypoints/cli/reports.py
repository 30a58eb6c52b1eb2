"""`avisa reports rebuild`: every day's report rollups built again from the detail rows
(after an import, a restore or a migration that rewrote rows without the triggers; the
scheduler keeps them fresh otherwise)."""

from __future__ import annotations

import argparse
import time
from typing import Any

from backend.entrypoints.cli.common import guarded, run_job


def _rebuild(args: argparse.Namespace) -> int:
    from backend.services.platform.reports.rollups import rebuild

    started = time.perf_counter()
    days: int = run_job(rebuild)
    print(f"report rollups rebuilt: {days} days in {time.perf_counter() - started:.1f} s")
    return 0


def add_parser(groups: Any) -> None:
    sub = groups.add_parser("reports", help="service managers' reports").add_subparsers(
        dest="action", required=True)
    p = sub.add_parser("rebuild", help="build every day's report rollups again")
    p.set_defaults(run=guarded(_rebuild))
