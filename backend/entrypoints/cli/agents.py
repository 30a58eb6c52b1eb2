"""`avisa agents create|list|passwd|queues`: console accounts, managed by admins.

Passwords are read from AVISA_AGENT_PASSWORD when set (scripts, tests), else asked twice
without echo; they are stored only as argon2id hashes.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from backend.domain.errors import InvalidRequest
from backend.entrypoints.cli.common import guarded, run_job, table
from backend.services.handoff.agents import ROLES


def _password() -> str:
    given = os.environ.get("AVISA_AGENT_PASSWORD")
    if given:
        return given
    first = getpass.getpass("password: ")
    if first != getpass.getpass("again: "):
        raise InvalidRequest("the two passwords differ")
    return first


def _queues(text: str) -> list[str]:
    return [q.strip() for q in text.split(",") if q.strip()]


def _print(agent: dict[str, Any]) -> None:
    state = "active" if agent["active"] else "inactive"
    print(f"{agent['username']} ({agent['role']}, {state}): {agent['name']}; "
          f"queues {', '.join(agent['queues']) or '-'}")


def _create(args: argparse.Namespace) -> int:
    from backend.services.handoff.agents import create_agent

    password = _password()
    _print(run_job(lambda u: create_agent(u, args.username, args.name or args.username,
                                          password, args.role, _queues(args.queues),
                                          args.language)))
    return 0


def _list(args: argparse.Namespace) -> int:
    from backend.services.handoff.agents import list_agents

    found = run_job(list_agents)["agents"]
    print(table(("username", "name", "role", "active", "available", "queues"),
                [(a["username"], a["name"], a["role"], a["active"], a["available"],
                  ",".join(a["queues"])) for a in found]))
    return 0


def _passwd(args: argparse.Namespace) -> int:
    from backend.services.handoff.agents import set_password

    password = _password()
    _print(run_job(lambda u: set_password(u, args.username, password)))
    print("password changed; the agent's sessions were closed", file=sys.stderr)
    return 0


def _set_queues(args: argparse.Namespace) -> int:
    from backend.services.handoff.agents import set_queues

    _print(run_job(lambda u: set_queues(u, args.username, _queues(args.queues),
                                        args.active, args.role)))
    return 0


def add_parser(groups: Any) -> None:
    sub = groups.add_parser("agents", help="agent console accounts").add_subparsers(
        dest="action", required=True)
    p = sub.add_parser("create", help="a new agent (password from AVISA_AGENT_PASSWORD or asked)")
    p.add_argument("username")
    p.add_argument("--name")
    p.add_argument("--role", choices=ROLES, default="agent")
    p.add_argument("--queues", default="general", help="comma-separated, e.g. general,urgent")
    p.add_argument("--language", choices=("es", "en"), default="es")
    p.set_defaults(run=guarded(_create))
    sub.add_parser("list", help="every agent").set_defaults(run=guarded(_list))
    p = sub.add_parser("passwd", help="set a password (ends the agent's sessions)")
    p.add_argument("username")
    p.set_defaults(run=guarded(_passwd))
    p = sub.add_parser("queues", help="set the queues (and role, active) of an agent")
    p.add_argument("username")
    p.add_argument("queues", help="comma-separated")
    p.add_argument("--role", choices=ROLES)
    state = p.add_mutually_exclusive_group()
    state.add_argument("--active", dest="active", action="store_true", default=None)
    state.add_argument("--inactive", dest="active", action="store_false")
    p.set_defaults(run=guarded(_set_queues))
