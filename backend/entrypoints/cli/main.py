"""`avisa` command line: db upgrade, demo load, tokens ensure, incidents show."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable
from pathlib import Path

from backend.config import Settings
from backend.domain.errors import AvisaError
from backend.entrypoints.cli import agents as cli_agents
from backend.entrypoints.cli import billing as cli_billing
from backend.entrypoints.cli import contracts as cli_contracts
from backend.entrypoints.cli import imports as cli_imports
from backend.entrypoints.cli import nlu as cli_nlu
from backend.entrypoints.cli import reports as cli_reports
from backend.entrypoints.cli import technicians as cli_technicians

Command = Callable[[argparse.Namespace], int]


def _db_upgrade(args: argparse.Namespace) -> int:
    from backend.adapters.migrate import upgrade

    url = Settings.from_env().database_url
    _ensure_sqlite_dir(url)
    upgrade(url)
    print(f"database at head: {url.split('@')[-1]}")
    return 0


def _ensure_sqlite_dir(url: str) -> None:
    prefix = "sqlite+aiosqlite:///"
    if url.startswith(prefix) and url != prefix + ":memory:":
        Path(url.removeprefix(prefix)).parent.mkdir(parents=True, exist_ok=True)


def _demo_load(args: argparse.Namespace) -> int:
    from backend.services.platform.demo_load import DemoDataError, load_directory

    try:
        settings = Settings.from_env()
        counts = asyncio.run(load_directory(settings.database_url, Path(args.data),
                                            settings.clock()))
    except DemoDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(", ".join(f"{n} {kind}" for kind, n in counts.items()) + " loaded")
    return 0


def _tokens_ensure(args: argparse.Namespace) -> int:
    from backend.tokens import ensure_tokens

    for key, value in ensure_tokens(Path(args.file)).items():
        print(f"{key}={value}")
    return 0


def _incidents_show(args: argparse.Namespace) -> int:
    from backend.services.platform.admin import show_incident

    try:
        detail = asyncio.run(show_incident(Settings.from_env().database_url, args.id))
    except (LookupError, AvisaError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(detail, indent=2, ensure_ascii=False))
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="avisa", description="Avisa backend administration")
    groups = root.add_subparsers(dest="group", required=True)
    db = groups.add_parser("db").add_subparsers(dest="action", required=True)
    db.add_parser("upgrade", help="run the migrations up to head").set_defaults(run=_db_upgrade)
    demo = groups.add_parser("demo").add_subparsers(dest="action", required=True)
    load = demo.add_parser("load", help="upsert data/*.yml into the database")
    load.add_argument("--data", default="data", help="folder with customers.yml etc.")
    load.set_defaults(run=_demo_load)
    tokens = groups.add_parser("tokens").add_subparsers(dest="action", required=True)
    ensure = tokens.add_parser("ensure", help="create missing AVISA_TOKEN_* and print them")
    ensure.add_argument("--file", default="var/tokens.env")
    ensure.set_defaults(run=_tokens_ensure)
    incidents = groups.add_parser("incidents").add_subparsers(dest="action", required=True)
    show = incidents.add_parser("show", help="an incident with its audit trail")
    show.add_argument("id", help="INC-00001, #1, 1…")
    show.set_defaults(run=_incidents_show)
    cli_contracts.add_parser(groups)
    cli_agents.add_parser(groups)
    cli_billing.add_parser(groups)
    cli_nlu.add_parser(groups)
    cli_technicians.add_parser(groups)
    cli_imports.add_parser(groups)
    cli_reports.add_parser(groups)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    run: Command = args.run
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
