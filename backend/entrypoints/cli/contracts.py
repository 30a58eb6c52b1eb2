"""`avisa contracts list|show|create|amend|renew|suspend|activate|cancel`."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from backend.entrypoints.cli.common import guarded, run_job, table


def _list(args: argparse.Namespace) -> int:
    from backend.services.contracts.commands import list_contracts

    found = run_job(lambda u: list_contracts(u, args.customer))["contracts"]
    print(table(("id", "customer", "type", "state", "start", "end", "price", "billing"),
                [(c["id"], c["customer_code"], c["type"], c["state"], c["start"], c["end"],
                  c["price"], c["billing"]) for c in found]))
    return 0


def _show(args: argparse.Namespace) -> int:
    from backend.services.contracts.commands import show_contract

    found = run_job(lambda u: show_contract(u, args.id))
    versions = found.pop("versions")
    print(json.dumps(found, indent=2, ensure_ascii=False))
    print(table(("version", "kind", "valid_from", "valid_to", "price", "note"),
                [(v["number"], v["kind"], v["valid_from"], v["valid_to"], v["terms"]["price"],
                  v["note"]) for v in versions]))
    return 0


def _create(args: argparse.Namespace) -> int:
    from backend.services.contracts.commands import create_contract

    body = yaml.safe_load(Path(args.file).read_text(encoding="utf-8"))
    body = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in body.items()}
    created = run_job(lambda u: create_contract(u, body))
    print(f"{created['id']} created ({created['state']}), version 1 from {created['start']}")
    return 0


def _changes(pairs: Sequence[str]) -> dict[str, Any]:
    changes = {}
    for pair in pairs:
        key, _, raw = pair.partition("=")
        value = yaml.safe_load(raw)
        changes[key.strip()] = str(value) if key.strip() == "price" else value
    return changes


def _amend(args: argparse.Namespace) -> int:
    from backend.services.contracts.commands import amend_contract

    version = run_job(lambda u: amend_contract(u, args.id, date.fromisoformat(args.valid_from),
                                               _changes(args.set), args.note))
    print(f"{args.id}: version {version['number']} valid from {version['valid_from']}"
          f" to {version['valid_to'] or 'open end'}")
    return 0


def _renew(args: argparse.Namespace) -> int:
    from backend.services.contracts.commands import renew_contract

    until = date.fromisoformat(args.until) if args.until else None
    done = run_job(lambda u: renew_contract(u, args.id, until, args.price_change))
    print(f"{args.id}: renewed from {done['valid_from']} to {done['contract']['end']}, "
          f"price {done['terms']['price']}")
    return 0


def _state(target: str) -> Callable[[argparse.Namespace], int]:
    def change(args: argparse.Namespace) -> int:
        from backend.services.contracts.commands import change_state

        done = run_job(lambda u: change_state(u, args.id, target))
        print(f"{done['id']}: {done['state']}")
        return 0

    return change


def add_parser(groups: Any) -> None:
    sub = groups.add_parser("contracts", help="contracts and their versions").add_subparsers(
        dest="action", required=True)
    p = sub.add_parser("list", help="every contract")
    p.add_argument("--customer")
    p.set_defaults(run=guarded(_list))
    p = sub.add_parser("show", help="a contract with its versions")
    p.add_argument("id")
    p.set_defaults(run=guarded(_show))
    p = sub.add_parser("create", help="from a YAML file laid out like data/contracts.yml items")
    p.add_argument("--file", required=True)
    p.set_defaults(run=guarded(_create))
    p = sub.add_parser("amend", help="new version of the terms from a date")
    p.add_argument("id")
    p.add_argument("--from", dest="valid_from", required=True, help="YYYY-MM-DD")
    p.add_argument("--set", action="append", required=True, metavar="FIELD=YAML",
                   help="e.g. price=1500.00, 'incident_types=[mechanical, leak]'")
    p.add_argument("--note")
    p.set_defaults(run=guarded(_amend))
    p = sub.add_parser("renew", help="extend the end by one term")
    p.add_argument("id")
    p.add_argument("--until")
    p.add_argument("--price-change", help="per cent; default: the renewal rule's")
    p.set_defaults(run=guarded(_renew))
    for verb, target in (("suspend", "suspended"), ("activate", "active"),
                         ("cancel", "cancelled")):
        p = sub.add_parser(verb, help=f"contract → {target}")
        p.add_argument("id")
        p.set_defaults(run=guarded(_state(target)))
