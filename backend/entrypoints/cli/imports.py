"""`avisa import PATH…`: a company's customers, contacts, equipment, contracts, technicians
and open incidents (with history, booked visits and ordered parts) from CSV/JSON files
(docs/import.md). Every bad row is printed and nothing is imported (exit 2)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any

from backend.config import Settings


def _import(args: argparse.Namespace) -> int:
    from backend.services.platform.imports.run import ImportRejected, import_files

    settings = Settings.from_env()
    try:
        counts = asyncio.run(import_files(settings.database_url, [Path(p) for p in args.paths],
                                          settings.clock(), args.timezone))
    except ImportRejected as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"nothing imported: {len(exc.problems)} problem(s)", file=sys.stderr)
        return 2
    print("imported: " + (", ".join(f"{n} {kind}" for kind, n in counts.items()) or "nothing"))
    return 0


def add_parser(groups: Any) -> None:
    p = groups.add_parser("import", help="import a company's data from CSV/JSON files "
                                         "(all or nothing; running it again changes nothing)")
    p.add_argument("paths", nargs="+", help="folders or files: customers.csv, visits.json, "
                                            "or a .json object of lists by kind")
    p.add_argument("--timezone", default="Europe/Madrid",
                   help="zone of times written without an offset (default Europe/Madrid)")
    p.set_defaults(run=_import)
